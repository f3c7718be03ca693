package dev.anneal.cli;

import dev.anneal.core.AnnealException;
import dev.anneal.core.checks.BundleChecks;
import dev.anneal.core.checks.CheckReport;
import dev.anneal.core.checks.CheckRunner;
import dev.anneal.core.checks.Severity;
import dev.anneal.core.config.CheckProfile;
import dev.anneal.core.data.RowSource;
import dev.anneal.train.progress.Progress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code anneal validate}: checks a data file against the rules of a profile or a model bundle, in one
 * streaming pass, and prints each failed rule; exits with 1 when a rule marked {@code error} fails.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Check a CSV or JSONL file against a profile's checks (a JSON file with a \"checks\" list, "
                + "as anneal plan writes it) or against a model bundle's inputs (each present and of its type: "
                + "errors; categories and ranges seen in training: warnings). Prints each failed check; exits with "
                + "1 when a check marked error fails, 0 otherwise."},
        footer = {"", "Examples:", "  anneal validate --data new.csv --against profile.json",
            "  anneal validate --data new.csv --against models/churn-demo"})
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The rows to check: CSV with a "
            + "header, or JSONL (.jsonl, .ndjson); gzipped or not.")
    Path data;

    @Option(names = "--against", required = true, paramLabel = "PROFILE_OR_BUNDLE", description = "A profile (JSON "
            + "with a \"checks\" list), or a bundle folder, a run folder or a model's folder in a repository.")
    Path against;

    @Option(names = "--na-values", split = ",", paramLabel = "TOKEN", description = "Tokens that mean missing "
            + "besides the empty field (besides a profile's own \"na_values\"), e.g. --na-values NA,?")
    List<String> naValues = List.of();

    @Mixin
    RowOptions rows;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        rows.check();
        CheckProfile rules = rules();
        Set<String> missing = new LinkedHashSet<>(rules.naValues());
        missing.addAll(naValues);
        PrintWriter err = spec.commandLine().getErr();
        RowOptions.BadRows bad = rows.badRows(err);
        CheckReport report;
        try (RowSource source = RowSource.open(data, List.of(), null);
                Progress.Task bar = rows.progress().start("validate", source.size())) {
            report = CheckRunner.run(source, rules.checks(), missing, bad::reject,
                    (bytes, read) -> bar.update(bytes, String.format(Locale.ROOT, "%,d rows", read)));
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        report.failures().forEach(failure -> out.println(failure.withSeverity()));
        out.println(summary(report, bad.skipped()));
        out.flush();
        return report.hasErrors() ? AnnealCommand.FAILURE : 0;
    }

    /** The checks {@code --against} names, with the tokens its profile says mean missing. */
    private CheckProfile rules() {
        if (Files.isDirectory(against)) {
            return new CheckProfile(BundleChecks.of(Bundles.open(against).manifest()), List.of());
        }
        if (!Files.exists(against)) {
            throw new AnnealException("--against " + against + ": no such profile (JSON file) or bundle (folder)");
        }
        return CheckProfile.read(against);
    }

    private String summary(CheckReport report, long skipped) {
        long errors = report.failed(Severity.ERROR);
        long warnings = report.failed(Severity.WARN);
        String verdict = errors + warnings == 0 ? "all pass"
                : count(errors, "error") + ", " + count(warnings, "warning");
        return String.format(Locale.ROOT, "%,d rows of %s checked against %s: %s%s", report.rows(),
                data.getFileName(), count(report.results().size(), "rule"), verdict,
                skipped > 0 ? String.format(Locale.ROOT, " (%,d bad rows skipped)", skipped) : "");
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
