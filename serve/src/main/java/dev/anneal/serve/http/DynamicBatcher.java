package dev.anneal.serve.http;

import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.serve.runtime.InputBatches;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Dynamic batching for one model: requests that wait at the same time are joined into one ONNX Runtime
 * call of up to {@code maxBatchRows} rows and their scores split back, so that many small concurrent
 * requests cost little more than one (a call of one row and of sixty cost about the same here). A worker
 * takes whatever is queued; it waits up to {@code maxQueueDelayMicros} for more only when that is above
 * 0. A request larger than {@code maxBatchRows} runs alone. With {@code maxQueue} requests waiting, a new
 * one is refused (503), not queued without bound.
 */
final class DynamicBatcher implements AutoCloseable {

    /** What the batcher needs of a request: its validated graph inputs and its row count. */
    private record Pending(Map<String, Object> inputs, int rows, CompletableFuture<BundleSession.Scores> result) {
    }

    /** Observes each ONNX Runtime call: its rows and how many requests it joined. */
    interface Listener {
        void batch(int rows, int requests);
    }

    private final BundleSession session;
    private final int maxBatchRows;
    private final long maxDelayNanos;
    private final int maxQueue;
    private final Listener listener;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final List<Thread> workers = new ArrayList<>();
    private boolean closed;

    DynamicBatcher(String name, BundleSession session, int workerCount, int maxBatchRows, long maxQueueDelayMicros,
            int maxQueue, Listener listener) {
        this.session = session;
        this.maxBatchRows = maxBatchRows;
        this.maxDelayNanos = TimeUnit.MICROSECONDS.toNanos(maxQueueDelayMicros);
        this.maxQueue = maxQueue;
        this.listener = listener;
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, "anneal-batcher-" + name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** The requests waiting now. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues {@code rows} rows of validated graph inputs; the future completes with their scores.
     *
     * @throws HttpError 503 when the queue is full or the batcher is closed
     */
    CompletableFuture<BundleSession.Scores> submit(Map<String, Object> inputs, int rows) {
        Pending pending = new Pending(inputs, rows, new CompletableFuture<>());
        lock.lock();
        try {
            if (closed) {
                throw new HttpError(503, "the model is shutting down");
            }
            if (queue.size() >= maxQueue) {
                throw new HttpError(503, "overloaded: " + maxQueue + " requests are already waiting for this model");
            }
            queue.addLast(pending);
            available.signal();
        } finally {
            lock.unlock();
        }
        return pending.result();
    }

    private void work() {
        while (true) {
            List<Pending> batch = take();
            if (batch == null) {
                return;
            }
            run(batch);
        }
    }

    /** The next batch: the first request waiting, and those behind it while they fit; null once closed. */
    private List<Pending> take() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed) {
                    return null;
                }
                available.awaitUninterruptibly();
            }
            List<Pending> batch = new ArrayList<>();
            Pending first = queue.pollFirst();
            batch.add(first);
            int rows = first.rows();
            long deadline = System.nanoTime() + maxDelayNanos;
            while (rows < maxBatchRows) {
                Pending next = queue.peekFirst();
                if (next == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || closed) {
                        break;
                    }
                    available.awaitNanos(left);
                    continue;
                }
                if (rows + next.rows() > maxBatchRows) {
                    break;
                }
                batch.add(queue.pollFirst());
                rows += next.rows();
            }
            if (!queue.isEmpty()) {
                available.signal();
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void run(List<Pending> batch) {
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

    /** Lets the workers finish what is queued, then stops them. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            available.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
