package dev.anneal.train.embed;

import dev.anneal.core.AnnealException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes ids as UTF-8 text, one per line, each ended by {@code \n}: line i is row i's id. An id with a
 * line break ({@code \n} or {@code \r}) would shift every later line, so it is refused.
 */
final class IdLines implements AutoCloseable {

    private final BufferedWriter out;
    private final Path target;

    IdLines(Path file, Path target) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.target = target;
    }

    void add(String id, long row) throws IOException {
        if (id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
            throw new AnnealException("cannot write " + target + ": the id of row " + row
                    + " contains a line break, which a one-id-per-line file cannot hold; write .h5 or .csv instead");
        }
        out.write(id);
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
