package dev.anneal.train.export;

import org.tribuo.util.onnx.ONNXRef;

/**
 * The part of an exported graph a model family owns: from the float {@code [batch, features]} matrix
 * that the feature pipeline's nodes compute to the raw scores {@link OnnxExporter} turns into outputs —
 * one logit per row (binary), one per class (multiclass), or the regression value in standardised units
 * ({@code (y - targetMean()) / targetScale()}). Every family that can win a run provides one.
 */
public interface ScoreGraph {

    /** Adds the model's nodes to {@code graph} and returns its scores. */
    ONNXRef<?> scores(GraphBuilder graph, ONNXRef<?> features);

    /**
     * The value the model reads where a sparse feature (TF-IDF) has no entry: 0, or NaN for a model that
     * takes an absent entry as missing, as XGBoost does with sparse input.
     */
    default float absentSparseValue() {
        return 0f;
    }

    /** The regression target's training mean that the scores are centred on (0 when not standardised). */
    default double targetMean() {
        return 0;
    }

    /** The regression target's training spread that the scores are divided by (1 when not standardised). */
    default double targetScale() {
        return 1;
    }
}
