package dev.anneal.train.model;

import dev.anneal.core.Task;
import dev.anneal.core.data.Target;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.features.FittedPipeline;

/**
 * The transformed training and validation rows one candidate learns from, with their targets and the
 * fitted features that made them (neural families read the layout of categorical inputs from it).
 */
public record TrainingData(Task task, FittedPipeline features, FeatureMatrix train, Target trainTarget,
        FeatureMatrix validation, Target validationTarget) {

    /** The number of classes (0 for regression). */
    public int classCount() {
        return task.isClassification() ? trainTarget.classCount() : 0;
    }
}
