package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.config.SplitMethod;
import dev.anneal.core.data.RowSource;
import dev.anneal.core.profile.DataProfile;
import dev.anneal.core.profile.DataProfiler;
import dev.anneal.train.plan.Finding;
import dev.anneal.train.plan.Plan;
import dev.anneal.train.plan.PlanRequest;
import dev.anneal.train.plan.PlanWriter;
import dev.anneal.train.plan.Planner;
import dev.anneal.train.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code anneal plan}: profiles a data file in one streaming pass, finds its problems, and writes the
 * project plan ({@code PLAN.md}, {@code plan.html}), the profile with its data checks
 * ({@code profile.json}) and a config that {@code anneal train} runs unchanged ({@code config.yaml}).
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {"Profile a CSV or JSONL file, find its problems (duplicates, leakage, ID and personal-data "
                + "columns, ...), and write the project plan and a runnable config.",
            "Writes DIR/profile.json, DIR/PLAN.md, DIR/plan.html and DIR/config.yaml."},
        footer = {"", "Example:", "  anneal plan --data data/demo/mlc_churn.csv --target churn --out plans/churn",
            "  anneal train plans/churn/config.yaml"})
final class PlanCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV with a header, or JSONL.")
    Path data;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "The column to predict.")
    String target;

    @Option(names = "--task", paramLabel = "TASK", description = "binary, multiclass or regression (default: inferred "
            + "from the target).")
    String task;

    @Option(names = "--time-column", paramLabel = "COLUMN", description = "The column that orders rows in time "
            + "(default: a date column, if any).")
    String timeColumn;

    @Option(names = "--group-column", paramLabel = "COLUMN", description = "The entity whose rows belong together "
            + "(customer, product; default: a column named like one).")
    String groupColumn;

    @Option(names = "--split", paramLabel = "METHOD", description = "random, stratified, time or group (default: "
            + "chosen from the data).")
    String split;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the plan (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("plan");

    @Option(names = "--name", paramLabel = "NAME", description = "The project name (default: the data file's name).")
    String name;

    @Option(names = "--seed", paramLabel = "N", description = "Seeds the row sample and the config (default: "
            + "${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--sample-rows", paramLabel = "N", description = "Rows sampled for quantiles, correlations, "
            + "outliers and leakage (default: ${DEFAULT-VALUE}; at least 100).")
    int sampleRows = DataProfiler.DEFAULT_SAMPLE_ROWS;

    @Option(names = "--threads", paramLabel = "N", description = "Threads that update the column statistics "
            + "(default: the cores); the plan is the same for any number.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    RowOptions rows;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        rows.check();
        PlanRequest request = request();
        DataProfile profile = profile();
        Plan plan = Planner.plan(profile, request);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new AnnealException("--out " + out + ": is a file, expected a folder");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new AnnealException("cannot create " + out + ": " + e.getMessage(), e);
        }
        PlanWriter.write(plan, out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%,d rows × %d columns profiled: %s; %s split, %d candidates, metric %s%n",
                profile.rows(), profile.columns().size(), Finding.tally(plan.findings()),
                plan.split().method().configName(), plan.models().size(), plan.metric());
        for (Finding finding : plan.findings()) {
            if (finding.severity() == Finding.Severity.ERROR) {
                stdout.println("  error: " + (finding.column() == null ? "" : finding.column() + ": ") + finding.message());
            }
        }
        stdout.printf(Locale.ROOT, "wrote %s; next: anneal train %s%n",
                String.join(", ", PlanWriter.FILES.stream().map(f -> out.resolve(f).toString()).toList()),
                out.resolve("config.yaml"));
        stdout.flush();
        return 0;
    }

    private PlanRequest request() {
        if (sampleRows < 100) {
            throw new AnnealException("--sample-rows: expected at least 100, got " + sampleRows);
        }
        if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
            throw new AnnealException("--name '" + name + "': expected letters, digits, '.', '_' or '-' only");
        }
        if (threads < 1) {
            throw new AnnealException("--threads: expected at least 1, got " + threads);
        }
        if (!Files.isRegularFile(data)) {
            throw new AnnealException(data + ": " + (Files.isDirectory(data) ? "is a directory" : "file not found")
                    + ", expected a CSV or JSONL file");
        }
        Task declared = task == null ? null : Task.fromConfigName(task);
        SplitMethod method = split == null ? null : splitMethod(split);
        Path folder = out.toAbsolutePath().normalize();
        String dataPath = folder.relativize(data.toAbsolutePath().normalize()).toString();
        String fileName = data.getFileName().toString();
        String project = name != null ? name : fileName.replaceFirst("(\\.[A-Za-z]+)+$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return new PlanRequest(project, dataPath, target, declared, timeColumn, groupColumn, method, seed);
    }

    private static SplitMethod splitMethod(String text) {
        for (SplitMethod method : List.of(SplitMethod.RANDOM, SplitMethod.STRATIFIED, SplitMethod.TIME, SplitMethod.GROUP)) {
            if (method.configName().equals(text)) {
                return method;
            }
        }
        throw new AnnealException("--split: expected random, stratified, time or group, got '" + text + "'");
    }

    /** One streaming pass over the file into a profile, with a progress bar by bytes read. */
    private DataProfile profile() {
        PrintWriter err = spec.commandLine().getErr();
        RowOptions.BadRows bad = rows.badRows(err);
        try (RowSource source = RowSource.open(data, List.of(), null);
                Progress.Task bar = rows.progress().start("profile", source.size())) {
            DataProfile profile = DataProfiler.profile(source, target, Set.of(), sampleRows, seed, threads, bad::reject,
                    (bytes, read) -> bar.update(bytes, String.format(Locale.ROOT, "%,d rows", read)));
            err.flush();
            return profile;
        }
    }
}
