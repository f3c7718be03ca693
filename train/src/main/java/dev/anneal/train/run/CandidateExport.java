package dev.anneal.train.run;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.Target;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.core.io.AtomicFiles;
import dev.anneal.train.export.OnnxExporter;
import dev.anneal.train.export.OnnxRuntimeScorer;
import dev.anneal.train.model.TrainedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exports a trained candidate with its feature pipeline as {@code models/<name>/model.onnx} and scores
 * the raw test rows through that graph in ONNX Runtime: the test metrics of the graph a bundle ships
 * must equal the trained model's to four decimals, or the candidate is not bundled.
 */
final class CandidateExport {

    /** The file each exported candidate's graph is written to, in its model folder. */
    static final String MODEL_FILE = "model.onnx";

    private CandidateExport() {
    }

    /**
     * The outcome: the test metrics computed by the exported graph, or why there is no usable graph.
     */
    record Result(Map<String, Double> testOnnx, String problem) {
    }

    static Result run(TrainedModel model, String name, FittedPipeline pipeline, Task task, List<String> classes,
            double threshold, Table test, Target testTarget, Map<String, Double> testMetrics, Path modelFolder,
            Map<String, String> metadata) {
        try {
            byte[] onnx = OnnxExporter.export(name, pipeline, model.scoreGraph(), task, classes, threshold, metadata)
                    .toByteArray();
            Map<String, Double> onnxMetrics = Evaluation.score(testTarget,
                    OnnxRuntimeScorer.predict(onnx, test, pipeline, task), threshold);
            for (Map.Entry<String, Double> metric : testMetrics.entrySet()) {
                Double exported = onnxMetrics.get(metric.getKey());
                if (exported == null || !fourDecimals(exported).equals(fourDecimals(metric.getValue()))) {
                    return new Result(onnxMetrics, "the exported graph's test " + metric.getKey() + " is "
                            + exported + " against the trained model's " + metric.getValue());
                }
            }
            AtomicFiles.write(modelFolder.resolve(MODEL_FILE), onnx);
            return new Result(onnxMetrics, null);
        } catch (AnnealException e) {
            return new Result(null, e.getMessage());
        }
    }

    private static String fourDecimals(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
