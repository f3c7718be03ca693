package dev.anneal.train.embed;

import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One output file under construction: written as {@code <target>.partial} beside the target, then
 * renamed onto it ({@link #publish()}) or deleted ({@link #delete()}).
 */
final class PartialFile {

    private final Path target;
    private final Path partial;

    private PartialFile(Path target) {
        this.target = target;
        this.partial = target.resolveSibling(target.getFileName() + ".partial");
    }

    /**
     * A fresh partial file for {@code target}: its folder is created and a stale partial is deleted.
     *
     * @throws AnnealException when that fails
     */
    static PartialFile beside(Path target) {
        PartialFile file = new PartialFile(target);
        try {
            Path folder = target.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Files.deleteIfExists(file.partial);
        } catch (IOException e) {
            throw new AnnealException("cannot write " + target + ": " + e, e);
        }
        return file;
    }

    Path target() {
        return target;
    }

    Path partial() {
        return partial;
    }

    /** Renames the finished partial file onto the target, replacing it. */
    void publish() throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes the partial file if it is there; used while another error is being reported. */
    void delete() {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // the error that made us give up matters more than a leftover partial file
        }
    }
}
