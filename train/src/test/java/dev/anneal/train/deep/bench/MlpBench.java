package dev.anneal.train.deep.bench;

import dev.anneal.core.Task;
import dev.anneal.core.data.Target;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.metrics.Metric;
import dev.anneal.train.deep.EpochRecord;
import dev.anneal.train.deep.MlpBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The Java side of {@code scripts/bench-mlp}: the workload of {@code shared/bench/torch_mlp_bench.py}
 * (N(0,1) features, y = 1[x.w + 0.5 noise > 0], 32-256-256-1 ReLU MLP, binary cross-entropy on a logit,
 * Adam 1e-3, batch 512, reshuffled every epoch) through anneal's own training loop. Prints one line per
 * epoch with the training rows per second (the optimisation pass alone), then the mean without epoch 1.
 *
 * <p>Arguments: rows, features, epochs (defaults 200000, 32, 3).
 */
public final class MlpBench {

    private MlpBench() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SplittableRandom random = new SplittableRandom(42);
        double[] w = new double[features];
        for (int j = 0; j < features; j++) {
            w[j] = random.nextGaussian();
        }
        FeatureMatrix train = matrix(rows, features, random);
        FeatureMatrix validation = matrix(1000, features, random);
        List<EpochRecord> curve = MlpBenchmark.run(train, target(train, w, random), validation,
                target(validation, w, random), epochs, Metric.ROC_AUC);
        double sum = 0;
        for (EpochRecord epoch : curve) {
            System.out.printf(Locale.ROOT, "epoch %d: %,.0f rows/s  loss %.4f%n", epoch.epoch(), epoch.rowsPerSecond(),
                    epoch.trainLoss());
            if (epoch.epoch() > 1) {
                sum += epoch.rowsPerSecond();
            }
        }
        System.out.printf(Locale.ROOT, "mean rows/s excluding epoch 1: %.0f%n", sum / Math.max(1, curve.size() - 1));
    }

    private static FeatureMatrix matrix(int rows, int features, SplittableRandom random) {
        float[] values = new float[rows * features];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("x" + j);
        }
        return new FeatureMatrix(values, rows, features, names);
    }

    private static Target target(FeatureMatrix x, double[] w, SplittableRandom random) {
        int[] classes = new int[x.rows()];
        for (int row = 0; row < x.rows(); row++) {
            double score = 0.5 * random.nextGaussian();
            for (int j = 0; j < x.cols(); j++) {
                score += x.get(row, j) * w[j];
            }
            classes[row] = score > 0 ? 1 : 0;
        }
        return new Target("y", Task.BINARY, classes, null, List.of("0", "1"));
    }
}
