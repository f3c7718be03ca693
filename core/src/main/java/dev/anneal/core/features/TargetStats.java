package dev.anneal.core.features;

import dev.anneal.core.Task;
import dev.anneal.core.data.Target;

/**
 * Per-level sums of the target over some training rows, for target encoding: the mean of the target
 * (binary: the positive rate; multiclass: one rate per class) per level, blended with the overall prior.
 */
final class TargetStats {

    private final double[][] sums;
    private final int[] counts;
    private final double[] prior;

    private TargetStats(double[][] sums, int[] counts, double[] prior) {
        this.sums = sums;
        this.counts = counts;
        this.prior = prior;
    }

    /** Gathers the statistics of {@code rows}, whose level indices are {@code index} (negative = none). */
    static TargetStats of(int[] index, int levelCount, Target target, int[] rows) {
        int outputs = target.task() == Task.MULTICLASS ? target.classCount() : 1;
        double[][] sums = new double[levelCount][outputs];
        int[] counts = new int[levelCount];
        double[] total = new double[outputs];
        double[] y = new double[outputs];
        for (int row : rows) {
            targetVector(target, row, y);
            for (int j = 0; j < outputs; j++) {
                total[j] += y[j];
            }
            int level = index[row];
            if (level >= 0) {
                counts[level]++;
                for (int j = 0; j < outputs; j++) {
                    sums[level][j] += y[j];
                }
            }
        }
        double[] prior = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            prior[j] = rows.length == 0 ? 0 : total[j] / rows.length;
        }
        return new TargetStats(sums, counts, prior);
    }

    private static void targetVector(Target target, int row, double[] y) {
        switch (target.task()) {
            case REGRESSION -> y[0] = target.values()[row];
            case BINARY -> y[0] = target.classIndex()[row];
            case MULTICLASS -> {
                java.util.Arrays.fill(y, 0);
                y[target.classIndex()[row]] = 1;
            }
        }
    }

    double[] prior() {
        return prior.clone();
    }

    /** The smoothed encoding of every level: {@code (sum + m * prior) / (count + m)}. */
    double[][] encodeLevels(double smoothing) {
        double[][] out = new double[counts.length][prior.length];
        for (int level = 0; level < counts.length; level++) {
            for (int j = 0; j < prior.length; j++) {
                out[level][j] = (sums[level][j] + smoothing * prior[j]) / (counts[level] + smoothing);
            }
        }
        return out;
    }
}
