package dev.anneal.train.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.data.Table;
import dev.anneal.core.features.FittedPipeline;
import java.util.LinkedHashMap;
import java.util.Map;

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
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options)) {
                for (Map.Entry<String, Object> input : GraphInputs.of(table, pipeline).entrySet()) {
                    inputs.put(input.getKey(), input.getValue() instanceof float[][] floats
                            ? OnnxTensor.createTensor(env, floats)
                            : OnnxTensor.createTensor(env, (String[][]) input.getValue()));
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    return task == Task.REGRESSION ? values((float[]) result.get("prediction").get().getValue())
                            : probabilities((float[][]) result.get("probabilities").get().getValue(), task);
                }
            }
        } catch (OrtException e) {
            throw new AnnealException("ONNX Runtime could not run the exported model: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static double[] values(float[] predictions) {
        double[] out = new double[predictions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictions[i];
        }
        return out;
    }

    private static double[] probabilities(float[][] probabilities, Task task) {
        if (task == Task.BINARY) {
            double[] out = new double[probabilities.length];
            for (int row = 0; row < out.length; row++) {
                out[row] = probabilities[row][1];
            }
            return out;
        }
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        double[] out = new double[probabilities.length * classes];
        for (int row = 0; row < probabilities.length; row++) {
            for (int k = 0; k < classes; k++) {
                out[row * classes + k] = probabilities[row][k];
            }
        }
        return out;
    }
}
