package dev.anneal.train.export.bench;

import dev.anneal.core.Task;
import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.config.ModelConfig;
import dev.anneal.core.data.ColumnInfo;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.CsvReader;
import dev.anneal.core.data.InferredTable;
import dev.anneal.core.data.ReadOptions;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.Target;
import dev.anneal.core.data.TypeInference;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.features.FeaturePipeline;
import dev.anneal.core.features.FeatureSpec;
import dev.anneal.core.metrics.Metric;
import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.train.export.OnnxExporter;
import dev.anneal.train.model.ModelFamily;
import dev.anneal.train.model.ModelRegistry;
import dev.anneal.train.model.TrainedModel;
import dev.anneal.train.model.TrainingContext;
import dev.anneal.train.model.TrainingData;
import dev.anneal.train.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The Java side of {@code scripts/bench-predict}: trains the demo's xgboost and mlp candidates on the demo
 * data, exports each with its features, and scores the rows of a large CSV of demo-like rows two ways,
 * the file already in memory: in process ({@code FittedPipeline.transform} + {@code TrainedModel.predict})
 * and through the exported graph in ONNX Runtime ({@code GraphInputs} + {@code BundleSession}, batches
 * of 4,096 rows). Prints rows/s for each, the largest difference between the two, and each graph's size,
 * and writes each graph to {@code OUT_DIR/<family>.onnx} for the command-line run.
 *
 * <p>Arguments: DEMO_CSV BIG_CSV OUT_DIR THREADS.
 */
public final class PredictBench {

    private PredictBench() {
    }

    private static Object slice(Object column, int from, int to) {
        if (column instanceof double[][] doubles) {
            return java.util.Arrays.copyOfRange(doubles, from, to);
        }
        return java.util.Arrays.copyOfRange((String[][]) column, from, to);
    }

    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args[0]);
        Path big = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int threads = Integer.parseInt(args[3]);
        Map<String, ColumnType> declared = Map.of("area_code", ColumnType.CATEGORY);
        Table demoRaw = CsvReader.read(demo, ReadOptions.defaults());
        InferredTable demoTable = TypeInference.infer(demoRaw, declared, Set.of("churn"));
        Target target = Target.of(demoRaw.column("churn"), Task.BINARY, "yes", demo.toString());
        long started = System.nanoTime();
        Table rows = TypeInference.infer(CsvReader.read(big, ReadOptions.defaults()), declared, Set.of("churn")).table();
        System.out.printf(Locale.ROOT, "read %,d rows in %.1f s%n", rows.rowCount(), (System.nanoTime() - started) / 1e9);
        for (String type : List.of("xgboost", "mlp")) {
            ModelFamily family = ModelRegistry.load().family(type);
            List<FeatureSpec> specs = new ArrayList<>();
            // Numbers first, categories last, as a run orders them (networks read category indices last).
            for (boolean categories : new boolean[] {false, true}) {
                for (ColumnInfo column : demoTable.columns()) {
                    if (!column.name().equals("churn") && (column.type() == ColumnType.CATEGORY) == categories) {
                        specs.add(FeatureSpec.of(column.name(), column.type(), family.featureProfile(),
                                ColumnConfig.NONE));
                    }
                }
            }
            int[] train = IntStream.range(0, 4000).toArray();
            int[] validation = IntStream.range(4000, 5000).toArray();
            Table trainRows = demoTable.table().select(train);
            FeaturePipeline.Fitted fitted = new FeaturePipeline(specs).fit(trainRows, target.select(train), 42);
            TrainingData data = new TrainingData(Task.BINARY, fitted.pipeline(), fitted.training(), target.select(train),
                    fitted.pipeline().transform(demoTable.table().select(validation)), target.select(validation));
            TrainedModel model = family.train(data, new ModelConfig(type, type, Map.of()),
                    new TrainingContext(42, Metric.ROC_AUC, threads, "cpu", Progress.SILENT));
            byte[] onnx = OnnxExporter.export(type, fitted.pipeline(), model.scoreGraph(), Task.BINARY,
                    target.classes(), 0.5, Map.of()).toByteArray();
            Files.write(out.resolve(type + ".onnx"), onnx);

            for (int round = 0; round < 2; round++) {
                started = System.nanoTime();
                FeatureMatrix features = fitted.pipeline().transform(rows);
                double[] inProcess = model.predict(features);
                double inProcessSeconds = (System.nanoTime() - started) / 1e9;

                started = System.nanoTime();
                double[] exported = new double[rows.rowCount()];
                try (BundleSession session = BundleSession.of(onnx, threads)) {
                    Map<String, Object> inputs = GraphInputs.of(rows, fitted.pipeline());
                    for (int from = 0; from < rows.rowCount(); from += 4096) {
                        int to = Math.min(rows.rowCount(), from + 4096);
                        Map<String, Object> batch = new LinkedHashMap<>();
                        for (Map.Entry<String, Object> column : inputs.entrySet()) {
                            batch.put(column.getKey(), slice(column.getValue(), from, to));
                        }
                        float[][] probabilities = session.score(batch).probabilities();
                        for (int i = from; i < to; i++) {
                            exported[i] = probabilities[i - from][1];
                        }
                    }
                }
                double onnxSeconds = (System.nanoTime() - started) / 1e9;
                double worst = 0;
                for (int i = 0; i < exported.length; i++) {
                    worst = Math.max(worst, Math.abs(exported[i] - inProcess[i]));
                }
                System.out.printf(Locale.ROOT, "%s round %d: in-process %,.0f rows/s, ONNX Runtime %,.0f rows/s, "
                        + "max |diff| %.1e, graph %,d bytes%n", type, round + 1, rows.rowCount() / inProcessSeconds,
                        rows.rowCount() / onnxSeconds, worst, onnx.length);
            }
        }
    }
}
