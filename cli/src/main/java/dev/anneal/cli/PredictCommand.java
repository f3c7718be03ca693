package dev.anneal.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.io.PartialFile;
import dev.anneal.serve.runtime.BundleSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code anneal predict}: scores a CSV or JSONL file of raw rows with a model bundle, streaming. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {"Score a CSV or JSONL file of raw rows with a model bundle through ONNX Runtime, in bounded "
                + "memory, and write the labels and probabilities (or predictions) as CSV."},
        footer = {"", "Example:", "  anneal predict --model models/churn-demo/1 --data new.csv -o predictions.csv"})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Rows to score: CSV with a header, or "
            + "JSONL (.jsonl, .ndjson).")
    Path data;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the predictions "
            + "(default: ${DEFAULT-VALUE}).")
    Path output = Path.of("predictions.csv");

    @Option(names = "--id", paramLabel = "COLUMN", description = "A column of the input to copy into each output row.")
    String id;

    @Mixin
    BundleOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ModelBundle bundle = options.open("predict");
        BundleManifest manifest = bundle.manifest();
        PartialFile file = PartialFile.beside(output);
        StreamScorer.Counts counts;
        try (CsvWriter out = CsvWriter.builder().build(file.partial(), StandardCharsets.UTF_8)) {
            out.writeRecord(header(manifest));
            counts = new StreamScorer(bundle, options, spec.commandLine().getErr()).run(data,
                    id == null ? List.of() : List.of(id),
                    row -> id == null ? List.of() : List.of(valueOrEmpty(row.valueOf().apply(id))),
                    (inputs, scores, extras) -> write(out, scores, extras));
        } catch (IOException e) {
            file.delete();
            throw new AnnealException("cannot write " + output + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            file.delete();
            throw e;
        }
        try {
            file.publish();
        } catch (IOException e) {
            throw new AnnealException("cannot write " + output + ": " + e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%,d rows scored with %s version %s%s; predictions in %s%n", counts.scored(),
                manifest.name(), manifest.version(), counts.skipped() > 0
                        ? String.format(Locale.ROOT, ", %,d bad rows skipped", counts.skipped()) : "", output);
        stdout.flush();
        return 0;
    }

    private static String valueOrEmpty(String value) {
        return value == null ? "" : value;
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

    private static void write(CsvWriter out, BundleSession.Scores scores, List<List<String>> extras) {
        List<String> line = new ArrayList<>();
        for (int row = 0; row < scores.rows(); row++) {
            line.clear();
            line.addAll(extras.get(row));
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
    }
}
