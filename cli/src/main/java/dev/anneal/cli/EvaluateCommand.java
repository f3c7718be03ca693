package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.bundle.Distribution;
import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.data.RowSource;
import dev.anneal.core.io.AtomicFiles;
import dev.anneal.core.metrics.Metrics;
import dev.anneal.serve.runtime.RowBatch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code anneal evaluate}: the task's metrics of a bundle on labelled rows, and each input column's drift
 * from the training rows (population stability index over the bins the manifest records).
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {"Score labelled rows (CSV or JSONL holding the target column) with a model bundle: the task's "
                + "metrics, and the drift of each input column from training (population stability index)."},
        footer = {"", "Example:", "  anneal evaluate --model models/churn-demo --data labelled.csv --json report.json"})
final class EvaluateCommand implements Callable<Integer> {

    /** PSI at or above which a column is reported as drifted (the usual "major shift" line). */
    static final double MAJOR_DRIFT = 0.25;
    static final double MODERATE_DRIFT = 0.1;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled rows: CSV with a header, "
            + "or JSONL (.jsonl, .ndjson).")
    Path data;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the metrics and the drift as JSON.")
    Path json;

    @Mixin
    BundleOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ModelBundle bundle = options.open("evaluate");
        BundleManifest manifest = bundle.manifest();
        Task task = Task.fromConfigName(manifest.task());
        String target = manifest.target();
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < manifest.classes().size(); i++) {
            classIndex.put(manifest.classes().get(i), i);
        }
        Drift drift = new Drift(manifest.inputs());
        List<Double> truth = new ArrayList<>();
        List<Double> predictions = new ArrayList<>();
        StreamScorer.Counts counts = new StreamScorer(bundle, options, spec.commandLine().getErr()).run(data,
                List.of(target), row -> List.of(label(row, target, task, classIndex)),
                (inputs, scores, extras) -> {
                    drift.add(inputs);
                    for (List<String> row : extras) {
                        truth.add(Double.parseDouble(row.get(0)));
                    }
                    for (double prediction : scores.asModelOutput(task)) {
                        predictions.add(prediction);
                    }
                });
        if (counts.scored() == 0) {
            throw new AnnealException(data + ": no row could be scored");
        }
        Map<String, Double> metrics = metrics(task, truth, predictions, manifest.classes().size());
        Map<String, Double> psi = drift.psi();
        print(manifest, counts, metrics, psi);
        if (json != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", manifest.name() + "/" + manifest.version());
            report.put("data", data.toAbsolutePath().toString());
            report.put("rows", counts.scored());
            report.put("skipped_rows", counts.skipped());
            report.put("metrics", metrics);
            report.put("psi", psi);
            report.put("drifted", psi.entrySet().stream().filter(e -> e.getValue() >= MAJOR_DRIFT)
                    .map(Map.Entry::getKey).toList());
            AtomicFiles.writeJson(json, report);
        }
        return 0;
    }

    /** The row's label as a number: its class index, or its value for a regression. */
    private static String label(RowSource.Row row, String target, Task task, Map<String, Integer> classIndex) {
        String text = row.valueOf().apply(target);
        if (text == null) {
            throw new RowBatch.BadRowException(row.where() + ", column '" + target + "': the label is missing");
        }
        if (task == Task.REGRESSION) {
            try {
                return Double.toString(Double.parseDouble(text.strip()));
            } catch (NumberFormatException e) {
                throw new RowBatch.BadRowException(row.where() + ", column '" + target + "': expected a number, got '"
                        + text + "'");
            }
        }
        Integer index = classIndex.get(text);
        if (index == null) {
            throw new RowBatch.BadRowException(row.where() + ", column '" + target + "': '" + text
                    + "' is not one of the model's classes " + classIndex.keySet().stream().sorted().toList());
        }
        return Integer.toString(index);
    }

    private static Map<String, Double> metrics(Task task, List<Double> truth, List<Double> predictions, int classes) {
        double[] p = predictions.stream().mapToDouble(Double::doubleValue).toArray();
        if (task == Task.REGRESSION) {
            return Metrics.evaluate(task, null, truth.stream().mapToDouble(Double::doubleValue).toArray(), p, 0, 0.5);
        }
        int[] y = truth.stream().mapToInt(Double::intValue).toArray();
        return Metrics.evaluate(task, y, null, p, classes, 0.5);
    }

    private void print(BundleManifest manifest, StreamScorer.Counts counts, Map<String, Double> metrics,
            Map<String, Double> psi) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s version %s on %,d rows of %s%s%n%n", manifest.name(), manifest.version(),
                counts.scored(), data.getFileName(), counts.skipped() > 0
                        ? String.format(Locale.ROOT, " (%,d bad rows skipped)", counts.skipped()) : "");
        Map<String, Double> test = manifest.metrics().get("test");
        out.println("   metric            here      test (training run)");
        metrics.forEach((name, value) -> out.printf(Locale.ROOT, "   %-16s  %-8.4f  %s%n", name, value,
                test != null && test.get(name) != null ? String.format(Locale.ROOT, "%.4f", test.get(name)) : ""));
        out.println();
        out.println("   drift (population stability index; >= 0.25 major, >= 0.1 moderate)");
        psi.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> out.printf(Locale.ROOT, "   %-24s %.4f%s%n", e.getKey(), e.getValue(),
                        e.getValue() >= MAJOR_DRIFT ? "  drifted" : e.getValue() >= MODERATE_DRIFT ? "  moderate" : ""));
        out.flush();
    }

    /** Counts of each input column over the training bins, from the graph inputs of the scored rows. */
    private static final class Drift {
        private final List<BundleManifest.InputColumn> inputs;
        private final Map<String, long[]> counts = new LinkedHashMap<>();
        private final Map<String, double[]> edges = new HashMap<>();
        private final Map<String, Map<String, Integer>> categories = new HashMap<>();

        Drift(List<BundleManifest.InputColumn> inputs) {
            this.inputs = inputs;
            for (BundleManifest.InputColumn input : inputs) {
                if (input.training() == null) {
                    continue;
                }
                counts.put(input.column(), new long[input.training().shares().size()]);
                if (!"category".equals(input.type())) {
                    edges.put(input.column(), input.training().edges().stream().mapToDouble(Double::doubleValue).toArray());
                } else {
                    categories.put(input.column(), Distribution.categoryIndex(input.categories()));
                }
            }
        }

        void add(Map<String, Object> batch) {
            for (Map.Entry<String, long[]> column : counts.entrySet()) {
                Object values = batch.get(column.getKey());
                if (values instanceof long[][]) {
                    // A text column: its distribution is of token counts, which its mask holds.
                    double[] cuts = edges.get(column.getKey());
                    for (long[] mask : (long[][]) batch.get(GraphInputs.maskName(column.getKey()))) {
                        column.getValue()[Distribution.numericBin(Arrays.stream(mask).sum(), cuts)]++;
                    }
                } else if (values instanceof double[][] numbers) {
                    double[] cuts = edges.get(column.getKey());
                    for (double[] value : numbers) {
                        column.getValue()[Distribution.numericBin(value[0], cuts)]++;
                    }
                } else {
                    Map<String, Integer> index = categories.get(column.getKey());
                    for (String[] value : (String[][]) values) {
                        column.getValue()[Distribution.categoryBin(value[0], index)]++;
                    }
                }
            }
        }

        Map<String, Double> psi() {
            Map<String, Double> out = new LinkedHashMap<>();
            for (BundleManifest.InputColumn input : inputs) {
                long[] observed = counts.get(input.column());
                if (observed != null && Arrays.stream(observed).sum() > 0) {
                    out.put(input.column(), input.training().psi(Distribution.shares(observed)));
                }
            }
            return out;
        }
    }
}
