package dev.anneal.core.checks;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.anneal.core.data.ColumnType;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One rule a data file must meet, as a config's {@code checks:} list and a data profile's {@code "checks"}
 * array write it: {@code {column: age, rule: range, min: 0, max: 120, severity: warn}}.
 *
 * <p>Make one with the factory of its rule ({@link #present}, {@link #type}, {@link #range},
 * {@link #categories}, {@link #missing}), and {@link #redacted()} for a column of personal data. Jackson
 * writes it, with any mapper (JSON or YAML), as {@link #toMap()}: the same keys the config loader reads
 * back, so {@code Json.write(Map.of("checks", checks))} is a profile that {@code anneal validate} reads.
 *
 * @param column the column the rule is about
 * @param rule what is checked
 * @param severity whether a failure is an error or a warning
 * @param redact whether reports leave out the column's values (only counts and line numbers)
 * @param type the type every non-missing value must have (rule {@code type} only, else {@code null}):
 *     {@code numeric} or {@code date}; {@code category} and {@code text} take any value
 * @param min the smallest allowed number (rule {@code range}; {@code null} for no lower bound)
 * @param max the largest allowed number (rule {@code range}; {@code null} for no upper bound)
 * @param values the allowed categories (rule {@code categories} only, else {@code null})
 * @param maxRate the largest allowed share of missing values, in [0, 1] (rule {@code missing} only)
 */
public record DataCheck(String column, Rule rule, Severity severity, boolean redact, ColumnType type, Double min,
        Double max, List<String> values, Double maxRate) {

    /** What a check looks at. */
    public enum Rule {
        /** The column is in the file (a CSV's header; a key of some JSONL row). */
        PRESENT,
        /** Every non-missing value parses as the rule's type. */
        TYPE,
        /** Every non-missing number is within [min, max]; values that are not numbers are left to a type rule. */
        RANGE,
        /** Every non-missing value is one of the listed categories. */
        CATEGORIES,
        /** The share of missing values is at most {@code max_rate}. */
        MISSING;

        /** The name a config uses. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The types a {@code type} rule can ask for. */
    public static final Set<ColumnType> CHECKABLE_TYPES =
            EnumSet.of(ColumnType.NUMERIC, ColumnType.DATE, ColumnType.CATEGORY, ColumnType.TEXT);

    /** Checks that each setting is given for, and only for, its rule, as the config loader has ensured. */
    public DataCheck {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        only(type != null, rule, Rule.TYPE, "type");
        only(min != null || max != null, rule, Rule.RANGE, "min or max");
        only(values != null, rule, Rule.CATEGORIES, "values");
        only(maxRate != null, rule, Rule.MISSING, "max_rate");
        if (type != null && !CHECKABLE_TYPES.contains(type)) {
            throw new IllegalArgumentException("a type rule checks one of " + CHECKABLE_TYPES + ", not " + type);
        }
        if (min != null && !Double.isFinite(min) || max != null && !Double.isFinite(max)) {
            throw new IllegalArgumentException("min and max must be finite numbers, got " + min + " and " + max);
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
        if (maxRate != null && !(maxRate >= 0 && maxRate <= 1)) {
            throw new IllegalArgumentException("max_rate must be in [0, 1], got " + maxRate);
        }
        values = values == null ? null : List.copyOf(values);
    }

    /** Refuses a {@code setting} of {@code owner} that is missing from it, or given to another {@code rule}. */
    private static void only(boolean given, Rule rule, Rule owner, String setting) {
        boolean belongs = rule == owner;
        if (given != belongs) {
            throw new IllegalArgumentException(belongs ? rule + " needs " + setting : setting + " is not for " + rule);
        }
    }

    /** {@code column} must be in the file. */
    public static DataCheck present(String column, Severity severity) {
        return new DataCheck(column, Rule.PRESENT, severity, false, null, null, null, null, null);
    }

    /** Every non-missing value of {@code column} must parse as {@code type} (one of {@link #CHECKABLE_TYPES}). */
    public static DataCheck type(String column, ColumnType type, Severity severity) {
        return new DataCheck(column, Rule.TYPE, severity, false, type, null, null, null, null);
    }

    /** Every number in {@code column} must be within [min, max]; either bound may be {@code null}, not both. */
    public static DataCheck range(String column, Double min, Double max, Severity severity) {
        return new DataCheck(column, Rule.RANGE, severity, false, null, min, max, null, null);
    }

    /** Every non-missing value of {@code column} must be one of {@code values}. */
    public static DataCheck categories(String column, Collection<String> values, Severity severity) {
        return new DataCheck(column, Rule.CATEGORIES, severity, false, null, null, null, List.copyOf(values), null);
    }

    /** At most the share {@code maxRate} (in [0, 1]; 0 = none) of {@code column}'s values may be missing. */
    public static DataCheck missing(String column, double maxRate, Severity severity) {
        return new DataCheck(column, Rule.MISSING, severity, false, null, null, null, null, maxRate);
    }

    /** This check with its column's values kept out of every report: for personal data. */
    public DataCheck redacted() {
        return new DataCheck(column, rule, severity, true, type, min, max, values, maxRate);
    }

    /**
     * The check in the rule format, keys in the documented order: {@code column}, {@code rule}, the rule's
     * settings, {@code severity}, and {@code redact} when set. Whole-number bounds are written as integers.
     */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("column", column);
        out.put("rule", rule.configName());
        if (type != null) {
            out.put("type", type.configName());
        }
        if (min != null) {
            out.put("min", plain(min));
        }
        if (max != null) {
            out.put("max", plain(max));
        }
        if (values != null) {
            out.put("values", values);
        }
        if (maxRate != null) {
            out.put("max_rate", maxRate);
        }
        out.put("severity", severity.configName());
        if (redact) {
            out.put("redact", true);
        }
        return out;
    }

    /** {@code value} as a {@code long} when it is a whole number a long holds exactly, else itself. */
    static Number plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
    }
}
