package dev.anneal.train.deep;

import ai.djl.Device;
import dev.anneal.core.data.Target;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.metrics.Metric;
import dev.anneal.train.deep.nets.MlpBuilder;
import dev.anneal.train.progress.Progress;
import java.util.List;
import java.util.Map;

/**
 * The reference MLP workload of {@code scripts/bench-mlp} (32-256-256-1, ReLU, no dropout, Adam 1e-3,
 * batch 512) through the real training loop, so that the benchmark measures what {@code anneal train} runs.
 */
public final class MlpBenchmark {

    private MlpBenchmark() {
    }

    /** Trains for {@code epochs} epochs (no early stop) and returns the learning curve. */
    public static List<EpochRecord> run(FeatureMatrix train, Target trainTarget, FeatureMatrix validation,
            Target validationTarget, int epochs, Metric metric) {
        Map<String, Object> params = Map.of("epochs", epochs, "batch_size", 512, "learning_rate", 1e-3,
                "weight_decay", 0.0, "patience", epochs + 1, "hidden", List.of(256, 256), "dropout", 0.0);
        MlpBuilder builder = new MlpBuilder();
        TaskHead head = TaskHead.of(trainTarget, "mse");
        DeepTrainer.Result result = new DeepTrainer(TrainingParams.of(params), head, metric, Progress.SILENT, "mlp")
                .train(builder.build(new TabularLayout(train.cols(), new int[0]), head.outputs(), builder.resolve(params)),
                        train, trainTarget, validation, validationTarget, new Device[] {Device.cpu()}, 42);
        result.model().close();
        return result.curve();
    }
}
