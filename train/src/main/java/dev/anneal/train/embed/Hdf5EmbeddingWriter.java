package dev.anneal.train.embed;

import dev.anneal.core.io.PartialFile;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes embeddings to HDF5 with jhdf: dataset {@code /embeddings} (float32, {@code [n, dim]}), dataset
 * {@code /ids} (fixed-length UTF-8 strings, or int64 row numbers when the data has no ids) and root
 * attributes (the caller's, as strings, plus int32 {@code format_version} = {@value #VERSION}).
 *
 * <p>jhdf 0.9.4 writes a dataset only from a whole Java array, at close, contiguous and uncompressed, so
 * the rows are kept in memory until then: one primitive {@code float[dim]} per row, handed to jhdf as the
 * {@code float[n][dim]} it needs without copying — n*dim*4 bytes plus about 20 bytes a row, and the ids'
 * strings. (A flat growing {@code float[]} would be smaller by those 20 bytes a row but would have to be
 * copied into {@code float[n][dim]} at close, doubling the peak.) At close jhdf also encodes all ids into
 * one buffer of n times the longest id's UTF-8 length, which must stay under 2 GiB. jhdf cannot write an
 * empty dataset, so a file with no rows is an error.
 */
final class Hdf5EmbeddingWriter extends AbstractEmbeddingWriter {

    /** Name of the root attribute that holds the layout version. */
    static final String FORMAT_VERSION = "format_version";
    /** Version of the layout documented in docs/embeddings.md. */
    static final int VERSION = 1;

    private final PartialFile file;
    private final Map<String, String> attributes;
    private final List<float[]> embeddings = new ArrayList<>();
    /** The ids, or null when the rows are numbered. */
    private List<String> ids;
    private long longestId;

    Hdf5EmbeddingWriter(Path out, int dim, Map<String, String> attributes) {
        this(PartialFile.beside(out), dim, attributes);
    }

    private Hdf5EmbeddingWriter(PartialFile file, int dim, Map<String, String> attributes) {
        super(dim, file);
        this.file = file;
        this.attributes = attributes;
        try {
            // jhdf writes only at close; creating the file now reports an unwritable folder before the work
            Files.createFile(file.partial());
        } catch (IOException e) {
            throw problem(e);
        }
    }

    @Override
    protected void append(String[] chunkIds, float[] chunk, int count, long firstRow) {
        if (chunkIds != null && ids == null) {
            ids = new ArrayList<>();
        }
        for (int i = 0; i < count; i++) {
            embeddings.add(Arrays.copyOfRange(chunk, i * dim, (i + 1) * dim));
            if (chunkIds != null) {
                String id = id(chunkIds, i, firstRow);
                if (id.indexOf('\0') >= 0) {
                    // h5py would keep the characters after it, jhdf would drop them
                    throw problem("the id of row " + (firstRow + i) + " contains a NUL character, which an HDF5"
                            + " fixed-length string cannot hold; write .csv instead");
                }
                longestId = Math.max(longestId, id.getBytes(StandardCharsets.UTF_8).length);
                ids.add(id);
            }
        }
    }

    @Override
    protected void finish(long total) throws IOException {
        if (total == 0) {
            throw problem("no rows to write (jhdf cannot write an empty HDF5 dataset)");
        }
        if (ids != null && total * Math.max(1, longestId) > Integer.MAX_VALUE - 8) {
            throw problem(total + " ids of up to " + longestId + " bytes exceed the 2 GiB jhdf can write at once;"
                    + " write .npy or .csv instead");
        }
        float[][] rows = embeddings.toArray(float[][]::new);
        embeddings.clear();
        try (WritableHdfFile hdf = HdfFile.write(file.partial())) {
            hdf.putDataset("embeddings", rows);
            hdf.putDataset("ids", ids != null ? ids.toArray(String[]::new) : rowNumbers(rows.length));
            attributes.forEach(hdf::putAttribute);
            hdf.putAttribute(FORMAT_VERSION, VERSION);
        } catch (HdfException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    protected void release() {
        embeddings.clear();
        ids = null;
    }

    private static long[] rowNumbers(int count) {
        long[] numbers = new long[count];
        Arrays.setAll(numbers, i -> i);
        return numbers;
    }
}
