package dev.anneal.train.export;

import ai.onnx.proto.OnnxMl;
import dev.anneal.core.Task;
import dev.anneal.core.features.FittedPipeline;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Exports a trained model with its feature pipeline as one ONNX graph that runs from raw columns: the
 * preprocessing ({@link PreprocessingGraph}), the model's own nodes ({@link ScoreGraph}) and the task's
 * outputs ({@link OutputHead}), at opset {@value OnnxOps#OPSET} and {@code ai.onnx.ml} {@value OnnxOps#ML_OPSET}.
 */
public final class OnnxExporter {

    private OnnxExporter() {
    }

    /**
     * The model as ONNX. {@code classes} are the class labels in the model's order (empty for a
     * regression), {@code threshold} the positive class's decision threshold of a binary task, and
     * {@code metadata} becomes the model's {@code metadata_props}.
     */
    public static OnnxMl.ModelProto export(String name, FittedPipeline pipeline, ScoreGraph model, Task task,
            List<String> classes, double threshold, Map<String, String> metadata) {
        GraphBuilder graph = new GraphBuilder(name);
        ONNXRef<?> features = new PreprocessingGraph(graph, model.absentSparseValue()).features(pipeline);
        OutputHead.write(graph, model.scores(graph, features), task, classes, threshold, model.targetMean(),
                model.targetScale());
        return graph.build(metadata);
    }
}
