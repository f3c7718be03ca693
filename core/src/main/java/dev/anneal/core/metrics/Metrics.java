package dev.anneal.core.metrics;

import dev.anneal.core.Task;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the {@link Metric} values for a set of predictions, matching scikit-learn.
 *
 * <p>Every evaluation returns a new {@link LinkedHashMap} owned by the caller, keyed by
 * {@link Metric#configName()} in a fixed order. Inputs are never modified. Ranking metrics sort the scores once,
 * O(n log n), so they suit millions of rows. Inputs of different lengths, labels out of range or NaN
 * predictions are programming errors and throw {@link IllegalArgumentException}.
 *
 * <p>Where a metric is undefined it is NaN, which {@link Metric#isBetter} never prefers: ROC AUC when only one
 * class is present, average precision when there is no positive row (scikit-learn warns and returns 0 there),
 * R² with fewer than two rows. Precision, recall and F1 that would divide by zero are 0, as scikit-learn's
 * {@code zero_division=0}.
 *
 * <p>Thread-safe: it has no state.
 */
public final class Metrics {

    /** Log loss clips probabilities to [EPS, 1 - EPS], as scikit-learn's {@code log_loss(eps=1e-15)}. */
    static final double LOG_LOSS_EPS = 1e-15;

    /** MAPE divides by max(|y|, this), numpy's float64 machine epsilon, as scikit-learn does. */
    static final double MAPE_EPS = Math.ulp(1.0);

    private Metrics() {}

    /**
     * Binary classification metrics: roc_auc, pr_auc, log_loss, brier, then accuracy, precision, recall and f1
     * predicting positive where {@code pPositive[i] >= threshold}, and "threshold" itself.
     *
     * @param y 0 or 1 per row, 1 being the positive class
     * @param pPositive the predicted probability of the positive class per row
     */
    public static Map<String, Double> binary(int[] y, double[] pPositive, double threshold) {
        checkBinary(y, pPositive);
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        int n = y.length;
        Curve curve = Curve.of(y, pPositive);
        long tp = 0;
        long fp = 0;
        double logLoss = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            double p = pPositive[i];
            double clipped = clip(p);
            if (y[i] == 1) {
                logLoss -= Math.log(clipped);
                brier += (1 - p) * (1 - p);
            } else {
                logLoss -= Math.log(1 - clipped);
                brier += p * p;
            }
            if (p >= threshold) {
                if (y[i] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        long positives = curve.positives;
        long fn = positives - tp;
        long tn = n - positives - fp;

        Map<String, Double> out = new LinkedHashMap<>();
        out.put(Metric.ROC_AUC.configName(), curve.rocAuc());
        out.put(Metric.PR_AUC.configName(), curve.averagePrecision());
        out.put(Metric.LOG_LOSS.configName(), logLoss / n);
        out.put(Metric.BRIER.configName(), brier / n);
        out.put(Metric.ACCURACY.configName(), (double) (tp + tn) / n);
        out.put(Metric.PRECISION.configName(), ratio(tp, tp + fp));
        out.put(Metric.RECALL.configName(), ratio(tp, positives));
        out.put(Metric.F1.configName(), ratio(2 * tp, 2 * tp + fp + fn));
        out.put("threshold", threshold);
        return out;
    }

    /** Area under the ROC curve; NaN when {@code y} holds only one class. */
    public static double rocAuc(int[] y, double[] pPositive) {
        checkBinary(y, pPositive);
        return Curve.of(y, pPositive).rocAuc();
    }

    /** Average precision as scikit-learn's {@code average_precision_score}; NaN when {@code y} has no positive. */
    public static double averagePrecision(int[] y, double[] pPositive) {
        checkBinary(y, pPositive);
        return Curve.of(y, pPositive).averagePrecision();
    }

    /**
     * The threshold that maximises F1 when predicting positive where {@code pPositive[i] >= threshold}.
     *
     * <p>The candidates are the distinct predicted probabilities. Of thresholds with equal F1 the highest wins,
     * predicting the fewest positives. With no positive row every F1 is 0 and the highest probability is returned.
     */
    public static double bestF1Threshold(int[] y, double[] pPositive) {
        checkBinary(y, pPositive);
        Curve curve = Curve.of(y, pPositive);
        double best = -1;
        double bestThreshold = curve.thresholds[0];
        for (int c = 0; c < curve.count; c++) {
            long tp = curve.tps[c];
            // F1 = 2tp / (2tp + fp + fn) and tp + fn = positives.
            double f1 = ratio(2 * tp, tp + curve.fps[c] + curve.positives);
            if (f1 > best) {
                best = f1;
                bestThreshold = curve.thresholds[c];
            }
        }
        return bestThreshold;
    }

    /**
     * Multiclass metrics: accuracy, macro_f1, weighted_f1 and log_loss. The predicted class is the argmax of a row,
     * the first on ties.
     *
     * <p>macro_f1 averages over the classes that occur in {@code y} or in the predictions, as scikit-learn does
     * when no labels are given. log_loss clips each probability to [1e-15, 1 - 1e-15] and renormalises the row
     * to sum to 1, as scikit-learn does.
     *
     * @param y the true class per row, in [0, k)
     * @param probs the predicted class probabilities, row-major n × k
     */
    public static Map<String, Double> multiclass(int[] y, double[] probs, int k) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(probs, "probs");
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2, got " + k);
        }
        int n = y.length;
        if ((long) n * k != probs.length) {
            throw new IllegalArgumentException(
                    "probs has " + probs.length + " entries, expected " + n + " rows x " + k + " classes");
        }
        checkRows(n);
        for (int i = 0; i < n; i++) {
            if (y[i] < 0 || y[i] >= k) {
                throw new IllegalArgumentException("y[" + i + "] = " + y[i] + ", expected a class in [0, " + k + ")");
            }
        }
        checkNotNaN(probs, "probs");

        long[] truePerClass = new long[k];
        long[] predictedPerClass = new long[k];
        long[] correctPerClass = new long[k];
        double logLoss = 0;
        for (int i = 0; i < n; i++) {
            int row = i * k;
            int argmax = 0;
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double p = probs[row + c];
                if (p > probs[row + argmax]) {
                    argmax = c;
                }
                sum += clip(p);
            }
            logLoss -= Math.log(clip(probs[row + y[i]]) / sum);
            truePerClass[y[i]]++;
            predictedPerClass[argmax]++;
            if (argmax == y[i]) {
                correctPerClass[argmax]++;
            }
        }

        long correct = 0;
        double macro = 0;
        int present = 0;
        double weighted = 0;
        for (int c = 0; c < k; c++) {
            correct += correctPerClass[c];
            long denominator = truePerClass[c] + predictedPerClass[c];
            if (denominator > 0) {
                double f1 = ratio(2 * correctPerClass[c], denominator);
                macro += f1;
                present++;
                weighted += f1 * truePerClass[c];
            }
        }

        Map<String, Double> out = new LinkedHashMap<>();
        out.put(Metric.ACCURACY.configName(), (double) correct / n);
        out.put(Metric.MACRO_F1.configName(), macro / present);
        out.put(Metric.WEIGHTED_F1.configName(), weighted / n);
        out.put(Metric.LOG_LOSS.configName(), logLoss / n);
        return out;
    }

    /**
     * Regression metrics: rmse, mae, r2 and mape.
     *
     * <p>r2 is 1 when the target is constant and predicted exactly, 0 when constant and not, NaN with fewer than
     * two rows (scikit-learn's {@code force_finite}). mape is a fraction, dividing by max(|y|, 2.2e-16) so a zero
     * target gives a huge but finite term, as scikit-learn's {@code mean_absolute_percentage_error}.
     */
    public static Map<String, Double> regression(double[] y, double[] prediction) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(prediction, "prediction");
        checkSameLength(y.length, prediction.length, "y", "prediction");
        checkRows(y.length);
        checkNotNaN(y, "y");
        checkNotNaN(prediction, "prediction");
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double squared = 0;
        double absolute = 0;
        double total = 0;
        double percentage = 0;
        for (int i = 0; i < n; i++) {
            double error = y[i] - prediction[i];
            squared += error * error;
            absolute += Math.abs(error);
            total += (y[i] - mean) * (y[i] - mean);
            percentage += Math.abs(error) / Math.max(Math.abs(y[i]), MAPE_EPS);
        }
        double r2;
        if (n < 2) {
            r2 = Double.NaN;
        } else if (total == 0) {
            r2 = squared == 0 ? 1.0 : 0.0;
        } else {
            r2 = 1 - squared / total;
        }

        Map<String, Double> out = new LinkedHashMap<>();
        out.put(Metric.RMSE.configName(), Math.sqrt(squared / n));
        out.put(Metric.MAE.configName(), absolute / n);
        out.put(Metric.R2.configName(), r2);
        out.put(Metric.MAPE.configName(), percentage / n);
        return out;
    }

    /**
     * The metrics for {@code task}, dispatching to {@link #binary}, {@link #multiclass} or {@link #regression}.
     *
     * @param yClass the true classes (binary, multiclass); ignored and may be null for regression
     * @param yReal the true values (regression); ignored and may be null for classification
     * @param predictions the positive-class probability per row (binary), the row-major n × k probabilities
     *     (multiclass) or the predicted values (regression)
     * @param k the number of classes (multiclass); ignored otherwise
     * @param threshold the decision threshold (binary); ignored otherwise
     */
    public static Map<String, Double> evaluate(
            Task task, int[] yClass, double[] yReal, double[] predictions, int k, double threshold) {
        Objects.requireNonNull(task, "task");
        return switch (task) {
            case BINARY -> binary(yClass, predictions, threshold);
            case MULTICLASS -> multiclass(yClass, predictions, k);
            case REGRESSION -> regression(yReal, predictions);
        };
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static void checkBinary(int[] y, double[] pPositive) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(pPositive, "pPositive");
        checkSameLength(y.length, pPositive.length, "y", "pPositive");
        checkRows(y.length);
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("y[" + i + "] = " + y[i] + ", expected 0 or 1");
            }
        }
        checkNotNaN(pPositive, "pPositive");
    }

    private static void checkSameLength(int a, int b, String aName, String bName) {
        if (a != b) {
            throw new IllegalArgumentException(aName + " has " + a + " rows but " + bName + " has " + b);
        }
    }

    private static void checkRows(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("no rows to score");
        }
    }

    private static void checkNotNaN(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is NaN");
            }
        }
    }

    /**
     * The cumulative true and false positive counts at each distinct score, from the highest score down: at
     * {@code thresholds[c]}, predicting positive where score >= threshold gives {@code tps[c]} true and
     * {@code fps[c]} false positives.
     */
    private static final class Curve {
        final double[] thresholds;
        final int[] tps;
        final int[] fps;
        final int count;
        final long positives;
        final long negatives;

        private Curve(double[] thresholds, int[] tps, int[] fps, int count, long positives, long negatives) {
            this.thresholds = thresholds;
            this.tps = tps;
            this.fps = fps;
            this.count = count;
            this.positives = positives;
            this.negatives = negatives;
        }

        static Curve of(int[] y, double[] scores) {
            int n = y.length;
            int positives = 0;
            for (int label : y) {
                positives += label;
            }
            // Sorting the two classes' scores apart keeps the sort on primitives, with no index array.
            double[] pos = new double[positives];
            double[] neg = new double[n - positives];
            int a = 0;
            int b = 0;
            for (int i = 0; i < n; i++) {
                // + 0.0 turns -0.0 into 0.0, which Arrays.sort would otherwise order below it.
                if (y[i] == 1) {
                    pos[a++] = scores[i] + 0.0;
                } else {
                    neg[b++] = scores[i] + 0.0;
                }
            }
            Arrays.sort(pos);
            Arrays.sort(neg);
            double[] thresholds = new double[n];
            int[] tps = new int[n];
            int[] fps = new int[n];
            int i = pos.length - 1;
            int j = neg.length - 1;
            int tp = 0;
            int fp = 0;
            int c = 0;
            while (i >= 0 || j >= 0) {
                double t = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
                while (i >= 0 && pos[i] == t) {
                    tp++;
                    i--;
                }
                while (j >= 0 && neg[j] == t) {
                    fp++;
                    j--;
                }
                thresholds[c] = t;
                tps[c] = tp;
                fps[c] = fp;
                c++;
            }
            return new Curve(thresholds, tps, fps, c, positives, n - positives);
        }

        /** Trapezoids between successive (fp, tp) points; a tie block is one diagonal step, counting half. */
        double rocAuc() {
            if (positives == 0 || negatives == 0) {
                return Double.NaN;
            }
            long twiceArea = 0;
            long tpPrev = 0;
            long fpPrev = 0;
            for (int c = 0; c < count; c++) {
                twiceArea += (fps[c] - fpPrev) * (tps[c] + tpPrev);
                tpPrev = tps[c];
                fpPrev = fps[c];
            }
            return twiceArea / (2.0 * positives * negatives);
        }

        /** Sum over thresholds of (recall gained) × precision, without interpolation. */
        double averagePrecision() {
            if (positives == 0) {
                return Double.NaN;
            }
            double ap = 0;
            long tpPrev = 0;
            for (int c = 0; c < count; c++) {
                if (tps[c] != tpPrev) {
                    ap += (double) (tps[c] - tpPrev) / positives * ((double) tps[c] / (tps[c] + fps[c]));
                    tpPrev = tps[c];
                }
            }
            return ap;
        }
    }
}
