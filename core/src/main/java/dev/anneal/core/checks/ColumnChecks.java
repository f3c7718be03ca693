package dev.anneal.core.checks;

import dev.anneal.core.data.ColumnType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The checks that follow from what is known of one column: present and of its type (errors: rows without
 * it, or with a non-number in a numeric column, cannot be scored), and within what was seen (warnings: its
 * categories, its numeric range). A bundle's inputs and a plan's profile both describe columns this way.
 */
public final class ColumnChecks {

    private ColumnChecks() {
    }

    /**
     * {@code present} (error); {@code type} for a numeric or date column (error); {@code categories} when
     * {@code categories} is non-empty (warn); {@code range} over {@code min} and {@code max} of a numeric
     * column when either is known (warn).
     *
     * @param categories the values seen, or {@code null} when unknown
     * @param min the smallest value seen, or {@code null}
     * @param max the largest value seen, or {@code null}
     */
    public static List<DataCheck> of(String column, ColumnType type, Collection<String> categories, Double min,
            Double max) {
        List<DataCheck> checks = new ArrayList<>();
        checks.add(DataCheck.present(column, Severity.ERROR));
        if (type == ColumnType.NUMERIC || type == ColumnType.DATE) {
            checks.add(DataCheck.type(column, type, Severity.ERROR));
        }
        if (categories != null && !categories.isEmpty()) {
            checks.add(DataCheck.categories(column, categories, Severity.WARN));
        }
        if (type == ColumnType.NUMERIC && (min != null || max != null)) {
            checks.add(DataCheck.range(column, min, max, Severity.WARN));
        }
        return checks;
    }
}
