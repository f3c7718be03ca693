package dev.anneal.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed, path-aware reading of one mapping in a YAML config. Every wrong key or value becomes a
 * problem with its path; reading goes on so that all problems are reported together.
 */
final class Section {

    private final JsonNode node;
    private final String path;
    private final Problems problems;

    /** Reads {@code node} at {@code path}, reporting every key outside {@code allowedKeys}. */
    Section(JsonNode node, String path, Problems problems, Set<String> allowedKeys) {
        this.path = path;
        this.problems = problems;
        if (node == null || node.isMissingNode() || node.isNull()) {
            this.node = MissingNode.getInstance();
        } else if (!node.isObject()) {
            problems.add(path, "expected a mapping of keys to values, got " + describe(node));
            this.node = MissingNode.getInstance();
        } else {
            this.node = node;
            Iterator<String> keys = node.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (!allowedKeys.contains(key)) {
                    problems.add(child(key), "unknown key" + Suggestions.didYouMean(key, allowedKeys)
                            + " (allowed: " + String.join(", ", allowedKeys) + ")");
                }
            }
        }
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    JsonNode raw(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    Section section(String key, Set<String> allowedKeys) {
        return new Section(raw(key), child(key), problems, allowedKeys);
    }

    String string(String key, String fallback) {
        JsonNode value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isValueNode()) {
            problems.add(child(key), "expected a string, got " + describe(value));
            return fallback;
        }
        return value.asText();
    }

    String requiredString(String key) {
        String value = string(key, null);
        if (value == null && raw(key) == null) {
            problems.add(child(key), "required: expected a string");
        } else if (value != null && value.isBlank()) {
            problems.add(child(key), "must not be empty");
        }
        return value;
    }

    Long integer(String key, Long fallback) {
        JsonNode value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problems.add(child(key), "expected an integer, got " + describe(value));
            return fallback;
        }
        return value.longValue();
    }

    /** An integer in [{@code min}, {@code max}]; {@code fallback} when absent or out of range (a problem then). */
    Long integer(String key, Long fallback, long min, long max) {
        Long value = integer(key, null);
        if (value == null) {
            return fallback; // absent, or not an integer (a problem already)
        }
        if (value < min || value > max) {
            problems.add(child(key), "must be in [" + min + ", " + max + "], got " + value);
            return fallback;
        }
        return value;
    }

    Double number(String key, Double fallback) {
        JsonNode value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber()) {
            problems.add(child(key), "expected a number, got " + describe(value));
            return fallback;
        }
        return value.doubleValue();
    }

    Boolean bool(String key, Boolean fallback) {
        JsonNode value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problems.add(child(key), "expected true or false, got " + describe(value));
            return fallback;
        }
        return value.booleanValue();
    }

    /** An enum constant by its lower-case config name. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        problems.add(child(key), "expected one of " + names + ", got '" + text + "'" + Suggestions.didYouMean(text, names));
        return fallback;
    }

    List<String> strings(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            problems.add(child(key), "expected a list of strings, got " + describe(value));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode() || item.isNull()) {
                problems.add(child(key) + "[" + i + "]", "expected a string, got " + describe(item));
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    List<Double> numbers(String key, List<Double> fallback) {
        JsonNode value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isArray()) {
            problems.add(child(key), "expected a list of numbers, got " + describe(value));
            return fallback;
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isNumber()) {
                problems.add(child(key) + "[" + i + "]", "expected a number, got " + describe(item));
                return fallback;
            }
            out.add(item.doubleValue());
        }
        return out;
    }

    /** The entries of a mapping, in file order. */
    Map<String, JsonNode> entries(String key) {
        JsonNode value = raw(key);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!value.isObject()) {
            problems.add(child(key), "expected a mapping, got " + describe(value));
            return out;
        }
        value.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static Set<String> keys(String... keys) {
        return new java.util.LinkedHashSet<>(Arrays.asList(keys));
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return value.toString();
    }
}
