package dev.anneal.serve.http;

import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.serve.runtime.InputBatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * Dynamic batching for one model: requests that wait at the same time are joined into one ONNX Runtime
 * call of up to {@code maxBatchRows} rows and their scores split back, so that many small concurrent
 * requests cost little more than one (a call of one row and of sixty cost about the same here). A request
 * larger than {@code maxBatchRows} runs alone. With {@code maxQueue} requests waiting, a new one is refused
 * (503), not queued without bound. Where the calls run is the subclass's: on worker threads
 * ({@link WorkerBatcher}) or on the event loops that received the requests ({@link EventLoopBatcher}).
 */
abstract class DynamicBatcher implements AutoCloseable {

    /** What the batcher needs of a request: its validated graph inputs and its row count. */
    record Pending(Map<String, Object> inputs, int rows, CompletableFuture<BundleSession.Scores> result) {
    }

    /** Observes each ONNX Runtime call: its rows and how many requests it joined. */
    interface Listener {
        void batch(int rows, int requests);
    }

    private final BundleSession session;
    final int maxBatchRows;
    final int maxQueue;
    private final Listener listener;

    DynamicBatcher(BundleSession session, int maxBatchRows, int maxQueue, Listener listener) {
        this.session = session;
        this.maxBatchRows = maxBatchRows;
        this.maxQueue = maxQueue;
        this.listener = listener;
    }

    /**
     * Queues {@code rows} rows of validated graph inputs; the future completes with their scores.
     *
     * @throws HttpError 503 when the queue is full or the batcher is closed
     */
    abstract CompletableFuture<BundleSession.Scores> submit(Map<String, Object> inputs, int rows);

    /** The requests waiting now. */
    abstract int queued();

    /** Scores what is queued, then stops taking requests. */
    @Override
    public abstract void close();

    static HttpError overloaded(int maxQueue) {
        return new HttpError(503, "overloaded: " + maxQueue + " requests are already waiting for this model");
    }

    static HttpError shuttingDown() {
        return new HttpError(503, "the model is shutting down");
    }

    /**
     * Takes from the head of {@code queue} the requests of the next call: the first, and those behind it
     * while their rows fit.
     */
    List<Pending> nextBatch(Queue<Pending> queue) {
        List<Pending> batch = new ArrayList<>();
        Pending first = queue.poll();
        batch.add(first);
        int rows = first.rows();
        for (Pending next = queue.peek(); next != null && rows + next.rows() <= maxBatchRows; next = queue.peek()) {
            batch.add(queue.poll());
            rows += next.rows();
        }
        return batch;
    }

    /** Scores {@code batch} in one call and completes each request with its own rows' scores. */
    void run(List<Pending> batch) {
        try {
            List<Map<String, Object>> inputs = new ArrayList<>(batch.size());
            int rows = 0;
            for (Pending pending : batch) {
                inputs.add(pending.inputs());
                rows += pending.rows();
            }
            BundleSession.Scores scores = session.score(InputBatches.join(inputs));
            listener.batch(rows, batch.size());
            int from = 0;
            for (Pending pending : batch) {
                pending.result().complete(batch.size() == 1 ? scores : scores.rows(from, from + pending.rows()));
                from += pending.rows();
            }
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.result().completeExceptionally(e));
        }
    }
}
