package dev.anneal.core.checks;

import java.util.Comparator;
import java.util.List;

/**
 * The results of a file's data checks: what {@code anneal validate} prints and {@code anneal train} writes
 * to the run folder as {@code checks.json}.
 *
 * @param rows the rows checked (rows that could not be read are not among them)
 * @param results one per check, in the order the checks were given
 */
public record CheckReport(long rows, List<CheckResult> results) {

    public CheckReport {
        results = List.copyOf(results);
    }

    /** The checks that failed, errors first, each group in the order given. */
    public List<CheckResult> failures() {
        return results.stream()
                .filter(result -> !result.passed())
                .sorted(Comparator.comparing(result -> result.check().severity()))
                .toList();
    }

    /** How many checks of {@code severity} failed. */
    public long failed(Severity severity) {
        return results.stream().filter(r -> !r.passed() && r.check().severity() == severity).count();
    }

    /** Whether a check marked {@code error} failed. */
    public boolean hasErrors() {
        return failed(Severity.ERROR) > 0;
    }
}
