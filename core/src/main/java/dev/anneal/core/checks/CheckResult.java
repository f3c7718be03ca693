package dev.anneal.core.checks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How one {@link DataCheck} fared on a file.
 *
 * @param passed whether the file meets the check
 * @param failingRows the rows that break the rule (for {@code missing}: the rows with a missing value, which
 *     fail the check only above its {@code max_rate}; for an absent column: every row)
 * @param rows the rows checked
 * @param examples up to {@value CheckPass#EXAMPLES} of the failing rows, first in the file
 * @param message one line saying what was found, starting with the column: {@code age: 12 of 5,000 rows out
 *     of range [0, 120] (line 17: 150, line 40: -3)}; values are left out when the check is redacted
 */
public record CheckResult(DataCheck check, boolean passed, long failingRows, long rows, List<Example> examples,
        String message) {

    /**
     * A failing row.
     *
     * @param line the 1-based line of the file it starts on
     * @param value its value, or {@code null} when missing or when the check is redacted
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Example(long line, String value) {
    }

    public CheckResult {
        examples = List.copyOf(examples);
    }

    /** The message after the check's severity, as reports print a failure: {@code warn: age: ...}. */
    public String withSeverity() {
        return check.severity().configName() + ": " + message;
    }
}
