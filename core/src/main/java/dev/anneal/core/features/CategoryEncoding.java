package dev.anneal.core.features;

import java.util.Locale;

/** How a categorical column becomes numbers. */
public enum CategoryEncoding {
    /** One column per frequent level, plus {@code other} (rare and unseen levels) and {@code missing}. */
    ONEHOT,
    /** One column: the level's rank by training frequency. */
    ORDINAL,
    /** One column: the level's share of the training rows. */
    FREQUENCY,
    /** The smoothed mean target per level, out-of-fold on the training rows so it cannot leak. */
    TARGET,
    /**
     * One column: the level's index among the kept levels (most frequent first), and the next index
     * for rare, unseen and missing levels. Unscaled: neural models look it up in an embedding table.
     */
    INDEX;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
