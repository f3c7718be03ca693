package dev.anneal.core.config;

import dev.anneal.core.AnnealException;
import java.util.List;

/**
 * A config that cannot be used, with every problem found in it at once.
 * Each problem names its path in the config ({@code models[1].params.max_depth}) and what was expected.
 */
public final class ConfigException extends AnnealException {

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(describe(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code path: message}. */
    public List<String> problems() {
        return problems;
    }

    private static String describe(String source, List<String> problems) {
        if (problems.size() == 1) {
            return source + ": " + problems.get(0);
        }
        StringBuilder text = new StringBuilder(source).append(" has ").append(problems.size()).append(" problems:");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(problem);
        }
        return text.toString();
    }
}
