package dev.anneal.core.checks;

import dev.anneal.core.config.Suggestions;
import dev.anneal.core.data.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one-line message of a {@link CheckResult}: what was checked, how many rows break it, and where. */
final class CheckMessages {

    /** Allowed categories are listed up to this many; more are only counted. */
    private static final int LISTED_CATEGORIES = 5;
    /** Longer example values are cut here, so that a long text keeps the message short. */
    private static final int SHOWN_LENGTH = 40;

    private CheckMessages() {
    }

    /**
     * @param columns the file's columns, to suggest a near name for an absent one
     */
    static String of(DataCheck check, boolean passed, long failing, long rows, List<CheckResult.Example> examples,
            Collection<String> columns) {
        String column = check.column();
        if (check.rule() == DataCheck.Rule.PRESENT) {
            return column + ": " + (passed ? "in the file"
                    : "no column '" + column + "' in the file" + Suggestions.didYouMean(column, columns));
        }
        return String.format(Locale.ROOT, "%s: %,d of %,d rows %s%s", column, failing, rows,
                broken(check, failing, rows), examples(examples, failing));
    }

    /** What the failing rows are, after "N of M rows". */
    private static String broken(DataCheck check, long failing, long rows) {
        return switch (check.rule()) {
            case PRESENT -> throw new IllegalArgumentException("a present check is about the file, not its rows");
            case TYPE -> "not " + typeName(check.type());
            case RANGE -> check.min() == null ? "above the maximum " + number(check.max())
                    : check.max() == null ? "below the minimum " + number(check.min())
                    : "out of range [" + number(check.min()) + ", " + number(check.max()) + "]";
            case CATEGORIES -> check.values().size() <= LISTED_CATEGORIES && !check.redact()
                    ? "not among the allowed categories " + check.values()
                    : "not among the " + check.values().size() + " allowed categories";
            case MISSING -> "missing (" + percent(rows == 0 ? 0 : (double) failing / rows) + ", at most "
                    + percent(check.maxRate()) + " allowed)";
        };
    }

    private static String typeName(ColumnType type) {
        return switch (type) {
            case NUMERIC -> "numbers";
            case DATE -> "ISO-8601 dates";
            case CATEGORY -> "categories";
            case TEXT -> "texts";
            case ID, IGNORE -> throw new IllegalArgumentException("no type rule checks " + type);
        };
    }

    /** {@code (line 17: 150, line 40: -3, ...)}, the dots when more rows fail than are shown. */
    private static String examples(List<CheckResult.Example> examples, long failing) {
        if (examples.isEmpty()) {
            return "";
        }
        String shown = examples.stream()
                .map(e -> "line " + e.line() + (e.value() == null ? "" : ": " + shown(e.value())))
                .collect(Collectors.joining(", "));
        return " (" + shown + (failing > examples.size() ? ", ..." : "") + ")";
    }

    /** A value on one line and not too long. */
    private static String shown(String value) {
        String flat = value.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= SHOWN_LENGTH ? flat : flat.substring(0, SHOWN_LENGTH) + "...";
    }

    private static String number(double value) {
        return DataCheck.plain(value).toString();
    }

    private static String percent(double share) {
        return BigDecimal.valueOf(share * 100).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                + "%";
    }
}
