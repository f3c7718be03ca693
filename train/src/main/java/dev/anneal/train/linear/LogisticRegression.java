package dev.anneal.train.linear;

import dev.anneal.core.features.FeatureMatrix;
import java.util.Arrays;

/**
 * L2-penalised logistic regression: binary (one weight vector, sigmoid) or multinomial (one weight
 * vector per class, softmax), fitted with {@link Lbfgs}.
 *
 * <p>It minimises {@code mean over rows of -log p(y | x) + (l2/2) * ||W||^2}; intercepts are not
 * penalised. scikit-learn's {@code C} corresponds to {@code l2 = 1 / (C * rows)}. The multinomial
 * intercepts are only defined up to a common shift, so the fitted ones are centred to sum to zero.
 *
 * <p>Inputs are used as given (no scaling): put features on comparable scales first, or the
 * optimiser needs many more iterations. Instances are immutable and thread-safe.
 */
public final class LogisticRegression {

    private final double l2;
    private final Lbfgs optimiser;

    private LogisticRegression(double l2, Lbfgs optimiser) {
        this.l2 = l2;
        this.optimiser = optimiser;
    }

    public static Builder builder() {
        return new Builder();
    }

    public double l2() {
        return l2;
    }

    /** Fits from all-zero weights. */
    public LinearModel fit(float[] x, int rows, int cols, int[] y, int numClasses) {
        return fit(x, rows, cols, y, numClasses, null);
    }

    /**
     * Fits to the dense row-major {@code rows x cols} matrix {@code x} and labels {@code y} in
     * {@code [0, numClasses)}; {@code numClasses == 2} fits the binary model. Starts from
     * {@code warmStart} when it is not null (same {@code numClasses} and columns).
     *
     * @throws IllegalArgumentException if shapes, labels or values are invalid
     */
    public LinearModel fit(float[] x, int rows, int cols, int[] y, int numClasses, LinearModel warmStart) {
        return fit(DesignMatrix.dense(x, rows, cols, y == null ? -1 : y.length), y, numClasses, warmStart);
    }

    /** {@link #fit(float[], int, int, int[], int, LinearModel)} on feature rows, which may have sparse columns. */
    public LinearModel fit(FeatureMatrix x, int[] y, int numClasses, LinearModel warmStart) {
        return fit(DesignMatrix.of(x, y == null ? -1 : y.length), y, numClasses, warmStart);
    }

