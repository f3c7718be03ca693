package dev.anneal.serve.http;

import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.config.ServingConfig;
import dev.anneal.core.text.Tokenizer;
import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.serve.runtime.RowBatch;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One version of a model, loaded: its bundle, an ONNX Runtime session on it, its tokenizers and the
 * {@link DynamicBatcher} its requests go through. Rows of raw values are checked against the bundle's
 * input schema by {@link RowBatch} before they are queued, so that nothing a client sends reaches ONNX
 * Runtime unchecked (a null string would crash the JVM) and a bad row fails only its own request.
 */
final class ServedModel implements AutoCloseable {

    /**
     * How each model's requests are batched and run, and where their batches are counted.
     *
     * @param workers worker threads per model; 0 scores on the event loops; {@link #AUTO_WORKERS} chooses
     *     by the model's speed at warm-up
     */
    record Settings(String device, int threads, int workers, int maxBatchRows, long maxQueueDelayMicros, int maxQueue,
            ServerMetrics metrics) {

        /**
         * These settings with what a model's own {@link ServingConfig} (read from {@code file}) sets instead.
         *
         * @throws AnnealException naming {@code file} when the result would ask the event loops to wait
         */
        Settings with(ServingConfig own, Path file) {
            int batchRows = own.maxBatchSize() == null ? maxBatchRows : own.maxBatchSize();
            long delay = own.maxQueueDelayMicros() == null ? maxQueueDelayMicros : own.maxQueueDelayMicros();
            int queue = own.maxQueue() == null ? maxQueue : own.maxQueue();
            int workerThreads = own.workers() == null ? workers : own.workers();
            if (workerThreads == 0 && delay > 0) {
                throw new AnnealException(file + ": max_queue_delay_us " + delay + " needs worker threads, but workers "
                        + "is 0 (the event loops, which never wait), between this file and the server's flags");
            }
            return new Settings(device, threads, workerThreads, batchRows, delay, queue, metrics);
        }
    }

    /** {@link Settings#workers()}: the event loops for a small model, else half the cores' worth of workers. */
    static final int AUTO_WORKERS = ServingConfig.AUTO_WORKERS;
    /**
     * With {@link #AUTO_WORKERS}, a model whose full batch scores within this at warm-up is scored on the
     * event loops: holding a loop that long costs the other connections on it less than the hand-offs to a
     * worker and back cost every request.
     */
    static final long EVENT_LOOP_BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String name;
    private final String version;
    private final ModelBundle bundle;
    private final BundleSession session;
    private final Map<String, Tokenizer> tokenizers;
    private final Map<String, Integer> inputPositions;
    private final Settings settings;
    private final DynamicBatcher batcher;
    private final String scoredOn;
    private final Runnable unregisterQueue;

    /** {@code workers}: the worker threads that run this model's calls, or 0 for the event loops. */
    private ServedModel(String name, String version, ModelBundle bundle, BundleSession session, Settings settings,
            int workers) {
        this.name = name;
        this.version = version;
        this.bundle = bundle;
        this.session = session;
        this.settings = settings;
        this.tokenizers = bundle.tokenizers();
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<BundleManifest.InputColumn> inputs = bundle.manifest().inputs();
        for (int i = 0; i < inputs.size(); i++) {
            positions.put(inputs.get(i).column(), i);
        }
        this.inputPositions = Collections.unmodifiableMap(positions);
        String label = name + ":" + version;
        DynamicBatcher.Listener listener = (rows, requests) -> settings.metrics().batch(label, rows, requests);
        this.batcher = workers == 0 ? new EventLoopBatcher(session, settings.maxBatchRows(), settings.maxQueue(), listener)
                : new WorkerBatcher(label, session, workers, settings.maxBatchRows(), settings.maxQueueDelayMicros(),
                        settings.maxQueue(), listener);
        this.scoredOn = (workers == 0 ? "scored on the event loops" : "scored on " + workers + " worker"
                + (workers == 1 ? "" : "s")) + ", up to " + settings.maxBatchRows() + " rows a call"
                + (workers > 0 && settings.maxQueueDelayMicros() > 0
                        ? " after waiting up to " + settings.maxQueueDelayMicros() + " us" : "");
        this.unregisterQueue = settings.metrics().queue(label, batcher::queued);
    }

    /**
     * Version {@code version} of model {@code name} (the folders clients call them by), warmed up: a row of
     * missing values is scored so that the first request does not pay for ONNX Runtime's set-up, and with
     * {@link #AUTO_WORKERS} a full batch is timed to choose where calls run. Closes {@code session} when that
     * fails.
     */
    static ServedModel open(String name, String version, ModelBundle bundle, BundleSession session, Settings settings) {
        try {
            session.score(missingValues(bundle, 1));
            return new ServedModel(name, version, bundle, session, settings, workers(bundle, session, settings));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * The worker threads for this model, 0 for the event loops: as set, or with {@link #AUTO_WORKERS} the
     * event loops when a full batch scores within {@link #EVENT_LOOP_BATCH_NANOS} (and no queue delay asks
     * for workers), else {@link InferenceServer.Options#defaultWorkers()}.
     */
    private static int workers(ModelBundle bundle, BundleSession session, Settings settings) {
        if (settings.workers() != AUTO_WORKERS) {
            return settings.workers();
        }
        if (settings.maxQueueDelayMicros() > 0) {
            return InferenceServer.Options.defaultWorkers();
        }
        Map<String, Object> batch = missingValues(bundle, settings.maxBatchRows());
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            session.score(batch);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best <= EVENT_LOOP_BATCH_NANOS ? 0 : InferenceServer.Options.defaultWorkers();
    }

    private static Map<String, Object> missingValues(ModelBundle bundle, int rows) {
        return graphInputs(bundle.manifest().inputs(), bundle.tokenizers(), rows, (row, input) -> null);
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

    /** The position of each input column in {@link #inputs()}, by name, in the manifest's order. */
    Map<String, Integer> inputPositions() {
        return inputPositions;
    }

    /** The requests waiting for this model. */
    int queued() {
        return batcher.queued();
    }

    /** A request's raw values. */
    interface RowValues {
        /**
         * The raw value in {@code row} of the input column at {@code input} in {@link #inputs()}: its text,
         * or a {@link Number} for a numeric column; {@code null} for missing.
         */
        Object value(int row, int input);
    }

    /**
     * The graph inputs of {@code rows} rows whose raw values {@code valueOf} gives.
     *
     * @throws HttpError 400 naming the row and column of a value that does not parse
     */
    Map<String, Object> inputs(int rows, RowValues valueOf) {
        return graphInputs(inputs(), tokenizers, rows, valueOf);
    }

    private static Map<String, Object> graphInputs(List<BundleManifest.InputColumn> inputs,
            Map<String, Tokenizer> tokenizers, int rows, RowValues valueOf) {
        RowBatch batch = new RowBatch(inputs, tokenizers, Math.max(1, rows));
        for (int row = 0; row < rows; row++) {
            int index = row;
            try {
                batch.addByPosition(input -> valueOf.value(index, input), "row " + row);
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

    /** Whether this model's calls run on the event loops (else on worker threads). */
    boolean scoredOnEventLoops() {
        return batcher instanceof EventLoopBatcher;
    }

    /** The settings this version was loaded with (its model's serving.yaml applied). */
    Settings settings() {
        return settings;
    }

    /** How this model's calls run, for the server's log: the event loops or worker threads, and batch limits. */
    String scoredOn() {
        return scoredOn;
    }

    /** Scores what is queued, then frees the session. */
    @Override
    public void close() {
        batcher.close();
        unregisterQueue.run();
        session.close();
    }
}
