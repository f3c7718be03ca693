package dev.anneal.train.linear;

import dev.anneal.core.AnnealException;
import dev.anneal.core.features.FeatureMatrix;
import java.util.Arrays;

/**
 * Ridge regression: solved exactly for dense features (up to a few hundred columns), or with
 * {@link Lbfgs} for features with a sparse part (TF-IDF, thousands of columns), whose normal matrix would
 * not fit in memory.
 *
 * <p>It minimises {@code mean((y - Xw - b)^2) / 2 + (l2/2) * ||w||^2} with the intercept {@code b}
 * unpenalised, whose solution is {@code (Xc^T Xc + rows * l2 * I) w = Xc^T yc} on centred data and
 * {@code b = mean(y) - mean(X) w}. scikit-learn's {@code Ridge(alpha)} corresponds to
 * {@code l2 = alpha / rows}. Cost is {@code O(rows * cols^2 + cols^3)}. Instances are immutable and
 * thread-safe.
 */
public final class RidgeRegression {

    /** A pivot below this fraction of the largest diagonal entry counts as singular. */
    private static final double SINGULAR = 1e-13;

    private final double l2;

    private RidgeRegression(double l2) {
        this.l2 = l2;
    }

    public static Builder builder() {
        return new Builder();
    }

    public double l2() {
        return l2;
    }

    /**
     * Fits to the dense row-major {@code rows x cols} matrix {@code x} and targets {@code y}.
     *
     * @throws IllegalArgumentException if shapes or values are invalid
     * @throws AnnealException if the penalised normal matrix is not positive definite, which needs
     *     {@code l2 == 0} together with constant or collinear columns
     */
    public LinearModel fit(float[] x, int rows, int cols, double[] y) {
        validate(x, rows, cols, y);
        double[] xMean = new double[cols];
        double yMean = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                xMean[c] += x[base + c];
            }
            yMean += y[r];
        }
        for (int c = 0; c < cols; c++) {
            xMean[c] /= rows;
        }
        yMean /= rows;

        // Upper triangle of Xc^T Xc, row-major, and Xc^T yc.
        double[] gram = new double[cols * cols];
        double[] rhs = new double[cols];
        double[] centred = new double[cols];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                centred[c] = x[base + c] - xMean[c];
            }
            double target = y[r] - yMean;
            for (int i = 0; i < cols; i++) {
                double xi = centred[i];
                int row = i * cols;
                for (int j = i; j < cols; j++) {
                    gram[row + j] += xi * centred[j];
                }
                rhs[i] += xi * target;
            }
        }
        for (int i = 0; i < cols; i++) {
            gram[i * cols + i] += rows * l2;
            for (int j = 0; j < i; j++) {
                gram[i * cols + j] = gram[j * cols + i];
            }
        }

        double[] w = solvePositiveDefinite(gram, rhs, cols);
        double intercept = yMean;
        for (int c = 0; c < cols; c++) {
            intercept -= xMean[c] * w[c];
        }
        return new LinearModel(0, new double[][] {w}, new double[] {intercept});
    }

    /** Solves {@code A x = b} by Cholesky, overwriting {@code a} with its factor. */
    static double[] solvePositiveDefinite(double[] a, double[] b, int n) {
        double maxDiagonal = 0;
        for (int i = 0; i < n; i++) {
            maxDiagonal = Math.max(maxDiagonal, Math.abs(a[i * n + i]));
        }
        for (int j = 0; j < n; j++) {
            double pivot = a[j * n + j];
            for (int k = 0; k < j; k++) {
                pivot -= a[j * n + k] * a[j * n + k];
            }
            if (!(pivot > SINGULAR * maxDiagonal)) {
                throw new AnnealException("ridge regression: the penalised normal matrix is not positive definite"
                        + " (column " + j + " is constant or a combination of earlier columns); use l2 > 0");
            }
            double diagonal = Math.sqrt(pivot);
            a[j * n + j] = diagonal;
            for (int i = j + 1; i < n; i++) {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    sum -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = sum / diagonal;
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= a[i * n + k] * z[k];
            }
            z[i] = sum / a[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < n; k++) {
                sum -= a[k * n + i] * x[k];
            }
            x[i] = sum / a[i * n + i];
        }
        return x;
    }

    /**
     * Fits to feature rows with a sparse part by minimising the same objective with L-BFGS from
     * {@code w = 0, b = mean(y)}, to a gradient {@code tolerance} relative to the first one.
     */
    public LinearModel fitIterative(FeatureMatrix x, double[] y, int maxIterations, double tolerance) {
        DesignMatrix design = DesignMatrix.of(x, y.length);
        int cols = design.cols();
        double[] start = new double[cols + 1];
        for (double value : y) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("y holds a value that is not finite: " + value);
            }
            start[cols] += value / y.length;
        }
        Lbfgs optimiser = Lbfgs.builder().optMaxIterations(maxIterations).optTolerance(tolerance)
                .optObjectiveTolerance(0).build();
        double[] theta = optimiser.minimise(new SquaredLoss(design, y, l2), start).x();
        return new LinearModel(0, new double[][] {Arrays.copyOf(theta, cols)}, new double[] {theta[cols]});
    }

    /** {@code mean((Xw + b - y)^2) / 2 + (l2/2) ||w||^2} over {@code theta = [w, b]}, one pass per call. */
    private record SquaredLoss(DesignMatrix x, double[] y, double l2) implements Lbfgs.DifferentiableFunction {

        @Override
        public double valueAndGradient(double[] theta, double[] gradient) {
            Arrays.fill(gradient, 0.0);
            int cols = x.cols();
            double loss = 0;
            for (int r = 0; r < x.rows(); r++) {
                double residual = theta[cols] + x.dot(theta, 0, r) - y[r];
                loss += 0.5 * residual * residual;
                x.axpy(residual, r, gradient, 0);
                gradient[cols] += residual;
            }
            double scale = 1.0 / x.rows();
            double penalty = 0;
            for (int i = 0; i < cols; i++) {
                gradient[i] = gradient[i] * scale + l2 * theta[i];
                penalty += theta[i] * theta[i];
            }
            gradient[cols] *= scale;
            return loss * scale + 0.5 * l2 * penalty;
        }
    }

    private static void validate(float[] x, int rows, int cols, double[] y) {
        DesignMatrix.dense(x, rows, cols, y == null ? -1 : y.length);
        for (int r = 0; r < rows; r++) {
            if (!Double.isFinite(y[r])) {
                throw new IllegalArgumentException("y[" + r + "] is not finite: " + y[r]);
            }
        }
    }

    /** {@code setL2} is required. */
    public static final class Builder {
        private double l2 = Double.NaN;

        private Builder() {}

        /** Penalty strength in the mean-loss objective, {@code >= 0}. */
        public Builder setL2(double l2) {
            this.l2 = l2;
            return this;
        }

        /** @throws IllegalArgumentException if l2 is missing, negative or not finite */
        public RidgeRegression build() {
            if (Double.isNaN(l2)) {
                throw new IllegalArgumentException("l2 is required (setL2)");
            }
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
            }
            return new RidgeRegression(l2);
        }
    }
}
