package dev.anneal.serve.http;

import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.text.Tokenizer;
import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.serve.runtime.RowBatch;
import java.util.List;
import java.util.Map;

/**
 * One version of a model, loaded: its bundle, an ONNX Runtime session on it and its tokenizers. Scores
 * rows of raw values, checked against the bundle's input schema by {@link RowBatch}, so that nothing a
 * client sends reaches ONNX Runtime unchecked (a null string would crash the JVM).
 */
final class ServedModel implements AutoCloseable {

    private final ModelBundle bundle;
    private final BundleSession session;
    private final Map<String, Tokenizer> tokenizers;

    ServedModel(ModelBundle bundle, BundleSession session) {
        this.bundle = bundle;
        this.session = session;
        this.tokenizers = bundle.tokenizers();
    }

    String name() {
        return bundle.manifest().name();
    }

    String version() {
        return bundle.manifest().version();
    }

    BundleManifest manifest() {
        return bundle.manifest();
    }

    String device() {
        return session.device();
    }

    /**
     * Scores {@code rows} rows whose raw text per column {@code valueOf} gives ({@code row, column} to the
     * value, {@code null} for missing).
     *
     * @throws HttpError 400 naming the row and column of a value that does not parse
     */
    BundleSession.Scores score(int rows, RowValues valueOf) {
        RowBatch batch = new RowBatch(manifest().inputs(), tokenizers, Math.max(1, rows));
        for (int row = 0; row < rows; row++) {
            int index = row;
            try {
                batch.add(column -> valueOf.value(index, column), "row " + row);
            } catch (RowBatch.BadRowException e) {
                throw HttpError.badRequest(e.getMessage());
            }
        }
        return session.score(batch.drain());
    }

    /** Scores one row of missing values, so that the first request does not pay for ONNX Runtime's set-up. */
    void warmUp() {
        score(1, (row, column) -> null);
    }

    /** A request's raw values. */
    interface RowValues {
        /** The raw text of {@code column} in {@code row}, or {@code null} for missing. */
        String value(int row, String column);
    }

    /** The manifest's input columns. */
    List<BundleManifest.InputColumn> inputs() {
        return manifest().inputs();
    }

    @Override
    public void close() {
        session.close();
    }
}
