package dev.anneal.serve.http;

import dev.anneal.serve.runtime.BundleSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link DynamicBatcher} whose calls run on its own worker threads, several at once: for models whose
 * calls would hold an event loop too long. A worker takes whatever is queued; it waits up to
 * {@code maxQueueDelayMicros} for more only when that is above 0.
 */
final class WorkerBatcher extends DynamicBatcher {

    private final long maxDelayNanos;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final List<Thread> workers = new ArrayList<>();
    private boolean closed;

    WorkerBatcher(String name, BundleSession session, int workerCount, int maxBatchRows, long maxQueueDelayMicros,
            int maxQueue, Listener listener) {
        super(session, maxBatchRows, maxQueue, listener);
        this.maxDelayNanos = TimeUnit.MICROSECONDS.toNanos(maxQueueDelayMicros);
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, "anneal-batcher-" + name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    @Override
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    CompletableFuture<BundleSession.Scores> submit(Map<String, Object> inputs, int rows) {
        Pending pending = new Pending(inputs, rows, new CompletableFuture<>());
        lock.lock();
        try {
            if (closed) {
                throw shuttingDown();
            }
            if (queue.size() >= maxQueue) {
                throw overloaded(maxQueue);
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

    /**
     * The next batch: what {@link #nextBatch} takes, after waiting up to the queue delay for enough rows;
     * null once closed.
     */
    private List<Pending> take() {
        lock.lock();
        try {
            while (true) {
                while (queue.isEmpty()) {
                    if (closed) {
                        return null;
                    }
                    available.awaitUninterruptibly();
                }
                long deadline = System.nanoTime() + maxDelayNanos;
                while (maxDelayNanos > 0 && !closed && rowsQueued() < maxBatchRows) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    available.awaitNanos(left);
                }
                if (queue.isEmpty()) {
                    continue; // another worker took them while this one waited
                }
                List<Pending> batch = nextBatch(queue);
                if (!queue.isEmpty()) {
                    available.signal();
                }
                return batch;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    private int rowsQueued() {
        int rows = 0;
        for (Pending pending : queue) {
            rows += pending.rows();
            if (rows >= maxBatchRows) {
                break;
            }
        }
        return rows;
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
