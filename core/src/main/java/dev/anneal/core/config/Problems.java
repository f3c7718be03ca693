package dev.anneal.core.config;

import java.util.ArrayList;
import java.util.List;

/** Collects config problems so that a user sees all of them in one go instead of one per run. */
public final class Problems {

    private final List<String> problems = new ArrayList<>();

    /** Records that the value at {@code path} is wrong, saying what was expected. */
    public void add(String path, String message) {
        problems.add(path.isEmpty() ? message : path + ": " + message);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    /** Throws a {@link ConfigException} naming {@code source} when any problem was recorded. */
    public void throwIfAny(String source) {
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }
}
