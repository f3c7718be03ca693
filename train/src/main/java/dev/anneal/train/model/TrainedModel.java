package dev.anneal.train.model;

import dev.anneal.core.AnnealException;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.train.export.ScoreGraph;
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

    /**
     * The model's nodes for an ONNX export of it with its feature pipeline.
     *
     * @throws AnnealException when the family has no exporter yet
     */
    default ScoreGraph scoreGraph() {
        throw new AnnealException("this model cannot be exported to ONNX yet");
    }
}
