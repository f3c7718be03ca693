package dev.anneal.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.serve.runtime.RowBatch;
import dev.anneal.train.progress.ConsoleProgress;
import dev.anneal.train.progress.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code anneal predict}: scores a CSV or JSONL file of raw rows with a model bundle, streaming. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {"Score a CSV or JSONL file of raw rows with a model bundle through ONNX Runtime, in bounded "
                + "memory, and write the labels and probabilities (or predictions) as CSV."},
        footer = {"", "Example:", "  anneal predict --model models/churn-demo/1 --data new.csv -o predictions.csv"})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "BUNDLE",
            description = "A bundle folder, or a model's folder in a repository (its newest version is used).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Rows to score: CSV with a header, or "
            + "JSONL (.jsonl, .ndjson).")
    Path data;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the predictions "
            + "(default: ${DEFAULT-VALUE}).")
    Path output = Path.of("predictions.csv");

    @Option(names = "--id", paramLabel = "COLUMN", description = "A column of the input to copy into each output row.")
    String id;

    @Option(names = "--on-error", paramLabel = "fail|skip", description = "What a bad row does: fail (stop with its "
            + "line; default) or skip (count it, go on).")
    String onError = "fail";

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu (default) or cuda:N; CUDA falls back to the "
            + "CPU with a warning when it cannot load.")
    String device = "cpu";

    @Option(names = "--batch", paramLabel = "ROWS", description = "Rows per call to ONNX Runtime (default: "
            + "${DEFAULT-VALUE}).")
    int batch = 4096;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime's intra-op threads (default: the cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!onError.equals("fail") && !onError.equals("skip")) {
            throw new AnnealException("--on-error: expected fail or skip, got '" + onError + "'");
        }
        if (batch < 1) {
            throw new AnnealException("--batch: expected a positive number of rows, got " + batch);
        }
        PrintWriter err = spec.commandLine().getErr();
        ModelBundle bundle = Bundles.open(model);
        BundleManifest manifest = bundle.manifest();
        List<String> required = new ArrayList<>(manifest.inputs().stream().map(BundleManifest.InputColumn::column).toList());
        if (id != null) {
            required.add(id);
        }
        Progress progress = noProgress ? Progress.SILENT
                : new ConsoleProgress(new PrintStream(System.err, true, StandardCharsets.UTF_8));
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        long rows = 0;
        long skipped = 0;
        try (BundleSession session = BundleSession.open(bundle.file(ModelBundle.MODEL), device, threads,
                        warning -> err.println("warning: " + warning));
                RowSource source = RowSource.open(data, required);
                CsvWriter out = CsvWriter.builder().build(partial, StandardCharsets.UTF_8);
                Progress.Task bar = progress.start("predict", Files.size(data))) {
            out.writeRecord(header(manifest));
            RowBatch pending = new RowBatch(manifest.inputs(), batch);
            List<String> ids = new ArrayList<>();
            for (RowSource.Row row = source.next(); row != null; row = source.next()) {
                try {
                    if (row.problem() != null) {
                        throw new RowBatch.BadRowException(row.problem());
                    }
                    pending.add(row.valueOf(), row.where());
                    if (id != null) {
                        String value = row.valueOf().apply(id);
                        ids.add(value == null ? "" : value);
                    }
                } catch (RowBatch.BadRowException e) {
                    if (onError.equals("fail")) {
                        throw new AnnealException(e.getMessage() + " (--on-error skip goes on without it)");
                    }
                    if (skipped++ < 5) {
                        err.println("skipped: " + e.getMessage());
                    }
                    continue;
                }
                if (pending.isFull()) {
                    rows += write(out, session.score(pending.drain()), ids);
                    bar.update(source.bytesRead(), String.format(Locale.ROOT, "%,d rows", rows));
                }
            }
            if (pending.size() > 0) {
                rows += write(out, session.score(pending.drain()), ids);
            }
            bar.update(Files.size(data), String.format(Locale.ROOT, "%,d rows", rows));
        } catch (IOException e) {
            throw new AnnealException("cannot write " + output + ": " + e.getMessage(), e);
        }
        try {
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AnnealException("cannot write " + output + ": " + e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%,d rows scored with %s version %s%s; predictions in %s%n", rows, manifest.name(),
                manifest.version(), skipped > 0 ? String.format(Locale.ROOT, ", %,d bad rows skipped", skipped) : "",
                output);
        stdout.flush();
        return 0;
    }

    private String[] header(BundleManifest manifest) {
        List<String> columns = new ArrayList<>();
        if (id != null) {
            columns.add(id);
        }
        if (manifest.classes().isEmpty()) {
            columns.add("prediction");
        } else {
            columns.add("label");
            manifest.classes().forEach(label -> columns.add("probability_" + label));
        }
        return columns.toArray(String[]::new);
    }

    private int write(CsvWriter out, BundleSession.Scores scores, List<String> ids) {
        int rows = scores.rows();
        List<String> line = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            line.clear();
            if (id != null) {
                line.add(ids.get(row));
            }
            if (scores.predictions() != null) {
                line.add(Float.toString(scores.predictions()[row]));
            } else {
                line.add(scores.labels()[row]);
                for (float probability : scores.probabilities()[row]) {
                    line.add(Float.toString(probability));
                }
            }
            out.writeRecord(line);
        }
        ids.clear();
        return rows;
    }
}
