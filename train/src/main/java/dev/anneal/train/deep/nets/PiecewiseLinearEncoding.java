package dev.anneal.train.deep.nets;

import java.util.Arrays;

/**
 * The bin edges of the piecewise-linear encoding (PLE) of Gorishniy et al. (2022), "On Embeddings for
 * Numerical Features in Tabular Deep Learning". A numeric value {@code x} in a feature with edges
 * {@code b_0 < ... < b_T} becomes {@code T} numbers: bin {@code t} is {@code (x - b_(t-1)) / (b_t - b_(t-1))}
 * clamped to [0, 1], except that the first bin is not clamped below and the last not above, so values
 * beyond the training range still move the encoding.
 *
 * <p>The edges are statistics of the training rows and must be fitted on them only (never on validation
 * or test rows); the network then carries them as fixed parameters.
 */
public final class PiecewiseLinearEncoding {

    private PiecewiseLinearEncoding() {
    }

    /**
     * Quantile bin edges for each of the first {@code numericCount} columns of a row-major matrix.
     * Each row of the answer is strictly increasing with at least two edges; duplicate quantiles
     * (a column with few distinct values) merge, so a column may get fewer than {@code bins} bins.
     * Non-finite values are ignored; a column with one distinct value (or none) gets the single bin
     * {@code [v, v + 1]}.
     *
     * @param x the training matrix, {@code rows x cols}, row-major
     * @param bins the most bins per column (at least 1)
     * @return {@code numericCount} rows of edges
     */
    public static double[][] quantileEdges(float[] x, int rows, int cols, int numericCount, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (numericCount < 0 || numericCount > cols) {
            throw new IllegalArgumentException("numericCount must be in [0, " + cols + "], got " + numericCount);
        }
        if ((long) rows * cols != x.length) {
            throw new IllegalArgumentException("x has " + x.length + " entries, expected " + rows + " x " + cols);
        }
        double[][] edges = new double[numericCount][];
        double[] column = new double[rows];
        for (int j = 0; j < numericCount; j++) {
            int n = 0;
            for (int r = 0; r < rows; r++) {
                float v = x[r * cols + j];
                if (Float.isFinite(v)) {
                    column[n++] = v;
                }
            }
            double[] sorted = Arrays.copyOf(column, n);
            Arrays.sort(sorted);
            edges[j] = quantiles(sorted, bins);
        }
        return edges;
    }

    private static double[] quantiles(double[] sorted, int bins) {
        if (sorted.length == 0) {
            return new double[] {0, 1};
        }
        double[] edges = new double[bins + 1];
        int distinct = 0;
        for (int i = 0; i <= bins; i++) {
            double position = (double) i * (sorted.length - 1) / bins;
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, sorted.length - 1);
            double q = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
            if (distinct == 0 || q > edges[distinct - 1]) {
                edges[distinct++] = q;
            }
        }
        if (distinct == 1) {
            return new double[] {edges[0], edges[0] + 1};
        }
        return Arrays.copyOf(edges, distinct);
    }

    /**
     * Checks that {@code edges} has {@code numericCount} rows, each finite and strictly increasing with
     * at least two edges.
     *
     * @throws IllegalArgumentException naming the first bad row
     */
    public static void validate(double[][] edges, int numericCount) {
        if (edges.length != numericCount) {
            throw new IllegalArgumentException("ple edges: expected one row per numeric column (" + numericCount
                    + "), got " + edges.length);
        }
        for (int j = 0; j < edges.length; j++) {
            double[] row = edges[j];
            boolean ok = row != null && row.length >= 2;
            for (int t = 0; ok && t < row.length; t++) {
                ok = Double.isFinite(row[t]) && (t == 0 || row[t] > row[t - 1]);
            }
            if (!ok) {
                throw new IllegalArgumentException("ple edges of numeric column " + j
                        + " must be at least two finite, strictly increasing values, got " + Arrays.toString(row));
            }
        }
    }

    /** The most bins of any column: the padded width of the encoding. */
    static int maxBins(double[][] edges) {
        int max = 1;
        for (double[] row : edges) {
            max = Math.max(max, row.length - 1);
        }
        return max;
    }

    /**
     * The constants the network needs, as a {@code [5, n, maxBins]} row-major array: left edges, bin
     * widths, "clamp below at 0" masks, "clamp above at 1" masks, and "bin exists" masks (columns with
     * fewer bins are padded with empty bins that always encode to 0).
     */
    static float[] constants(double[][] edges) {
        int n = edges.length;
        int width = maxBins(edges);
        int plane = n * width;
        float[] c = new float[5 * plane];
        for (int j = 0; j < n; j++) {
            int bins = edges[j].length - 1;
            for (int t = 0; t < width; t++) {
                int at = j * width + t;
                boolean exists = t < bins;
                c[at] = exists ? (float) edges[j][t] : 0f;
                c[plane + at] = exists ? (float) (edges[j][t + 1] - edges[j][t]) : 1f;
                c[2 * plane + at] = exists && t > 0 ? 1f : 0f;
                c[3 * plane + at] = exists && t < bins - 1 ? 1f : 0f;
                c[4 * plane + at] = exists ? 1f : 0f;
            }
        }
        return c;
    }
}
