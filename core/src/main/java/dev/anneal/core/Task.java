package dev.anneal.core;

import java.util.Locale;

/** What a project predicts: the kind of target decides the loss, the metrics and the model outputs. */
public enum Task {
    /** Two classes; models output the probability of the positive class. */
    BINARY,
    /** Three or more classes; models output one probability per class. */
    MULTICLASS,
    /** A real number. */
    REGRESSION;

    /** The lower-case name used in configs and reports. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The task a config or manifest names.
     *
     * @throws AnnealException when {@code name} is none of {@code binary}, {@code multiclass}, {@code regression}
     */
    public static Task fromConfigName(String name) {
        for (Task task : values()) {
            if (task.configName().equals(name)) {
                return task;
            }
        }
        throw new AnnealException("unknown task '" + name + "'; expected binary, multiclass or regression");
    }

    public boolean isClassification() {
        return this != REGRESSION;
    }
}
