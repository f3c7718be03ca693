package dev.anneal.core.bundle;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A column's distribution as shares of bins: for a number, the bins between {@code edges} (training
 * deciles) then a last bin for missing values; for a category, one bin per training category, then
 * "unseen", then "missing". Two distributions over the same bins compare by their population
 * stability index ({@link #psi}), the drift measure credit scoring made standard.
 *
 * @param edges the interior cut points of a numeric column (a value equal to an edge goes above it);
 *     empty for a category
 * @param shares each bin's share of the rows
 */
public record Distribution(List<Double> edges, List<Double> shares) {

    /** The bin of a number: by edges, or the last (missing) bin for NaN. */
    public static int numericBin(double value, double[] edges) {
        if (Double.isNaN(value)) {
            return edges.length + 1;
        }
        int position = Arrays.binarySearch(edges, value);
        return position >= 0 ? position + 1 : -position - 1;
    }

    /** Each training category's bin: its position in {@code categories}. */
    public static Map<String, Integer> categoryIndex(List<String> categories) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i), i);
        }
        return index;
    }

    /** The bin of a category: its index, {@code categories} for an unseen one, {@code categories + 1} for missing. */
    public static int categoryBin(String value, Map<String, Integer> index) {
        if (value == null || value.isEmpty()) {
            return index.size() + 1;
        }
        return index.getOrDefault(value, index.size());
    }

    /** The deciles of {@code values} (NaN = missing) as edges, with the training shares of their bins. */
    public static Distribution ofNumbers(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double[] edges = present.length == 0 ? new double[0] : Arrays.stream(new double[] {.1, .2, .3, .4, .5, .6, .7,
                .8, .9}).map(q -> present[(int) Math.min(present.length - 1, Math.floor(q * present.length))])
                .distinct().toArray();
        long[] counts = new long[edges.length + 2];
        for (double value : values) {
            counts[numericBin(value, edges)]++;
        }
        return new Distribution(Arrays.stream(edges).boxed().toList(), shares(counts));
    }

    /** Shares of the counts. */
    public static List<Double> shares(long[] counts) {
        double total = Math.max(1, Arrays.stream(counts).sum());
        return Arrays.stream(counts).mapToObj(count -> count / total).toList();
    }

    /**
     * The population stability index of {@code actual} against this (expected) distribution:
     * {@code sum((a - e) * ln(a / e))} over the bins, each share floored at 1e-4 so that an empty bin
     * counts as rare rather than infinite. Below 0.1 is stable, above 0.25 a major shift.
     */
    public double psi(List<Double> actual) {
        double psi = 0;
        for (int bin = 0; bin < shares.size(); bin++) {
            double e = Math.max(1e-4, shares.get(bin));
            double a = Math.max(1e-4, actual.get(bin));
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}
