package dev.anneal.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.checks.DataCheck;
import dev.anneal.core.checks.Severity;
import dev.anneal.core.data.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a list of data checks, a config's {@code checks:} or a profile's {@code "checks"} (the format
 * {@link DataCheck#toMap()} writes), reporting every problem with its path: {@code checks[2].max: expected a
 * number}, an unknown rule with a "did you mean", a setting of another rule, {@code min} above {@code max}.
 */
public final class CheckParser {

    /** The rule each setting belongs to; {@code column}, {@code rule}, {@code severity} and {@code redact} fit any. */
    private static final Map<String, DataCheck.Rule> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("type", DataCheck.Rule.TYPE);
        SETTINGS.put("min", DataCheck.Rule.RANGE);
        SETTINGS.put("max", DataCheck.Rule.RANGE);
        SETTINGS.put("values", DataCheck.Rule.CATEGORIES);
        SETTINGS.put("max_rate", DataCheck.Rule.MISSING);
    }

    private static final Set<String> KEYS = Section.keys("column", "rule", "type", "min", "max", "values", "max_rate",
            "severity", "redact");
    private static final List<String> RULES =
            Arrays.stream(DataCheck.Rule.values()).map(DataCheck.Rule::configName).toList();
    private static final List<String> TYPES = DataCheck.CHECKABLE_TYPES.stream().map(ColumnType::configName).toList();

    private CheckParser() {
    }

    /**
     * The checks of {@code node}, a list at {@code path} ({@code checks}); none when it is {@code null}. A
     * check with a problem is left out, and the problem recorded in {@code problems}.
     */
    public static List<DataCheck> parse(JsonNode node, String path, Problems problems) {
        List<DataCheck> checks = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return checks;
        }
        if (!node.isArray()) {
            problems.add(path, "expected a list of checks such as [{column: age, rule: range, min: 0, max: 120}], got "
                    + Section.describe(node));
            return checks;
        }
        for (int i = 0; i < node.size(); i++) {
            DataCheck check = parseOne(new Section(node.get(i), path + "[" + i + "]", problems, KEYS));
            if (check != null) {
                checks.add(check);
            }
        }
        return checks;
    }

    private static DataCheck parseOne(Section check) {
        String column = check.requiredString("column");
        DataCheck.Rule rule = check.choice("rule", DataCheck.Rule.class, null);
        if (!check.has("rule")) {
            check.problems().add(check.child("rule"), "required: one of " + RULES);
        }
        Severity severity = check.choice("severity", Severity.class, Severity.ERROR);
        boolean redact = check.bool("redact", false);
        if (rule == null) {
            return null;
        }
        // The rule's settings are read even without a column, so that all their problems are reported too.
        String named = column == null ? "" : column;
        SETTINGS.forEach((key, owner) -> {
            if (owner != rule && check.has(key)) {
                check.problems().add(check.child(key), "only used with rule: " + owner.configName());
            }
        });
        DataCheck parsed = switch (rule) {
            case PRESENT -> DataCheck.present(named, severity);
            case TYPE -> type(check, named, severity);
            case RANGE -> range(check, named, severity);
            case CATEGORIES -> categories(check, named, severity);
            case MISSING -> missing(check, named, severity);
        };
        if (column == null || parsed == null) {
            return null;
        }
        return redact ? parsed.redacted() : parsed;
    }

    private static DataCheck type(Section check, String column, Severity severity) {
        String text = check.string("type", null);
        if (text == null) {
            check.problems().add(check.child("type"), "required with rule: type: one of " + TYPES);
            return null;
        }
        for (ColumnType type : DataCheck.CHECKABLE_TYPES) {
            if (type.configName().equals(text)) {
                return DataCheck.type(column, type, severity);
            }
        }
        check.problems().add(check.child("type"), "expected one of " + TYPES + ", got '" + text + "'"
                + Suggestions.didYouMean(text, TYPES));
        return null;
    }

    private static DataCheck range(Section check, String column, Severity severity) {
        Double min = finite(check, "min");
        Double max = finite(check, "max");
        if (!check.has("min") && !check.has("max")) {
            check.problems().add(check.path(), "rule range needs min, max or both");
            return null;
        }
        if (min != null && max != null && min > max) {
            check.problems().add(check.child("min"), "must not be above max, got min " + min + " > max " + max);
            return null;
        }
        return min == null && max == null ? null : DataCheck.range(column, min, max, severity);
    }

    private static Double finite(Section check, String key) {
        Double value = check.number(key, null);
        if (value != null && !Double.isFinite(value)) {
            check.problems().add(check.child(key), "expected a finite number, got " + value);
            return null;
        }
        return value;
    }

    private static DataCheck categories(Section check, String column, Severity severity) {
        if (!check.has("values")) {
            check.problems().add(check.child("values"), "required with rule: categories: the list of allowed values");
            return null;
        }
        return DataCheck.categories(column, check.strings("values"), severity);
    }

    private static DataCheck missing(Section check, String column, Severity severity) {
        Double rate = check.number("max_rate", null);
        if (rate == null) {
            if (!check.has("max_rate")) {
                check.problems().add(check.child("max_rate"), "required with rule: missing: the largest allowed share"
                        + " of missing values, in [0, 1]");
            }
            return null;
        }
        if (!(rate >= 0 && rate <= 1)) {
            check.problems().add(check.child("max_rate"), "must be in [0, 1], got " + rate);
            return null;
        }
        return DataCheck.missing(column, rate, severity);
    }
}
