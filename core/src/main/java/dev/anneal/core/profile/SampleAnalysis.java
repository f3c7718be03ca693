package dev.anneal.core.profile;

import dev.anneal.core.Task;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.data.Numbers;
import dev.anneal.core.data.TypeInference;
import dev.anneal.core.metrics.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurements a profile takes on its row sample: quantiles and outlier rates of numeric columns, highly correlated
 * numeric pairs, and leakage suspects (a column that alone predicts the target almost perfectly on a
 * holdout half of the sample, or that is a near copy of the target).
 *
 * <p>Single-feature scores bin the column (up to {@value #BINS} quantile bins for numbers and dates, one
 * bin per label for categories, one for missing values) on the even rows of the sample, predict each bin's
 * mean target (class shares for classification), and score the odd rows: ROC-AUC (macro one-vs-rest for
 * several classes) or R². A bin unseen in the fitting half predicts the prior.
 */
final class SampleAnalysis {

    static final double CORRELATION_THRESHOLD = 0.95;
    static final double LEAKAGE_THRESHOLD = 0.95;
    static final double COPY_AGREEMENT = 0.99;
    private static final int BINS = 32;
    private static final int MAX_CORRELATED_COLUMNS = 100;
    private static final int MIN_HOLDOUT = 20;

    private final List<String[]> rows;
    private final List<String> names;
    private final List<ColumnType> types;
    /** Each column's values as numbers, parsed once on first use: spread, correlations and leakage all read them. */
    private final double[][] parsed;

    SampleAnalysis(List<String[]> rows, List<String> names, List<ColumnType> types) {
        this.rows = rows;
        this.names = names;
        this.types = types;
        this.parsed = new double[names.size()][];
    }

    /**
     * The column's values as numbers (dates as epoch seconds), NaN where missing or not a number; the array
     * is shared, not to be changed.
     */
    private double[] numbers(int column) {
        if (parsed[column] == null) {
            parsed[column] = parse(column);
        }
        return parsed[column];
    }

    private double[] parse(int column) {
        double[] values = new double[rows.size()];
        boolean date = types.get(column) == ColumnType.DATE;
        for (int row = 0; row < values.length; row++) {
            String text = rows.get(row)[column];
            if (text == null) {
                values[row] = Double.NaN;
            } else if (date) {
                long seconds = TypeInference.parseDate(text);
                values[row] = seconds == DateColumn.MISSING ? Double.NaN : seconds;
            } else {
                values[row] = Numbers.parse(text);
            }
        }
        return values;
    }

    /**
     * The quantiles of a numeric column and its outlier rates.
     *
     * @param quantiles {@code p1} ... {@code p99}, linearly interpolated between sample values
     * @param iqrOutlierRate share of values outside [p25 − 1.5·IQR, p75 + 1.5·IQR]
     * @param zOutlierRate share of values more than 3 standard deviations (of the whole file) from its mean
     */
    record Spread(Map<String, Double> quantiles, double iqrOutlierRate, double zOutlierRate) {
    }

    private static final int[] PERCENTS = {1, 5, 25, 50, 75, 95, 99};

    /**
     * The spread of numeric column {@code column} on the sample, whose seeded draw makes it the same on every
     * run (exact when the file fits in the sample); {@code null} when the sample holds none of its numbers.
     */
    Spread spread(int column, double mean, double std) {
        double[] sorted = Arrays.stream(numbers(column)).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return null;
        }
        Map<String, Double> quantiles = new java.util.LinkedHashMap<>();
        for (int percent : PERCENTS) {
            quantiles.put("p" + percent, quantile(sorted, percent / 100.0));
        }
        double p25 = quantiles.get("p25");
        double p75 = quantiles.get("p75");
        double low = p25 - 1.5 * (p75 - p25);
        double high = p75 + 1.5 * (p75 - p25);
        long outsideFences = Arrays.stream(sorted).filter(x -> x < low || x > high).count();
        long far = std > 0 ? Arrays.stream(sorted).filter(x -> Math.abs(x - mean) > 3 * std).count() : 0;
        return new Spread(quantiles, (double) outsideFences / sorted.length, (double) far / sorted.length);
    }

    private static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** Pairs of numeric columns (the first {@value #MAX_CORRELATED_COLUMNS}) correlated above the threshold. */
    List<DataProfile.CorrelatedPair> correlatedPairs(List<Integer> numericColumns) {
        List<Integer> columns = numericColumns.subList(0, Math.min(numericColumns.size(), MAX_CORRELATED_COLUMNS));
        double[][] values = new double[columns.size()][];
        for (int i = 0; i < columns.size(); i++) {
            values[i] = numbers(columns.get(i));
        }
        List<DataProfile.CorrelatedPair> pairs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            for (int j = i + 1; j < columns.size(); j++) {
                double r = pearson(values[i], values[j]);
                if (Math.abs(r) > CORRELATION_THRESHOLD) {
                    pairs.add(new DataProfile.CorrelatedPair(names.get(columns.get(i)), names.get(columns.get(j)),
                            round(r)));
                }
            }
        }
        return pairs;
    }

    /**
     * The columns among {@code candidates} that leak the target column {@code target} of {@code task};
     * {@code classes} are the class labels (classification), most frequent first.
     */
    List<DataProfile.LeakageSuspect> leakage(int target, Task task, List<String> classes, List<Integer> candidates) {
        List<Integer> labelled = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            if (rows.get(row)[target] != null) {
                labelled.add(row);
            }
        }
        if (labelled.size() / 2 < MIN_HOLDOUT) {
            return List.of();
        }
        double[] y = new double[labelled.size()];
        Map<String, Integer> classIndex = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            classIndex.put(classes.get(k), k);
        }
        double[] targetNumbers = task == Task.REGRESSION ? numbers(target) : null;
        for (int i = 0; i < y.length; i++) {
            String label = rows.get(labelled.get(i))[target];
            y[i] = task == Task.REGRESSION ? targetNumbers[labelled.get(i)] : classIndex.getOrDefault(label, -1);
        }
        List<DataProfile.LeakageSuspect> suspects = new ArrayList<>();
        for (int column : candidates) {
            int[] bins = bins(column, labelled);
            double score = task == Task.REGRESSION ? binnedR2(bins, y) : binnedAuc(bins, y, classes.size());
            boolean copy = task == Task.REGRESSION ? copiesNumber(column, labelled, y) : relabels(bins, y, column);
            if (score >= LEAKAGE_THRESHOLD || copy) {
                suspects.add(new DataProfile.LeakageSuspect(names.get(column), round(score),
                        task == Task.REGRESSION ? "r2" : "roc_auc", copy));
            }
        }
        return suspects;
    }

    /** Bin of each labelled row: quantile bins fitted on the even rows for numbers, a code per label otherwise; 0 = missing. */
    private int[] bins(int column, List<Integer> labelled) {
        int[] bins = new int[labelled.size()];
        ColumnType type = types.get(column);
        if (type == ColumnType.NUMERIC || type == ColumnType.DATE) {
            double[] all = numbers(column);
            double[] fitting = java.util.stream.IntStream.range(0, labelled.size()).filter(i -> i % 2 == 0)
                    .mapToDouble(i -> all[labelled.get(i)]).filter(v -> !Double.isNaN(v)).sorted().toArray();
            double[] edges = new double[Math.max(0, Math.min(BINS, fitting.length) - 1)];
            for (int b = 0; b < edges.length; b++) {
                edges[b] = fitting[(int) ((long) (b + 1) * fitting.length / (edges.length + 1))];
            }
            for (int i = 0; i < bins.length; i++) {
                double x = all[labelled.get(i)];
                if (!Double.isNaN(x)) {
                    int position = Arrays.binarySearch(edges, x);
                    bins[i] = 1 + (position >= 0 ? position + 1 : -position - 1);
                }
            }
            return bins;
        }
        Map<String, Integer> codes = new HashMap<>();
        for (int i = 0; i < bins.length; i++) {
            String label = rows.get(labelled.get(i))[column];
            bins[i] = label == null ? 0 : codes.computeIfAbsent(label, l -> codes.size() + 1);
        }
        return bins;
    }

    /** R² on the odd rows of predicting each bin's mean target from the even rows. */
    private static double binnedR2(int[] bins, double[] y) {
        Map<Integer, double[]> sums = new HashMap<>();
        double prior = 0;
        int fitted = 0;
        for (int i = 0; i < bins.length; i += 2) {
            double[] sum = sums.computeIfAbsent(bins[i], b -> new double[2]);
            sum[0] += y[i];
            sum[1]++;
            prior += y[i];
            fitted++;
        }
        prior /= fitted;
        double meanHoldout = 0;
        int holdout = 0;
        for (int i = 1; i < bins.length; i += 2) {
            meanHoldout += y[i];
            holdout++;
        }
        meanHoldout /= holdout;
        double residual = 0;
        double total = 0;
        for (int i = 1; i < bins.length; i += 2) {
            double[] sum = sums.get(bins[i]);
            double prediction = sum == null ? prior : sum[0] / sum[1];
            residual += (y[i] - prediction) * (y[i] - prediction);
            total += (y[i] - meanHoldout) * (y[i] - meanHoldout);
        }
        return total == 0 ? 0 : 1 - residual / total;
    }

    /** ROC-AUC (macro one-vs-rest for several classes) on the odd rows of each bin's class shares from the even rows. */
    private static double binnedAuc(int[] bins, double[] y, int classCount) {
        Map<Integer, double[]> counts = new HashMap<>();
        double[] prior = new double[classCount];
        for (int i = 0; i < bins.length; i += 2) {
            int k = (int) y[i];
            if (k >= 0) {
                counts.computeIfAbsent(bins[i], b -> new double[classCount])[k]++;
                prior[k]++;
            }
        }
        int holdout = bins.length / 2;
        int[] classOf = new int[holdout];
        double[][] shares = new double[classCount][holdout];
        for (int h = 0; h < holdout; h++) {
            int i = 2 * h + 1;
            classOf[h] = (int) y[i];
            double[] count = counts.getOrDefault(bins[i], prior);
            double total = Arrays.stream(count).sum();
            for (int k = 0; k < classCount; k++) {
                shares[k][h] = total == 0 ? 0 : count[k] / total;
            }
        }
        // one-vs-rest for each class; a binary task scores its positive class (index 1) only
        double sum = 0;
        int used = 0;
        for (int k = classCount == 2 ? 1 : 0; k < classCount; k++) {
            int[] isClass = new int[holdout];
            boolean both = false;
            for (int h = 0; h < holdout; h++) {
                isClass[h] = classOf[h] == k ? 1 : 0;
                both |= isClass[h] != isClass[0];
            }
            if (both) {
                sum += Metrics.rocAuc(isClass, shares[k]);
                used++;
            }
        }
        return used == 0 ? 0.5 : sum / used;
    }

    /** Whether a label column maps onto the classes one to one on at least 99 % of the rows. */
    private boolean relabels(int[] bins, double[] y, int column) {
        if (types.get(column) == ColumnType.NUMERIC || types.get(column) == ColumnType.DATE) {
            return false;
        }
        Map<Integer, Map<Integer, Integer>> byBin = new HashMap<>();
        for (int i = 0; i < bins.length; i++) {
            byBin.computeIfAbsent(bins[i], b -> new HashMap<>()).merge((int) y[i], 1, Integer::sum);
        }
        long agreeing = 0;
        java.util.Set<Integer> classesUsed = new java.util.HashSet<>();
        for (Map<Integer, Integer> counts : byBin.values()) {
            Map.Entry<Integer, Integer> majority = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            agreeing += majority.getValue();
            classesUsed.add(majority.getKey());
        }
        return byBin.size() == classesUsed.size() && agreeing >= COPY_AGREEMENT * bins.length;
    }

    /** Whether a numeric column is (almost exactly) a linear function of a numeric target. */
    private boolean copiesNumber(int column, List<Integer> labelled, double[] y) {
        if (types.get(column) != ColumnType.NUMERIC) {
            return false;
        }
        double[] all = numbers(column);
        double[] x = labelled.stream().mapToDouble(row -> all[row]).toArray();
        return Math.abs(pearson(x, y)) >= COPY_AGREEMENT;
    }

    /** Pearson correlation over the rows where both are present; 0 when either is constant there. */
    static double pearson(double[] a, double[] b) {
        double sumA = 0;
        double sumB = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                sumA += a[i];
                sumB += b[i];
                n++;
            }
        }
        if (n < 3) {
            return 0;
        }
        double meanA = sumA / n;
        double meanB = sumB / n;
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                double da = a[i] - meanA;
                double db = b[i] - meanB;
                covariance += da * db;
                varianceA += da * da;
                varianceB += db * db;
            }
        }
        return varianceA == 0 || varianceB == 0 ? 0 : covariance / Math.sqrt(varianceA * varianceB);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
