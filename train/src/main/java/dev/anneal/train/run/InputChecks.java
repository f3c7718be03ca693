package dev.anneal.train.run;

import dev.anneal.core.AnnealException;
import dev.anneal.core.checks.CheckReport;
import dev.anneal.core.checks.CheckResult;
import dev.anneal.core.checks.CheckRunner;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.data.RowSource;
import dev.anneal.train.progress.Progress;
import java.util.List;
import java.util.Locale;

/**
 * The config's {@code checks:} run on its data file before anything else of a run: a failed check marked
 * {@code error} stops the run with every failure listed; the report, warnings and all, goes to the run
 * folder as {@link #FILE}.
 */
final class InputChecks {

    /** The run folder's file with every check's result. */
    static final String FILE = "checks.json";

    private InputChecks() {
    }

    /**
     * Checks the config's data file in one streaming pass, or returns {@code null} when the config has no
     * checks.
     *
     * @throws AnnealException listing every failed check, one per line, when one marked {@code error} failed,
     *     or naming the line of a row that cannot be read
     */
    static CheckReport run(ProjectConfig config, Progress progress) {
        if (config.checks().isEmpty()) {
            return null;
        }
        CheckReport report;
        try (RowSource source = RowSource.open(config.data().path(), List.of(), null);
                Progress.Task bar = progress.start("checks", source.size())) {
            report = CheckRunner.run(source, config.checks(), config.data().naValues(), problem -> {
                throw new AnnealException(problem);
            }, (bytes, rows) -> bar.update(bytes, String.format(Locale.ROOT, "%,d rows", rows)));
        }
        if (report.hasErrors()) {
            List<CheckResult> failures = report.failures();
            StringBuilder message = new StringBuilder(config.data().path().toString()).append(String.format(
                    Locale.ROOT, ": the data fails %d of its %d checks:", failures.size(), report.results().size()));
            failures.forEach(failure -> message.append(System.lineSeparator()).append("  ")
                    .append(failure.withSeverity()));
            throw new AnnealException(message.toString());
        }
        return report;
    }
}
