package dev.anneal.core.features;

import java.util.Arrays;

/**
 * The fitted imputation and scaling of one numeric value: {@code (filled - center) / scale}, plus an
 * optional 0/1 missing indicator. Shared by every transform that ends in numbers.
 *
 * @param fill the value that replaces a missing one, or NaN to leave it missing
 * @param indicator whether a {@code __missing} output follows the value
 */
public record NumericStep(double fill, boolean indicator, double center, double scale) {

    /** The identity: no imputation, no indicator, no scaling. */
    public static final NumericStep IDENTITY = new NumericStep(Double.NaN, false, 0, 1);

    /** The number of outputs: the value, and the indicator when there is one. */
    public int width() {
        return indicator ? 2 : 1;
    }

    /**
     * Writes the transformed value (and indicator) of {@code raw} at {@code out[at]}. The value is
     * clamped to the float range, so an input far outside the training range (or infinite) stays a
     * finite, extreme number instead of becoming infinity; only a missing value left unfilled is NaN.
     */
    public void apply(double raw, float[] out, int at) {
        boolean missing = Double.isNaN(raw);
        double value = missing ? fill : raw;
        double scaled = (value - center) / scale;
        out[at] = Double.isNaN(scaled) ? Float.NaN
                : (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, scaled));
        if (indicator) {
            out[at + 1] = missing ? 1f : 0f;
        }
    }

    /**
     * Fits the step on the training values (NaN = missing) of one numeric input. The statistics come
     * from the finite values only: one infinite value would otherwise make the mean, the spread and
     * every output infinite or NaN.
     */
    public static NumericStep fit(double[] training, Imputation impute, double constant, boolean wantIndicator,
            Scaling scaling) {
        double[] present = Arrays.stream(training).filter(Double::isFinite).sorted().toArray();
        boolean anyMissing = Arrays.stream(training).anyMatch(Double::isNaN);
        double fill = switch (impute) {
            case NONE -> Double.NaN;
            case CONSTANT -> constant;
            case MEDIAN -> quantile(present, 0.5);
            case MEAN -> present.length == 0 ? 0 : Arrays.stream(present).average().orElse(0);
            case MOST_FREQUENT -> mostFrequent(present);
        };
        if (Double.isNaN(fill) && impute != Imputation.NONE) {
            fill = 0;
        }
        double center = 0;
        double scale = 1;
        if (present.length > 0) {
            switch (scaling) {
                case STANDARD -> {
                    double mean = Arrays.stream(present).average().orElse(0);
                    double sumSquares = 0;
                    for (double v : present) {
                        sumSquares += (v - mean) * (v - mean);
                    }
                    center = mean;
                    scale = Math.sqrt(sumSquares / present.length);
                }
                case MINMAX -> {
                    center = present[0];
                    scale = present[present.length - 1] - present[0];
                }
                case ROBUST -> {
                    center = quantile(present, 0.5);
                    scale = quantile(present, 0.75) - quantile(present, 0.25);
                }
                case NONE -> {
                }
            }
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            scale = 1;
        }
        return new NumericStep(fill, wantIndicator && anyMissing, center, scale);
    }

    /** Linear-interpolated quantile of sorted values (numpy's default); NaN when empty. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    private static double mostFrequent(double[] sorted) {
        double best = Double.NaN;
        int bestRun = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestRun) {
                bestRun = j - i;
                best = sorted[i];
            }
            i = j;
        }
        return best;
    }
}
