package dev.anneal.train.deep;

import dev.anneal.core.config.Problems;
import dev.anneal.core.config.Suggestions;
import java.util.List;
import java.util.Map;

/** Range checks of one candidate's numeric and choice parameters, each problem with its path. */
final class ParamChecks {

    private final Map<String, Object> params;
    private final String path;
    private final Problems problems;

    ParamChecks(Map<String, Object> params, String path, Problems problems) {
        this.params = params;
        this.path = path;
        this.problems = problems;
    }

    void positiveInt(String key, int max) {
        Object value = params.get(key);
        if (value != null && !(value instanceof Integer i && i >= 1 && i <= max)) {
            problems.add(path + "." + key, "expected an integer in [1, " + max + "], got " + value);
        }
    }

    void nonNegativeInt(String key) {
        Object value = params.get(key);
        if (value != null && !(value instanceof Integer i && i >= 0)) {
            problems.add(path + "." + key, "expected an integer >= 0, got " + value);
        }
    }

    void positiveNumber(String key) {
        Object value = params.get(key);
        if (value != null && !(value instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue()))) {
            problems.add(path + "." + key, "expected a number > 0, got " + value);
        }
    }

    void nonNegativeNumber(String key) {
        Object value = params.get(key);
        if (value != null && !(value instanceof Number n && n.doubleValue() >= 0 && Double.isFinite(n.doubleValue()))) {
            problems.add(path + "." + key, "expected a number >= 0, got " + value);
        }
    }

    void choice(String key, List<String> allowed) {
        Object value = params.get(key);
        if (value != null && !allowed.contains(String.valueOf(value))) {
            problems.add(path + "." + key, "expected one of " + allowed + ", got '" + value + "'"
                    + Suggestions.didYouMean(String.valueOf(value), allowed));
        }
    }
}
