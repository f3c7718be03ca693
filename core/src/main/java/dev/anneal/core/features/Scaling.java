package dev.anneal.core.features;

import java.util.Locale;

/** How a numeric feature is rescaled; trees need none, linear and neural models want one. */
public enum Scaling {
    /** Zero mean, unit variance (population standard deviation). */
    STANDARD,
    /** Training minimum to 0, maximum to 1. */
    MINMAX,
    /** Median to 0, interquartile range to 1: robust to outliers. */
    ROBUST,
    NONE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
