package dev.anneal.train.embed;

import dev.anneal.core.AnnealException;
import dev.anneal.core.io.PartialFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every {@link EmbeddingWriter} shares: argument checks, the rule that ids come for every chunk or
 * for none, the row count, and the life cycle of the partial files (publish on a good close, delete on
 * any failure). A format implements only {@link #append}, {@link #finish} and {@link #release}.
 */
abstract class AbstractEmbeddingWriter implements EmbeddingWriter {

    /** Width of every row. */
    protected final int dim;
    private final PartialFile main;
    private final List<PartialFile> files;
    private long rows;
    /** Whether the chunks so far came with ids; null until the first non-empty chunk. */
    private Boolean named;
    /** False once the writer is closed, aborted or failed. */
    private boolean open = true;

    /**
     * @param main the output the user named; published last, so its appearance means the rest is there
     * @param sidecars files that belong to it, published before it
     */
    protected AbstractEmbeddingWriter(int dim, PartialFile main, PartialFile... sidecars) {
        this.dim = dim;
        this.main = main;
        this.files = new ArrayList<>(List.of(sidecars));
        this.files.add(main);
    }

    /**
     * Appends {@code count} rows (at least one); {@code ids} is null when the data has no ids, and then
     * for every chunk. An exception here deletes the partial files.
     *
     * @param firstRow the row number of the chunk's first row
     */
    protected abstract void append(String[] ids, float[] embeddings, int count, long firstRow) throws IOException;

    /** Completes and closes the partial files, which then hold {@code total} rows. */
    protected abstract void finish(long total) throws IOException;

    /** Closes whatever is open without finishing it; must not throw. */
    protected abstract void release();

    @Override
    public final void write(String[] ids, float[] embeddings, int count) {
        if (!open) {
            throw new IllegalStateException("the embedding writer for " + main.target() + " is closed");
        }
        failingOnError(() -> {
            check(ids, embeddings, count);
            if (count > 0) {
                append(ids, embeddings, count, rows);
                rows += count;
            }
        });
    }

    @Override
    public final long rows() {
        return rows;
    }

    @Override
    public final void close() {
        if (!open) {
            return;
        }
        failingOnError(() -> {
            finish(rows);
            open = false;
            for (PartialFile file : files) {
                file.publish();
            }
        });
    }

    /** A step that may fail writing. */
    private interface Step {
        void run() throws IOException;
    }

    /** Runs {@code step}; any failure deletes the partial files, and an I/O one becomes an error naming the output. */
    private void failingOnError(Step step) {
        try {
            step.run();
        } catch (IOException | UncheckedIOException e) {
            fail();
            throw problem(e);
        } catch (RuntimeException | Error e) {
            fail();
            throw e;
        }
    }

    @Override
    public final void abort() {
        if (open) {
            fail();
        }
    }

    /**
     * The id of row {@code i} of a chunk whose first row is {@code firstRow}: its row number when the
     * chunk has no ids, and "" for a missing (null) id.
     */
    protected static String id(String[] ids, int i, long firstRow) {
        if (ids == null) {
            return Long.toString(firstRow + i);
        }
        return ids[i] == null ? "" : ids[i];
    }

    /** An error that names the output, for what the format finds wrong with the rows. */
    protected final AnnealException problem(String what) {
        return new AnnealException("cannot write " + main.target() + ": " + what);
    }

    /** An error that names the output, for a failure to write it. */
    protected final AnnealException problem(Exception e) {
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof FileSystemException fileError && fileError.getReason() == null) {
            // its message is only the path, as in "/x/out.csv.partial: AccessDeniedException"
            what = what + ": " + cause.getClass().getSimpleName();
        }
        return new AnnealException("cannot write " + main.target() + ": " + what, e);
    }

    private void check(String[] ids, float[] embeddings, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("rows must not be negative, got " + count);
        }
        if ((long) embeddings.length < (long) count * dim) {
            throw new IllegalArgumentException(count + " rows of width " + dim + " need " + (long) count * dim
                    + " floats, got " + embeddings.length);
        }
        if (ids != null && ids.length < count) {
            throw new IllegalArgumentException(count + " rows need " + count + " ids, got " + ids.length);
        }
        if (count > 0) {
            if (named != null && named != (ids != null)) {
                throw new IllegalArgumentException("ids must be given for every chunk or for none: rows before "
                        + rows + (named ? " had ids" : " had none") + ", these " + (named ? "have none" : "have ids"));
            }
            named = ids != null;
        }
    }

    private void fail() {
        open = false;
        release();
        files.forEach(PartialFile::delete);
    }
}
