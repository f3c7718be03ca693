package dev.anneal.train.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.data.Target;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.metrics.Metric;
import dev.anneal.train.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shared deep training loop on a small synthetic task, with a plain two-layer network. */
class DeepTrainerTest {

    private static final Device[] CPU = {Device.cpu()};

    /** Rows whose class is the sign of x0 + x1 (with noise), so a network can learn it quickly. */
    private static FeatureMatrix features(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[rows * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return new FeatureMatrix(values, rows, 4, List.of("a", "b", "c", "d"));
    }

    private static Target binaryTarget(FeatureMatrix x, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] classes = new int[x.rows()];
        for (int row = 0; row < x.rows(); row++) {
            classes[row] = x.get(row, 0) + x.get(row, 1) + 0.3 * random.nextGaussian() > 0 ? 1 : 0;
        }
        return new Target("y", Task.BINARY, classes, null, List.of("no", "yes"));
    }

    private static Block network() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(16).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build());
    }

    private static TrainingParams params(int epochs, double learningRate, int patience) {
        Map<String, Object> values = Map.of("epochs", epochs, "learning_rate", learningRate, "patience", patience,
                "batch_size", 64);
        return TrainingParams.of(values);
    }

    private static DeepTrainer.Result train(TrainingParams params, long seed) {
        FeatureMatrix train = features(600, 1);
        FeatureMatrix validation = features(200, 2);
        TaskHead head = TaskHead.of(binaryTarget(train, 3), "mse");
        return new DeepTrainer(params, head, Metric.ROC_AUC, Progress.SILENT, "test").train(network(), train,
                binaryTarget(train, 3), validation, binaryTarget(validation, 4), CPU, seed);
    }

    private static double[] predict(DeepTrainer.Result result, FeatureMatrix x) {
        try (NDManager manager = result.model().getNDManager().newSubManager()) {
            TaskHead head = TaskHead.of(binaryTarget(x, 4), "mse");
            return head.predictions(DeepTrainer.forward(result.model().getBlock(), x, manager));
        }
    }

    @Test
    void learnsTheTaskAndRecordsTheCurve() {
        DeepTrainer.Result result = train(params(15, 1e-2, 15), 42);
        List<EpochRecord> curve = result.curve();
        assertEquals(15, curve.size());
        assertTrue(curve.get(curve.size() - 1).trainLoss() < curve.get(0).trainLoss() * 0.7, curve.toString());
        double best = curve.stream().mapToDouble(EpochRecord::validationMetric).max().orElseThrow();
        assertTrue(best > 0.95, "validation AUC " + best);
        assertTrue(curve.stream().allMatch(e -> e.rowsPerSecond() > 0 && Math.abs(e.learningRate() - 1e-2) < 1e-8));
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsWeights() {
        DeepTrainer.Result result = train(params(60, 5e-2, 3), 42);
        List<EpochRecord> curve = result.curve();
        assertTrue(curve.size() < 60, "stopped early after " + curve.size());
        assertEquals(result.bestEpoch() + 3, curve.size(), "stops patience epochs after the best");
        double bestMetric = curve.get(result.bestEpoch() - 1).validationMetric();
        for (EpochRecord epoch : curve) {
            assertTrue(epoch.validationMetric() <= bestMetric, "the best epoch is the best");
        }
        FeatureMatrix validation = features(200, 2);
        double auc = dev.anneal.core.metrics.Metrics.rocAuc(binaryTarget(validation, 4).classIndex(),
                predict(result, validation));
        assertEquals(bestMetric, auc, 1e-6, "restored weights score the best epoch's validation AUC");
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        FeatureMatrix x = features(50, 9);
        double[] first = predict(train(params(3, 1e-2, 10), 7), x);
        double[] second = predict(train(params(3, 1e-2, 10), 7), x);
        double[] other = predict(train(params(3, 1e-2, 10), 8), x);
        assertArrayEquals(first, second);
        assertTrue(IntStream.range(0, first.length).anyMatch(i -> first[i] != other[i]), "another seed differs");
    }

    @Test
    void aDivergingLossStopsTheCandidateWithAClearMessage() {
        AnnealException e = assertThrows(AnnealException.class, () -> train(params(5, 1e12, 10), 42));
        assertTrue(e.getMessage().contains("the training loss became"), e.getMessage());
        assertTrue(e.getMessage().contains("lower learning_rate"), e.getMessage());
    }

    @Test
    void cosineScheduleDecaysToZeroAfterWarmUp() {
        TrainingParams cosine = TrainingParams.of(Map.of("epochs", 10, "learning_rate", 1.0, "schedule", "cosine",
                "warmup_epochs", 2));
        LearningRate rate = new LearningRate(cosine, 5);
        List<Double> atEpochs = new ArrayList<>();
        for (int epoch = 0; epoch < 10; epoch++) {
            atEpochs.add(rate.atEpoch(epoch));
        }
        assertEquals(0.1, atEpochs.get(0), 1e-6, "warm-up starts at 1/10 of the rate");
        assertEquals(1.0, atEpochs.get(2), 1e-6, "cosine starts at the full rate after warm-up");
        for (int i = 3; i < 10; i++) {
            assertTrue(atEpochs.get(i) < atEpochs.get(i - 1), atEpochs.toString());
        }
        assertEquals(0.0, rate.getNewValue(50), 1e-6);
    }

    @Test
    void theLastStepOfAnEpochTakesTheRemainingRows() {
        assertEquals(8, DeepTrainer.stepsPerEpoch(2050, 256));
        assertEquals(8, DeepTrainer.stepsPerEpoch(2048, 256));
        assertEquals(1, DeepTrainer.stepsPerEpoch(100, 256));
    }

    @Test
    void nonFiniteValidationPredictionsStopTheCandidateWithItsEpoch() {
        DeepTrainer.requireFinite(new double[] {0.2, 0.9}, "mlp", 3);
        AnnealException e = assertThrows(AnnealException.class,
                () -> DeepTrainer.requireFinite(new double[] {0.2, Double.NaN}, "mlp", 3));
        assertEquals("mlp: the validation predictions became NaN in epoch 4; lower learning_rate or set grad_clip",
                e.getMessage());
    }
}
