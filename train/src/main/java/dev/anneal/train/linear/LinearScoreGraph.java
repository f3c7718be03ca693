package dev.anneal.train.linear;

import dev.anneal.train.export.GraphBuilder;
import dev.anneal.train.export.ScoreGraph;
import java.util.Map;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/** A linear model's scores in ONNX: one {@code Gemm} of the features with its weights and intercepts. */
public record LinearScoreGraph(LinearModel model) implements ScoreGraph {

    @Override
    public ONNXRef<?> scores(GraphBuilder graph, ONNXRef<?> features) {
        int outputs = model.outputs();
        int cols = model.cols();
        float[] weights = new float[outputs * cols];
        float[] intercepts = new float[outputs];
        double[][] w = model.weights();
        double[] b = model.intercepts();
        for (int o = 0; o < outputs; o++) {
            for (int c = 0; c < cols; c++) {
                weights[o * cols + c] = (float) w[o][c];
            }
            intercepts[o] = (float) b[o];
        }
        return graph.apply(ONNXOperators.GEMM, Map.of("transB", 1), features, graph.floats(weights, outputs, cols),
                graph.floats(intercepts));
    }
}
