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
            BundleSession.Scores scores = session.score(GraphInputs.of(table, pipeline));
            if (task == Task.REGRESSION) {
                double[] out = new double[scores.predictions().length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = scores.predictions()[i];
                }
                return out;
            }
            float[][] probabilities = scores.probabilities();
            int width = task == Task.BINARY ? 1 : probabilities.length == 0 ? 0 : probabilities[0].length;
            double[] out = new double[probabilities.length * width];
            for (int row = 0; row < probabilities.length; row++) {
                for (int k = 0; k < width; k++) {
                    out[row * width + k] = probabilities[row][task == Task.BINARY ? 1 : k];
                }
            }
            return out;
        }
    }
}
