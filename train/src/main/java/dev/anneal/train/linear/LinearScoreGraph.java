package dev.anneal.train.linear;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.anneal.train.export.GraphBuilder;
import dev.anneal.train.export.OnnxOps;
import dev.anneal.train.export.ScoreGraph;
import java.util.Map;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A linear model's scores in ONNX: one {@code Gemm} of the features with its weights and intercepts, in
 * double as {@link LinearModel#predict} computes it (a float sum over hundreds of one-hot columns with
 * large weights drifted by 3e-5 relative on ames), rounded to float at the end.
 */
public record LinearScoreGraph(LinearModel model) implements ScoreGraph {

    @Override
    public ONNXRef<?> scores(GraphBuilder graph, ONNXRef<?> features) {
        int outputs = model.outputs();
        int cols = model.cols();
        double[] weights = new double[outputs * cols];
        double[][] w = model.weights();
        for (int o = 0; o < outputs; o++) {
            System.arraycopy(w[o], 0, weights, o * cols, cols);
        }
        ONNXRef<?> x = graph.apply(ONNXOperators.CAST, Map.of("to", DataType.DOUBLE.getNumber()), features);
        ONNXRef<?> matrix = graph.apply(OnnxOps.RESHAPE, graph.doubles(weights), graph.longs(outputs, cols));
        ONNXRef<?> scores = graph.apply(ONNXOperators.GEMM, Map.of("transB", 1), x, matrix,
                graph.doubles(model.intercepts()));
        return graph.apply(ONNXOperators.CAST, Map.of("to", DataType.FLOAT.getNumber()), scores);
    }
}
