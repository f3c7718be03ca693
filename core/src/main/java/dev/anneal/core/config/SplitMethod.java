package dev.anneal.core.config;

import java.util.Locale;

/** How rows are divided into train, validation and test. */
public enum SplitMethod {
    RANDOM, STRATIFIED, TIME, GROUP, FILE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
