package dev.anneal.serve.http;

import dev.anneal.serve.runtime.BundleSession;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DynamicBatcher} whose calls run on the event loops themselves, for models small enough that a
 * call holds a loop for less time than handing it to another thread and back costs. Each event loop
 * queues the requests it reads and, once it has read all that arrived together, scores them in as few
 * calls as fit: nothing waits for more, and no thread is woken. On two cores this served more
 * single-row requests, with a lower p99, than one worker thread (docs/benchmarks.md). A request
 * submitted off an event loop is scored at once on the calling thread.
 */
final class EventLoopBatcher extends DynamicBatcher {

    private final ThreadLocal<ArrayDeque<Pending>> queues = ThreadLocal.withInitial(ArrayDeque::new);
    /** Requests submitted and not yet scored, on every loop. */
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closed;

    EventLoopBatcher(BundleSession session, int maxBatchRows, int maxQueue, Listener listener) {
        super(session, maxBatchRows, maxQueue, listener);
    }

    @Override
    int queued() {
        return waiting.get();
    }

    @Override
    CompletableFuture<BundleSession.Scores> submit(Map<String, Object> inputs, int rows) {
        // Counted before the check, so that close() either refuses this request or waits for it.
        if (waiting.incrementAndGet() > maxQueue) {
            waiting.decrementAndGet();
            throw overloaded(maxQueue);
        }
        if (closed) {
            waiting.decrementAndGet();
            throw shuttingDown();
        }
        Pending pending = new Pending(inputs, rows, new CompletableFuture<>());
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            score(List.of(pending));
            return pending.result();
        }
        ArrayDeque<Pending> queue = queues.get();
        queue.addLast(pending);
        if (queue.size() == 1) {
            // Runs after the loop has handled every connection that was ready, so it joins all they sent.
            context.runOnContext(ignored -> flush(queue));
        }
        return pending.result();
    }

    private void flush(ArrayDeque<Pending> queue) {
        while (!queue.isEmpty()) {
            score(nextBatch(queue));
        }
    }

    private void score(List<Pending> batch) {
        try {
            run(batch);
        } finally {
            waiting.addAndGet(-batch.size());
        }
    }

    /** Refuses new requests and waits (up to 30 s) until the loops have scored those already queued. */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiting.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
