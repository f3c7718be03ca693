package dev.anneal.core.checks;

import java.util.Locale;

/**
 * How much a failed {@link DataCheck} matters: an {@link #ERROR} stops {@code anneal train} and makes
 * {@code anneal validate} exit with 1; a {@link #WARN} is reported and the work goes on.
 */
public enum Severity {
    ERROR,
    WARN;

    /** The name a config and a profile use: {@code error} or {@code warn}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
