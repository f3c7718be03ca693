package dev.anneal.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds rows to the column sketches in batches, the columns of a batch shared out among threads: each
 * column is updated by one thread at a time and in row order, so the result is the same as feeding them
 * one row at a time on one thread. The caller's thread works on a batch too; the others are daemons.
 */
final class SketchWorkers {

    static final int BATCH_ROWS = 4_096;

    private final ColumnSketch[] sketches;
    private final String[][] batch;
    private final ExecutorService helpers;
    private final int threads;
    private int filled;

    SketchWorkers(ColumnSketch[] sketches, int threads) {
        this.sketches = sketches;
        this.threads = Math.max(1, threads);
        this.batch = new String[BATCH_ROWS][sketches.length];
        this.helpers = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, task -> {
            Thread thread = new Thread(task, "anneal-profile");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues one row's values (copied); a full batch is fed to the sketches before this returns. */
    void add(String[] values) {
        System.arraycopy(values, 0, batch[filled], 0, values.length);
        if (++filled == BATCH_ROWS) {
            flush();
        }
    }

    /** Feeds the queued rows to the sketches. */
    void flush() {
        if (filled == 0) {
            return;
        }
        AtomicInteger nextColumn = new AtomicInteger();
        int rows = filled;
        Callable<Void> work = () -> {
            for (int column = nextColumn.getAndIncrement(); column < sketches.length;
                    column = nextColumn.getAndIncrement()) {
                ColumnSketch sketch = sketches[column];
                for (int row = 0; row < rows; row++) {
                    sketch.accept(batch[row][column]);
                }
            }
            return null;
        };
        List<Future<Void>> running = new ArrayList<>();
        for (int helper = 1; helper < threads; helper++) {
            running.add(helpers.submit(work));
        }
        try {
            work.call();
            for (Future<Void> future : running) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while profiling", e);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        filled = 0;
    }

    /** Feeds what is left and stops the helper threads. */
    void finish() {
        try {
            flush();
        } finally {
            if (helpers != null) {
                helpers.shutdownNow();
            }
        }
    }
}
