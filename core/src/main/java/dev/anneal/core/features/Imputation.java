package dev.anneal.core.features;

import java.util.Locale;

/** How a missing numeric value is filled before a model sees it. */
public enum Imputation {
    /** The training median: robust to outliers, the default for linear models. */
    MEDIAN,
    MEAN,
    /** The most frequent training value. */
    MOST_FREQUENT,
    /** A fixed {@code fill_value} from the config. */
    CONSTANT,
    /** Leave NaN: for models that route missing values themselves (trees). */
    NONE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
