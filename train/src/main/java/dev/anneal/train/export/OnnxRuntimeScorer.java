package dev.anneal.train.export;

import dev.anneal.core.Task;
import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.data.Table;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.serve.runtime.BundleSession;

/**
 * Runs an exported graph in ONNX Runtime (CPU) on raw rows and returns its predictions in the layout of
 * {@code TrainedModel.predict}, so that a run can score its test split through the very graph it ships
 * and compare with the model it trained.
 */
public final class OnnxRuntimeScorer {

    private OnnxRuntimeScorer() {
    }

    /** The positive-class probability (binary), class probabilities row-major (multiclass) or values. */
    public static double[] predict(byte[] model, Table table, FittedPipeline pipeline, Task task) {
        try (BundleSession session = BundleSession.of(model, 1)) {
            return session.score(GraphInputs.of(table, pipeline)).asModelOutput(task);
        }
    }
}
