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
 * the raw test rows through that graph in ONNX Runtime: every prediction of the graph a bundle ships
 * must be within {@value #TOLERANCE} of the trained model's (relative for a regression), or the candidate
 * is not bundled. The graph's test metrics are recorded beside the model's; they agree to four decimals
 * except where many predictions tie (a model that cannot tell rows apart), where float rounding reorders
 * ties.
 */
final class CandidateExport {

    /** The largest difference allowed between a graph's prediction and the trained model's. */
    static final double TOLERANCE = 1e-5;

    /** The file each exported candidate's graph is written to, in its model folder. */
    static final String MODEL_FILE = "model.onnx";

    private CandidateExport() {
    }

    /**
     * The outcome: the test metrics computed by the exported graph and its largest difference from the
     * trained model's predictions, or why there is no usable graph.
     */
    record Result(Map<String, Double> testOnnx, Double maxDifference, String problem) {
    }

    /** {@code testPredictions} are the trained model's on {@code test}, as {@code TrainedModel.predict} gives them. */
    static Result run(TrainedModel model, String name, FittedPipeline pipeline, Task task, List<String> classes,
            double threshold, Table test, Target testTarget, double[] testPredictions, Path modelFolder,
            Map<String, String> metadata) {
        try {
            byte[] onnx = OnnxExporter.export(name, pipeline, model.scoreGraph(), task, classes, threshold, metadata)
                    .toByteArray();
            double[] exported = OnnxRuntimeScorer.predict(onnx, test, pipeline, task);
            Map<String, Double> onnxMetrics = Evaluation.score(testTarget, exported, threshold);
            double worst = 0;
            for (int i = 0; i < exported.length; i++) {
                double scale = task == Task.REGRESSION ? Math.max(1, Math.abs(testPredictions[i])) : 1;
                worst = Math.max(worst, Math.abs(exported[i] - testPredictions[i]) / scale);
            }
            if (!(worst <= TOLERANCE)) {
                return new Result(onnxMetrics, worst, String.format(Locale.ROOT, "the exported graph's test "
                        + "predictions differ from the trained model's by up to %.3g (more than %.0e)", worst, TOLERANCE));
            }
            AtomicFiles.write(modelFolder.resolve(MODEL_FILE), onnx);
            return new Result(onnxMetrics, worst, null);
        } catch (AnnealException e) {
            return new Result(null, null, e.getMessage());
        }
    }
}
