package dev.anneal.train.export;

import ai.onnx.proto.OnnxMl;
import dev.anneal.core.Task;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.train.linear.LinearModel;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Exports a {@code linear} model with its feature pipeline as one ONNX graph from raw columns:
 * the preprocessing, one {@code Gemm} for the scores, and the task's outputs ({@link OutputHead}).
 */
public final class LinearExporter {

    private LinearExporter() {
    }

    /**
     * The model as ONNX. {@code classes} are the class labels in the model's order (empty for a
     * regression) and {@code threshold} the positive class's decision threshold of a binary task.
     */
    public static OnnxMl.ModelProto export(String name, FittedPipeline pipeline, LinearModel model, Task task,
            List<String> classes, double threshold, Map<String, String> metadata) {
        GraphBuilder graph = new GraphBuilder(name);
        ONNXRef<?> features = new PreprocessingGraph(graph).features(pipeline);
        int outputs = model.outputs();
        int cols = model.cols();
        float[] weights = new float[outputs * cols];
        float[] intercepts = new float[outputs];
        double[][] w = model.weights();
        for (int o = 0; o < outputs; o++) {
            for (int c = 0; c < cols; c++) {
                weights[o * cols + c] = (float) w[o][c];
            }
            intercepts[o] = (float) model.intercepts()[o];
        }
        ONNXRef<?> scores = graph.apply(ONNXOperators.GEMM, Map.of("transB", 1), features,
                graph.floats(weights, outputs, cols), graph.floats(intercepts));
        OutputHead.write(graph, scores, task, classes, threshold, 0, 1);
        return graph.build(metadata);
    }
}
