package dev.anneal.train.model;

import dev.anneal.core.features.FeatureMatrix;
import java.nio.file.Path;
import java.util.Map;

/** A trained candidate: predicts from transformed rows and saves its native files. */
public interface TrainedModel {

    /**
     * Predictions for every row: for binary the positive-class probability (length rows), for multiclass
     * the class probabilities row-major (rows x classes), for regression the predicted value.
     */
    double[] predict(FeatureMatrix features);

    /** The parameters actually used, defaults and choices made on validation included. */
    Map<String, Object> params();

    /** The best boosting round or epoch chosen on validation, or {@code null} when the family has none. */
    Integer bestIteration();

    /** Writes the model's own files (native format) into {@code folder}. */
    void save(Path folder);
}