    private LinearModel fit(DesignMatrix x, int[] y, int numClasses, LinearModel warmStart) {
        validate(x.rows(), y, numClasses);
        int cols = x.cols();
        int outputs = numClasses == 2 ? 1 : numClasses;
        double[] start = new double[outputs * cols + outputs];
        if (warmStart != null) {
            if (warmStart.numClasses() != numClasses || warmStart.cols() != cols) {
                throw new IllegalArgumentException("warm start has numClasses " + warmStart.numClasses() + " and "
                        + warmStart.cols() + " columns, data has " + numClasses + " and " + cols);
            }
            double[][] w = warmStart.weights();
            double[] b = warmStart.intercepts();
            for (int o = 0; o < outputs; o++) {
                System.arraycopy(w[o], 0, start, o * cols, cols);
                start[outputs * cols + o] = b[o];
            }
        }
        Objective objective = new Objective(x, y, outputs, l2);
        Lbfgs.Result result = optimiser.minimise(objective, start);
        double[] theta = result.x();
        double[][] weights = new double[outputs][cols];
        double[] intercepts = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            System.arraycopy(theta, o * cols, weights[o], 0, cols);
            intercepts[o] = theta[outputs * cols + o];
        }
        if (outputs > 1) {
            double mean = 0;
            for (double b : intercepts) {
                mean += b;
            }
            mean /= outputs;
            for (int o = 0; o < outputs; o++) {
                intercepts[o] -= mean;
            }
        }
        return new LinearModel(numClasses, weights, intercepts);
    }

    private static void validate(int rows, int[] y, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
        }
        for (int r = 0; r < rows; r++) {
            if (y[r] < 0 || y[r] >= numClasses) {
                throw new IllegalArgumentException("y[" + r + "] = " + y[r] + " is not in [0, " + numClasses + ")");
            }
        }
    }

    /**
     * Mean log loss plus penalty over {@code theta = [W row-major (outputs x cols), b (outputs)]}.
     * One pass over the rows per call; all buffers are allocated once.
     */
    private static final class Objective implements Lbfgs.DifferentiableFunction {
        private final DesignMatrix x;
        private final int rows;
        private final int cols;
        private final int[] y;
        private final int outputs;
        private final double l2;
        private final double[] logits;

        Objective(DesignMatrix x, int[] y, int outputs, double l2) {
            this.x = x;
            this.rows = x.rows();
            this.cols = x.cols();
            this.y = y;
            this.outputs = outputs;
            this.l2 = l2;
            this.logits = new double[outputs];
        }

        @Override
        public double valueAndGradient(double[] theta, double[] gradient) {
            Arrays.fill(gradient, 0.0);
            int biasOffset = outputs * cols;
            double loss = 0;
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < outputs; o++) {
                    logits[o] = theta[biasOffset + o] + x.dot(theta, o * cols, r);
                }
                if (outputs == 1) {
                    double z = logits[0];
                    // log(1 + e^z) - y z, without overflow for large |z|.
                    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (y[r] == 1 ? z : 0);
                    logits[0] = LinearModel.sigmoid(z) - y[r];
                } else {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int o = 0; o < outputs; o++) {
                        max = Math.max(max, logits[o]);
                    }
                    double sum = 0;
                    for (int o = 0; o < outputs; o++) {
                        sum += Math.exp(logits[o] - max);
                    }
                    double logSumExp = max + Math.log(sum);
                    loss += logSumExp - logits[y[r]];
                    for (int o = 0; o < outputs; o++) {
                        logits[o] = Math.exp(logits[o] - logSumExp) - (o == y[r] ? 1 : 0);
                    }
                }
                for (int o = 0; o < outputs; o++) {
                    x.axpy(logits[o], r, gradient, o * cols);
                    gradient[biasOffset + o] += logits[o];
                }
            }
            double penalty = 0;
            double scale = 1.0 / rows;
            for (int i = 0; i < biasOffset; i++) {
                gradient[i] = gradient[i] * scale + l2 * theta[i];
                penalty += theta[i] * theta[i];
            }
            for (int o = 0; o < outputs; o++) {
                gradient[biasOffset + o] *= scale;
            }
            return loss * scale + 0.5 * l2 * penalty;
        }
    }

    /** {@code setL2} is required; the optimiser settings are optional. */
    public static final class Builder {
        private double l2 = Double.NaN;
        private int maxIterations = 1000;
        private double tolerance = 1e-9;

        private Builder() {}

        /** Penalty strength in the mean-loss objective, {@code >= 0}; 0 can diverge on separable data. */
        public Builder setL2(double l2) {
            this.l2 = l2;
            return this;
        }

        /** L-BFGS iteration limit; default 1000. */
        public Builder optMaxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        /** Gradient tolerance relative to {@code max(1, |g0|_inf)}; default 1e-9. */
        public Builder optTolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /** @throws IllegalArgumentException naming every setting that is missing or out of range */
        public LogisticRegression build() {
            String l2Problem = Double.isNaN(l2) ? "l2 is required (setL2)"
                    : !(l2 >= 0) || Double.isInfinite(l2) ? "l2 must be finite and >= 0, got " + l2 : null;
            Lbfgs optimiser;
            try {
                // The gradient test alone decides convergence: a small objective change is not
                // enough for the coefficient accuracy the golden tests ask of this class.
                optimiser = Lbfgs.builder().optMaxIterations(maxIterations).optTolerance(tolerance)
                        .optObjectiveTolerance(0).build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(l2Problem == null ? e.getMessage() : l2Problem + "; " + e.getMessage());
            }
            if (l2Problem != null) {
                throw new IllegalArgumentException(l2Problem);
            }
            return new LogisticRegression(l2, optimiser);
        }
    }
}
