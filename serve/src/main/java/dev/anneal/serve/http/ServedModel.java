package dev.anneal.serve.http;

import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.text.Tokenizer;
import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.serve.runtime.RowBatch;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One version of a model, loaded: its bundle, an ONNX Runtime session on it, its tokenizers and the
 * {@link DynamicBatcher} its requests go through. Rows of raw values are checked against the bundle's
 * input schema by {@link RowBatch} before they are queued, so that nothing a client sends reaches ONNX
 * Runtime unchecked (a null string would crash the JVM) and a bad row fails only its own request.
 */
final class ServedModel implements AutoCloseable {

    /** How each model's requests are batched and run, and where their batches are counted. */
    record Settings(String device, int threads, int workers, int maxBatchRows, long maxQueueDelayMicros, int maxQueue,
            ServerMetrics metrics) {
    }

    private final String name;
    private final String version;
    private final ModelBundle bundle;
    private final BundleSession session;
    private final Map<String, Tokenizer> tokenizers;
    private final Map<String, BundleManifest.InputColumn> inputsByName;
    private final DynamicBatcher batcher;
    private final Runnable unregisterQueue;

    /**
     * {@code name} and {@code version}: the model's folder in the repository and the version's folder in
     * it, which clients call them by.
     */
    ServedModel(String name, String version, ModelBundle bundle, BundleSession session, Settings settings) {
        this.name = name;
        this.version = version;
        this.bundle = bundle;
        this.session = session;
        this.tokenizers = bundle.tokenizers();
        Map<String, BundleManifest.InputColumn> byName = new LinkedHashMap<>();
        bundle.manifest().inputs().forEach(input -> byName.put(input.column(), input));
        this.inputsByName = Collections.unmodifiableMap(byName);
        String label = name + ":" + version;
        this.batcher = new DynamicBatcher(label, session, settings.workers(), settings.maxBatchRows(),
                settings.maxQueueDelayMicros(), settings.maxQueue(), (rows, requests) -> settings.metrics()
                        .batch(label, rows, requests));
        this.unregisterQueue = settings.metrics().queue(label, batcher::queued);
    }

    String name() {
        return name;
    }

    String version() {
        return version;
    }

    BundleManifest manifest() {
        return bundle.manifest();
    }

    String device() {
        return session.device();
    }

    /** The manifest's input columns. */
    List<BundleManifest.InputColumn> inputs() {
        return manifest().inputs();
    }

    /** The manifest's input columns by name, in the manifest's order. */
    Map<String, BundleManifest.InputColumn> inputsByName() {
        return inputsByName;
    }

    /** The requests waiting for this model. */
    int queued() {
        return batcher.queued();
    }

    /** A request's raw values. */
    interface RowValues {
        /**
         * The raw value of {@code column} in {@code row}: its text, or a {@link Number} for a numeric column;
         * {@code null} for missing.
         */
        Object value(int row, String column);
    }

    /**
     * The graph inputs of {@code rows} rows whose raw values {@code valueOf} gives.
     *
     * @throws HttpError 400 naming the row and column of a value that does not parse
     */
    Map<String, Object> inputs(int rows, RowValues valueOf) {
        RowBatch batch = new RowBatch(inputs(), tokenizers, Math.max(1, rows));
        for (int row = 0; row < rows; row++) {
            int index = row;
            try {
                batch.add(column -> valueOf.value(index, column), "row " + row);
            } catch (RowBatch.BadRowException e) {
                throw HttpError.badRequest(e.getMessage());
            }
        }
        return batch.drain();
    }

    /** Queues checked graph inputs of {@code rows} rows for scoring, with other requests' rows. */
    CompletableFuture<BundleSession.Scores> score(Map<String, Object> inputs, int rows) {
        return batcher.submit(inputs, rows);
    }

    /** Scores one row of missing values, so that the first request does not pay for ONNX Runtime's set-up. */
    void warmUp() {
        session.score(inputs(1, (row, column) -> null));
    }

    /** Scores what is queued, then frees the session. */
    @Override
    public void close() {
        batcher.close();
        unregisterQueue.run();
        session.close();
    }
}
