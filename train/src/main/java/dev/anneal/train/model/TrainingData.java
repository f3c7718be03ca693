package dev.anneal.train.model;

import dev.anneal.core.Task;
import dev.anneal.core.data.Target;
import dev.anneal.core.features.FeatureMatrix;

/** The transformed training and validation rows one candidate learns from, with their targets. */
public record TrainingData(Task task, FeatureMatrix train, Target trainTarget, FeatureMatrix validation,
        Target validationTarget) {

    /** The number of classes (0 for regression). */
    public int classCount() {
        return task.isClassification() ? trainTarget.classCount() : 0;
    }
}
