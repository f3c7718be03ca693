package dev.anneal.core.checks;

import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.Numbers;
import dev.anneal.core.data.RowSource;
import dev.anneal.core.data.TypeInference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates data checks over a file's rows, fed one at a time: one pass, memory bounded by the checks and
 * not by the file. It is the only implementation of the rules; {@link CheckRunner} feeds it a file for
 * {@code anneal validate} and {@code anneal train} alike. Not thread-safe.
 *
 * <p>A value is missing when it is empty, absent (a JSONL key left out, or {@code null}) or one of the
 * file's NA tokens. Rules other than {@code missing} pass missing values over.
 */
public final class CheckPass {

    /** The failing rows each result keeps as examples. */
    static final int EXAMPLES = 3;

    private final List<Tally> tallies = new ArrayList<>();
    private final Set<String> naValues;
    private long rows;

    /** @param naValues tokens that mean missing besides the empty field ({@code data.na_values}) */
    public CheckPass(List<DataCheck> checks, Collection<String> naValues) {
        checks.forEach(check -> tallies.add(new Tally(check)));
        this.naValues = Set.copyOf(naValues);
    }

    /** Checks one readable row (its {@link RowSource.Row#problem()} is {@code null}). */
    public void accept(RowSource.Row row) {
        rows++;
        for (Tally tally : tallies) {
            if (tally.check.rule() != DataCheck.Rule.PRESENT) {
                String value = row.valueOf().apply(tally.check.column());
                tally.accept(value == null || naValues.contains(value) ? null : value, row.line());
            }
        }
    }

    /**
     * The results of every check, in the order given, once all rows are in.
     *
     * @param columns the file's columns ({@link RowSource#columns()}), for the {@code present} rules
     */
    public CheckReport finish(Set<String> columns) {
        List<CheckResult> results = new ArrayList<>();
        for (Tally tally : tallies) {
            results.add(tally.result(rows, columns));
        }
        return new CheckReport(rows, results);
    }

    /** One check's count of failing rows so far, and its first few. */
    private static final class Tally {
        private final DataCheck check;
        private final Set<String> allowed;
        private final List<CheckResult.Example> examples = new ArrayList<>(EXAMPLES);
        private long failing;

        Tally(DataCheck check) {
            this.check = check;
            this.allowed = check.values() == null ? Set.of() : new HashSet<>(check.values());
        }

        /** Counts the row when {@code value} ({@code null} when missing) breaks the rule. */
        void accept(String value, long line) {
            if (breaks(value)) {
                failing++;
                if (examples.size() < EXAMPLES) {
                    examples.add(new CheckResult.Example(line, check.redact() ? null : value));
                }
            }
        }

        private boolean breaks(String value) {
            return switch (check.rule()) {
                case MISSING -> value == null;
                case TYPE -> value != null && !hasType(value, check.type());
                case RANGE -> value != null && outside(Numbers.parse(value));
                case CATEGORIES -> value != null && !allowed.contains(value);
                case PRESENT -> false;
            };
        }

        private static boolean hasType(String value, ColumnType type) {
            return switch (type) {
                case NUMERIC -> !Double.isNaN(Numbers.parse(value));
                case DATE -> TypeInference.parseDate(value) != DateColumn.MISSING;
                case CATEGORY, TEXT -> true;
                case ID, IGNORE -> throw new IllegalStateException("no type rule checks " + type);
            };
        }

        /** Whether a number is outside the bounds; what is not a number is left to a type rule. */
        private boolean outside(double number) {
            return !Double.isNaN(number)
                    && (check.min() != null && number < check.min() || check.max() != null && number > check.max());
        }

        CheckResult result(long rows, Set<String> columns) {
            boolean passed;
            long counted = failing;
            switch (check.rule()) {
                case PRESENT -> {
                    passed = columns.contains(check.column());
                    counted = passed ? 0 : rows;
                }
                case MISSING -> passed = rows == 0 || (double) failing / rows <= check.maxRate();
                default -> passed = failing == 0;
            }
            return new CheckResult(check, passed, counted, rows, examples,
                    CheckMessages.of(check, passed, counted, rows, examples, columns));
        }
    }
}
