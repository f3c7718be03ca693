package dev.anneal.train.embed;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.anneal.core.io.PartialFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Streams embeddings to CSV (FastCSV: RFC 4180, UTF-8, CRLF line ends, fields quoted only when they need
 * it): header {@code id,e0,...,e<dim-1>}, then one line per row, its id (the row number when the data has
 * no ids) and its floats as {@link Float#toString(float)} writes them, which parse back to the same
 * float32 ({@code NaN}, {@code Infinity} and {@code -Infinity} included).
 */
final class CsvEmbeddingWriter extends AbstractEmbeddingWriter {

    private final CsvWriter csv;
    /** One line's fields, reused for every row. */
    private final String[] fields;

    CsvEmbeddingWriter(Path out, int dim) {
        this(PartialFile.beside(out), dim);
    }

    private CsvEmbeddingWriter(PartialFile file, int dim) {
        super(dim, file);
        this.fields = new String[dim + 1];
        fields[0] = "id";
        for (int j = 0; j < dim; j++) {
            fields[j + 1] = "e" + j;
        }
        CsvWriter writer = null;
        try {
            writer = CsvWriter.builder().build(file.partial(), StandardCharsets.UTF_8);
            writer.writeRecord(fields);
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(writer);
            file.delete();
            throw problem(e);
        }
        this.csv = writer;
    }

    @Override
    protected void append(String[] ids, float[] embeddings, int count, long firstRow) {
        for (int i = 0; i < count; i++) {
            fields[0] = id(ids, i, firstRow);
            for (int j = 0; j < dim; j++) {
                fields[j + 1] = Float.toString(embeddings[i * dim + j]);
            }
            csv.writeRecord(fields);
        }
    }

    @Override
    protected void finish(long total) throws IOException {
        csv.close();
    }

    @Override
    protected void release() {
        closeQuietly(csv);
    }

    private static void closeQuietly(CsvWriter writer) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | UncheckedIOException ignored) {
                // the file is deleted next; the error that got us here is the one to report
            }
        }
    }
}
