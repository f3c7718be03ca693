package dev.anneal.train.linear;

import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.features.SparseRows;

/**
 * The input rows of a linear solver: a dense row-major part and optionally sparse columns after it (an
 * absent sparse entry is zero). Solvers and prediction only take dot products with rows and add
 * multiples of rows, which both parts do without a dense copy of the sparse one.
 */
final class DesignMatrix {

    private final float[] dense;
    private final int rows;
    private final int denseCols;
    private final SparseRows sparse;

    private DesignMatrix(float[] dense, int rows, int denseCols, SparseRows sparse) {
        this.dense = dense;
        this.rows = rows;
        this.denseCols = denseCols;
        this.sparse = sparse;
    }

    /** The dense row-major {@code rows x cols} matrix {@code x}, checked (see {@link #check}). */
    static DesignMatrix dense(float[] x, int rows, int cols, int targets) {
        if (cols < 1) {
            throw new IllegalArgumentException("need at least one row and one column, got " + rows + " x " + cols);
        }
        check(x, rows, cols, targets);
        return new DesignMatrix(x, rows, cols, null);
    }

    /** The rows of {@code features}; dense values are checked to be finite. */
    static DesignMatrix of(FeatureMatrix features, int targets) {
        if (features.sparse() == null) {
            return dense(features.values(), features.rows(), features.cols(), targets);
        }
        check(features.values(), features.rows(), features.cols(), targets);
        return new DesignMatrix(features.values(), features.rows(), features.cols(), features.sparse());
    }

    /** Rows as given, unchecked: prediction, where NaN in gives NaN out. */
    static DesignMatrix unchecked(float[] dense, int rows, int denseCols, SparseRows sparse) {
        return new DesignMatrix(dense, rows, denseCols, sparse);
    }

    int rows() {
        return rows;
    }

    /** All columns, dense and sparse. */
    int cols() {
        return denseCols + (sparse == null ? 0 : sparse.cols());
    }

    /** {@code w[wFrom ..] . row}. */
    double dot(double[] w, int wFrom, int row) {
        double sum = dot(w, wFrom, dense, row * denseCols, denseCols);
        if (sparse != null) {
            int base = wFrom + denseCols;
            for (int i = (int) sparse.rowStarts()[row], end = (int) sparse.rowStarts()[row + 1]; i < end; i++) {
                sum += w[base + sparse.columns()[i]] * sparse.values()[i];
            }
        }
        return sum;
    }

    /** {@code out[outFrom ..] += a * row}. */
    void axpy(double a, int row, double[] out, int outFrom) {
        axpy(a, dense, row * denseCols, out, outFrom, denseCols);
        if (sparse != null) {
            int base = outFrom + denseCols;
            for (int i = (int) sparse.rowStarts()[row], end = (int) sparse.rowStarts()[row + 1]; i < end; i++) {
                out[base + sparse.columns()[i]] += a * sparse.values()[i];
            }
        }
    }

    // Small kernels rather than loops inlined in the row loop: the JIT compiles them after a few
    // rows, where a single large method waits for on-stack replacement and the first fit runs slow.
    private static double dot(double[] w, int wFrom, float[] x, int xFrom, int length) {
        // Four partial sums break the dependency chain of a single accumulator.
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += w[wFrom + i] * x[xFrom + i];
            s1 += w[wFrom + i + 1] * x[xFrom + i + 1];
            s2 += w[wFrom + i + 2] * x[xFrom + i + 2];
            s3 += w[wFrom + i + 3] * x[xFrom + i + 3];
        }
        for (; i < length; i++) {
            s0 += w[wFrom + i] * x[xFrom + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void axpy(double a, float[] x, int xFrom, double[] out, int outFrom, int length) {
        for (int i = 0; i < length; i++) {
            out[outFrom + i] += a * x[xFrom + i];
        }
    }

    /**
     * Checks that {@code x} holds {@code rows x cols} finite values and that there is one target per row.
     *
     * @param targets the length of the target array, or -1 when it is absent
     * @throws IllegalArgumentException naming the first problem
     */
    static void check(float[] x, int rows, int cols, int targets) {
        if (rows < 1 || cols < 0) {
            throw new IllegalArgumentException("need at least one row and one column, got " + rows + " x " + cols);
        }
        if (x == null || (long) rows * cols != x.length) {
            throw new IllegalArgumentException("x must hold rows x cols = " + rows + " x " + cols + " values, has "
                    + (x == null ? "none" : x.length));
        }
        if (targets != rows) {
            throw new IllegalArgumentException("y must have one target per row (" + rows + "), has "
                    + (targets < 0 ? "none" : targets));
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("x has a non-finite value " + x[i] + " at row " + (i / cols)
                        + ", column " + (i % cols));
            }
        }
    }
}
