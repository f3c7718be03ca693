package dev.anneal.train.export;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.anneal.core.Task;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * The graph outputs every exported model ends with, made from its raw scores: for classification
 * {@code probabilities} (float {@code [batch, classes]}, classes in manifest order) and {@code label}
 * (string {@code [batch]}: the positive class when its probability reaches the decision threshold, for a
 * binary task; the most probable class otherwise); for regression {@code prediction} (float {@code [batch]},
 * in the target's units).
 */
final class OutputHead {

    private OutputHead() {
    }

    /**
     * Writes the outputs from {@code scores}: one logit per row (binary), one per class (multiclass), or
     * the standardised value {@code (y - mean) / scale} (regression).
     */
    static void write(GraphBuilder graph, ONNXRef<?> scores, Task task, List<String> classes, double threshold,
            double targetMean, double targetScale) {
        switch (task) {
            case REGRESSION -> {
                ONNXRef<?> value = graph.apply(ONNXOperators.ADD,
                        graph.apply(ONNXOperators.MUL, scores, graph.scalar((float) targetScale)),
                        graph.scalar((float) targetMean));
                graph.output("prediction", graph.apply(OnnxOps.SQUEEZE, value, graph.longs(1)), DataType.FLOAT, 0);
            }
            case BINARY -> {
                ONNXRef<?> positive = graph.apply(ONNXOperators.SIGMOID, scores);
                ONNXRef<?> negative = graph.apply(ONNXOperators.SUB, graph.scalar(1f), positive);
                graph.output("probabilities", graph.apply(ONNXOperators.CONCAT, Map.of("axis", 1), negative, positive),
                        DataType.FLOAT, 2);
                ONNXRef<?> chosen = graph.apply(ONNXOperators.CAST, Map.of("to", DataType.INT64.getNumber()),
                        graph.apply(ONNXOperators.GREATER_OR_EQUAL, positive, graph.scalar((float) threshold)));
                label(graph, graph.apply(OnnxOps.SQUEEZE, chosen, graph.longs(1)), classes);
            }
            case MULTICLASS -> {
                ONNXRef<?> probabilities = graph.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1), scores);
                graph.output("probabilities", probabilities, DataType.FLOAT, classes.size());
                label(graph, graph.apply(OnnxOps.ARG_MAX, Map.of("axis", 1, "keepdims", 0), probabilities), classes);
            }
        }
    }

    private static void label(GraphBuilder graph, ONNXRef<?> classIndex, List<String> classes) {
        int[] keys = new int[classes.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        graph.output("label", graph.apply(OnnxOps.LABEL_ENCODER, Map.of("keys_int64s", keys,
                "values_strings", classes.toArray(String[]::new), "default_string", ""), classIndex),
                DataType.STRING, 0);
    }
}
