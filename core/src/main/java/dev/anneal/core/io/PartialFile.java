package dev.anneal.core.io;

import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One output file written as a stream: it grows as {@code <target>.partial} beside the target and is
 * renamed onto it when complete ({@link #publish()}), or deleted ({@link #delete()}), so the target
 * never holds half a file. {@link AtomicFiles} does the same for content that is in memory at once.
 */
public final class PartialFile {

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
    public static PartialFile beside(Path target) {
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

    public Path target() {
        return target;
    }

    public Path partial() {
        return partial;
    }

    /** Renames the finished partial file onto the target, replacing it. */
    public void publish() throws IOException {
        AtomicFiles.replace(partial, target);
    }

    /** Deletes the partial file if it is there; used while another error is being reported. */
    public void delete() {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // the error that made us give up matters more than a leftover partial file
        }
    }
}
