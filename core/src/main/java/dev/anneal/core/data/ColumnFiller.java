package dev.anneal.core.data;

import dev.anneal.core.AnnealException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Turns {@link RowBatch}es into columns, on a second thread once the file is more than one batch long:
 * the parsing thread splits records while this one parses numbers and codes labels, so a read uses two
 * cores. A file of one batch is filled on the caller's thread, without starting one.
 *
 * <p>Use from the parsing thread only: {@link #emptyBatch}, {@link #submit}, then {@link #finish} with the
 * last batch, and {@link #close} always (it stops the thread if the read failed part way).
 */
final class ColumnFiller implements AutoCloseable {

    private static final int QUEUED_BATCHES = 4;
    private static final RowBatch END = new RowBatch(0);

    private final String fileName;
    private final ColumnAccumulator[] columns;
    private final long sizeHint;
    private final BlockingQueue<RowBatch> work = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final BlockingQueue<RowBatch> free = new ArrayBlockingQueue<>(QUEUED_BATCHES + 2);
    private Thread thread;
    private volatile RuntimeException failure;
    private boolean ended;
    private int rows;
    private int capacity;

    /**
     * @param sizeHint the file's size in bytes, to size the columns after the first batch; -1 if unknown
     */
    ColumnFiller(String fileName, ColumnAccumulator[] columns, long sizeHint, int initialCapacity) {
        this.fileName = fileName;
        this.columns = columns;
        this.sizeHint = sizeHint;
        this.capacity = initialCapacity;
    }

    /** A cleared batch to fill next. */
    RowBatch emptyBatch() {
        RowBatch batch = free.poll();
        if (batch == null) {
            return new RowBatch(columns.length);
        }
        batch.clear();
        return batch;
    }

    /** Hands a full batch over; throws the column thread's error, if it had one. */
    void submit(RowBatch batch) {
        if (thread == null) {
            thread = new Thread(this::run, "anneal-csv-columns");
            thread.setDaemon(true);
            thread.start();
        }
        throwFailure();
        put(batch);
    }

    /** Fills the last batch and waits for the column thread; returns the number of rows. */
    int finish(RowBatch last) {
        if (thread == null) {
            fill(last);
            return rows;
        }
        put(last);
        end();
        throwFailure();
        return rows;
    }

    @Override
    public void close() {
        if (thread != null && !ended) {
            end();
        }
    }

    private void end() {
        ended = true;
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnnealException(fileName + ": interrupted while reading", e);
        }
    }

    private void put(RowBatch batch) {
        try {
            work.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnnealException(fileName + ": interrupted while reading", e);
        }
    }

    private void throwFailure() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }

    private void run() {
        while (true) {
            RowBatch batch;
            try {
                batch = work.take();
            } catch (InterruptedException e) {
                failure = new AnnealException(fileName + ": interrupted while reading", e);
                return;
            }
            if (batch == END) {
                return;
            }
            // After a failure, keep taking batches so the parsing thread never blocks; drop them.
            if (failure == null) {
                try {
                    fill(batch);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            free.offer(batch);
        }
    }

    private void fill(RowBatch batch) {
        int width = batch.width;
        char[] chars = batch.chars;
        int[] ends = batch.ends;
        if (rows + batch.rows > capacity) {
            grow(batch);
        }
        for (int r = 0; r < batch.rows; r++) {
            int row = rows + r;
            int base = r * width;
            int start = batch.start(base);
            for (int c = 0; c < width; c++) {
                int end = ends[base + c];
                try {
                    columns[c].accept(row, chars, start, end - start);
                } catch (ColumnAccumulator.NotANumber e) {
                    throw new AnnealException(fileName + ": line " + batch.lines[r] + ", column "
                            + columns[c].name() + ": expected a number (the column is declared numeric), got \""
                            + new String(chars, start, end - start) + "\"");
                }
                start = end;
            }
        }
        rows += batch.rows;
    }

    private void grow(RowBatch batch) {
        long needed = (long) rows + batch.rows;
        long grown = Math.max(needed, capacity + (capacity >> 1));
        if (rows == 0 && sizeHint > 0 && batch.rows > 0) {
            // Characters per record, counting one separator or line end per field: from the file size this
            // guesses the row count, so the columns are sized once instead of copied as they grow.
            double charsPerRow = (double) (batch.charCount + (long) batch.rows * batch.width) / batch.rows;
            grown = Math.max(grown, (long) (sizeHint / charsPerRow * 1.05) + RowBatch.ROWS);
        }
        if (grown > Integer.MAX_VALUE - 8) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new AnnealException(fileName + ": more than " + (Integer.MAX_VALUE - 8)
                        + " rows; split the file");
            }
            grown = Integer.MAX_VALUE - 8;
        }
        capacity = (int) grown;
        for (ColumnAccumulator column : columns) {
            column.ensureCapacity(capacity);
        }
    }
}
