package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.data.RowSource;
import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.serve.runtime.RowBatch;
import dev.anneal.train.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The streaming loop under {@code anneal predict} and {@code anneal evaluate}: rows of a CSV or JSONL file
 * in batches through a bundle's graph, in bounded memory, with a progress bar over the bytes read. A bad
 * row stops the run with its file and line ({@code fail}) or is counted and passed over ({@code skip}).
 */
final class StreamScorer {

    /** Reads the extra columns a command needs from a row (an id, the label), refusing a bad one. */
    interface Extras {
        /** The values to keep with the row; throws {@link RowBatch.BadRowException} to refuse it. */
        List<String> of(RowSource.Row row);
    }

    /** Receives each scored batch: its graph inputs, its scores, and each row's extra values. */
    interface Sink {
        void accept(Map<String, Object> inputs, BundleSession.Scores scores, List<List<String>> extras);
    }

    /** How many rows were scored and how many bad rows were passed over. */
    record Counts(long scored, long skipped) {
    }

    private final ModelBundle bundle;
    private final BundleOptions options;
    private final PrintWriter err;

    StreamScorer(ModelBundle bundle, BundleOptions options, PrintWriter err) {
        this.bundle = bundle;
        this.options = options;
        this.err = err;
    }

    Counts run(Path data, List<String> extraColumns, Extras extras, Sink sink) {
        BundleManifest manifest = bundle.manifest();
        List<String> required = new ArrayList<>(manifest.inputs().stream().map(BundleManifest.InputColumn::column).toList());
        required.addAll(extraColumns);
        long scored = 0;
        RowOptions.BadRows bad = options.rows.badRows(err);
        try (BundleSession session = BundleSession.open(bundle.file(ModelBundle.MODEL), options.device, options.threads,
                        warning -> err.println("warning: " + warning));
                RowSource source = RowSource.open(data, required,
                        manifest.target() == null ? Set.of() : Set.of(manifest.target()));
                Progress.Task bar = options.rows.progress().start(options.task, Files.size(data))) {
            RowBatch pending = new RowBatch(manifest.inputs(), bundle.tokenizers(), options.batch(bundle));
            List<List<String>> kept = new ArrayList<>();
            for (RowSource.Row row = source.next(); row != null; row = source.next()) {
                try {
                    if (row.problem() != null) {
                        throw new RowBatch.BadRowException(row.problem());
                    }
                    List<String> values = extras.of(row);
                    pending.add(row.valueOf(), row.where());
                    kept.add(values);
                } catch (RowBatch.BadRowException e) {
                    bad.reject(e.getMessage());
                    continue;
                }
                if (pending.isFull()) {
                    scored += flush(session, pending, kept, sink);
                    bar.update(source.bytesRead(), String.format(Locale.ROOT, "%,d rows", scored));
                }
            }
            if (pending.size() > 0) {
                scored += flush(session, pending, kept, sink);
            }
            bar.update(Files.size(data), String.format(Locale.ROOT, "%,d rows", scored));
        } catch (IOException e) {
            throw new AnnealException("cannot read " + data + ": " + e.getMessage(), e);
        }
        err.flush();
        return new Counts(scored, bad.skipped());
    }

    private static long flush(BundleSession session, RowBatch pending, List<List<String>> kept, Sink sink) {
        Map<String, Object> inputs = pending.drain();
        BundleSession.Scores scores = session.score(inputs);
        sink.accept(inputs, scores, kept);
        kept.clear();
        return scores.rows();
    }
}
