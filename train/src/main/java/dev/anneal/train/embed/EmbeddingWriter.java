package dev.anneal.train.embed;

import dev.anneal.core.AnnealException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Receives the embeddings of {@code anneal embed} chunk by chunk and writes them, with each row's id, to
 * one output file whose format follows its extension (layouts in {@code docs/embeddings.md}).
 *
 * <p>Every row has the same width {@code dim}, fixed when the writer is opened. Ids are either given for
 * every row or for none: without an id column, a row's id is its row number (0, 1, ...).
 *
 * <p>The output appears atomically: everything goes to {@code <out>.partial} (and, for {@code .npy}, the
 * ids to {@code <name>.ids.txt.partial}), which {@link #close()} renames onto the final names. If
 * {@link #write} or {@link #close()} fails, or the caller calls {@link #abort()}, the partial files are
 * deleted and an existing output is left as it was. {@code close()} cannot tell that the caller's own
 * work failed, so a caller that stops early must call {@code abort()} first:
 *
 * <pre>{@code
 * try (EmbeddingWriter writer = EmbeddingWriter.open(out, dim, attributes)) {
 *     try {
 *         for (Chunk chunk : chunks) writer.write(chunk.ids(), chunk.embeddings(), chunk.rows());
 *     } catch (RuntimeException e) {
 *         writer.abort();
 *         throw e;
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one thread writes.
 */
public interface EmbeddingWriter extends AutoCloseable {

    /**
     * Opens a writer for {@code out}: {@code .h5} or {@code .hdf5} writes HDF5, {@code .npy} NumPy and
     * {@code .csv} CSV (case-insensitive). {@code attributes} (such as column, model, run) are stored as
     * HDF5 root attributes; the {@code .npy} and CSV layouts have nowhere to keep them.
     *
     * @throws AnnealException for any other extension, or when the file cannot be created
     * @throws IllegalArgumentException when {@code dim < 1}, or {@code attributes} has a null or the
     *     reserved {@code format_version}
     */
    static EmbeddingWriter open(Path out, int dim, Map<String, String> attributes) {
        if (dim < 1) {
            throw new IllegalArgumentException("embedding width must be at least 1, got " + dim);
        }
        Map<String, String> checked = checkAttributes(attributes);
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return new Hdf5EmbeddingWriter(out, dim, checked);
        } else if (name.endsWith(".npy")) {
            return new NpyEmbeddingWriter(out, dim);
        } else if (name.endsWith(".csv")) {
            return new CsvEmbeddingWriter(out, dim);
        }
        throw new AnnealException("cannot write embeddings to " + out
                + ": unknown extension; expected .h5, .hdf5, .npy or .csv");
    }

    private static Map<String, String> checkAttributes(Map<String, String> attributes) {
        Map<String, String> copy = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("attribute " + key + " = " + value + ": null is not allowed");
            }
            if (key.equals(Hdf5EmbeddingWriter.FORMAT_VERSION)) {
                throw new IllegalArgumentException("attribute " + key + " is reserved: the writer sets it");
            }
            copy.put(key, value);
        });
        return copy;
    }

    /**
     * Appends {@code rows} rows: {@code embeddings} holds them row-major ({@code rows x dim} floats from
     * index 0; it may be longer), {@code ids} their ids (from index 0), or is null when the data has no id
     * column. The writer copies what it keeps, so the caller may reuse both arrays. If this throws, the
     * partial output is already deleted and the writer is finished.
     *
     * @throws AnnealException when the output cannot be written, or an id cannot be stored in this format
     * @throws IllegalArgumentException when the arrays are too short, or ids are given for some chunks
     *     and not others
     */
    void write(String[] ids, float[] embeddings, int rows);

    /** Number of rows written so far. */
    long rows();

    /**
     * Finishes the output and renames it onto its final name; on failure deletes the partial files.
     * Does nothing after a failure, an {@link #abort()} or a first {@code close()}.
     *
     * @throws AnnealException when the output cannot be finished
     */
    @Override
    void close();

    /** Gives up: deletes the partial files and leaves any existing output untouched. Idempotent. */
    void abort();
}
