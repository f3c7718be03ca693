package dev.anneal.train.linear;

import java.util.Arrays;

/**
 * Limited-memory BFGS minimiser for smooth, unconstrained objectives of a few thousand variables.
 *
 * <p>It stops when the largest absolute gradient entry falls to {@code tolerance * max(1, |g0|_inf)}
 * (converged), when one iteration changes the objective by no more than
 * {@code objectiveTolerance * max(1, |f|)} (converged), when the line search can make no further
 * progress (not converged unless the gradient test holds), or after {@code maxIterations} (not converged). Step lengths satisfy the
 * strong Wolfe conditions, which keeps the curvature pairs positive and the inverse Hessian
 * estimate positive definite.
 *
 * <p>Instances are immutable and thread-safe; each {@link #minimise} call allocates its own state.
 */
public final class Lbfgs {

    /** The objective: writes the gradient at {@code x} into {@code gradientOut} and returns the value. */
    @FunctionalInterface
    public interface DifferentiableFunction {
        double valueAndGradient(double[] x, double[] gradientOut);
    }

    /** Where the minimiser stopped. {@code x} is a fresh array owned by the caller. */
    public record Result(double[] x, double value, int iterations, boolean converged) {}

    private static final double ARMIJO = 1e-4;
    private static final double CURVATURE = 0.9;
    /**
     * Objective differences below this fraction of |f| are treated as rounding noise: there the
     * line search trusts the directional derivative instead of the Armijo test (Hager and Zhang's
     * approximate Wolfe conditions), so the gradient can still be driven down once f stops changing.
     */
    private static final double FLAT = 1e-11;
    private static final int MAX_LINE_SEARCH_STEPS = 30;

    private final int maxIterations;
    private final double tolerance;
    private final double objectiveTolerance;
    private final int history;

    private Lbfgs(Builder builder) {
        this.maxIterations = builder.maxIterations;
        this.tolerance = builder.tolerance;
        this.objectiveTolerance = builder.objectiveTolerance;
        this.history = builder.history;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxIterations() {
        return maxIterations;
    }

    public double tolerance() {
        return tolerance;
    }

    public double objectiveTolerance() {
        return objectiveTolerance;
    }

    public int history() {
        return history;
    }

    /**
     * Minimises {@code f} from {@code x0}, which is not modified.
     *
     * @throws ArithmeticException if the objective or its gradient is not finite at {@code x0}
     */
    public Result minimise(DifferentiableFunction f, double[] x0) {
        if (f == null) {
            throw new IllegalArgumentException("function must not be null");
        }
        if (x0 == null || x0.length == 0) {
            throw new IllegalArgumentException("x0 must have at least one entry");
        }
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        if (!Double.isFinite(fx) || !allFinite(g)) {
            throw new ArithmeticException("objective or gradient is not finite at the starting point");
        }
        double gradientLimit = tolerance * Math.max(1.0, infNorm(g));
        if (infNorm(g) <= gradientLimit) {
            return new Result(x, fx, 0, true);
        }

        double[][] s = new double[history][n];
        double[][] y = new double[history][n];
        double[] rho = new double[history];
        double[] alpha = new double[history];
        int stored = 0;
        int newest = -1;

        double[] direction = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        LineSearch search = new LineSearch(f, n);

        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            twoLoop(g, s, y, rho, alpha, stored, newest, direction);
            double slope = dot(g, direction);
            if (!(slope < 0)) {
                // The estimate lost positive definiteness to rounding: restart from steepest descent.
                stored = 0;
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i];
                }
                slope = dot(g, direction);
            }
            double initialStep = stored == 0 ? Math.min(1.0, 1.0 / infNorm(g)) : 1.0;
            double fNew = search.run(x, fx, slope, direction, initialStep, xNew, gNew);
            if (Double.isNaN(fNew)) {
                boolean small = infNorm(g) <= gradientLimit;
                return new Result(x, fx, iteration - 1, small);
            }

            int slot = (newest + 1) % history;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                s[slot][i] = xNew[i] - x[i];
                y[slot][i] = gNew[i] - g[i];
                sy += s[slot][i] * y[slot][i];
            }
            if (sy > 1e-300) {
                rho[slot] = 1.0 / sy;
                newest = slot;
                stored = Math.min(stored + 1, history);
            }

            double fOld = fx;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (infNorm(g) <= gradientLimit) {
                return new Result(x, fx, iteration, true);
            }
            if (Math.abs(fOld - fx) <= objectiveTolerance * Math.max(1.0, Math.max(Math.abs(fOld), Math.abs(fx)))) {
                return new Result(x, fx, iteration, true);
            }
        }
        return new Result(x, fx, maxIterations, false);
    }

    /** Two-loop recursion: {@code direction = -H * g} with H the L-BFGS inverse Hessian estimate. */
    private static void twoLoop(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha,
                                int stored, int newest, double[] direction) {
        int n = g.length;
        int history = s.length;
        for (int i = 0; i < n; i++) {
            direction[i] = -g[i];
        }
        for (int k = 0; k < stored; k++) {
            int j = Math.floorMod(newest - k, history);
            alpha[j] = rho[j] * dot(s[j], direction);
            axpy(-alpha[j], y[j], direction);
        }
        if (stored > 0) {
            double gamma = 1.0 / (rho[newest] * dot(y[newest], y[newest]));
            for (int i = 0; i < n; i++) {
                direction[i] *= gamma;
            }
        }
        for (int k = stored - 1; k >= 0; k--) {
            int j = Math.floorMod(newest - k, history);
            double beta = rho[j] * dot(y[j], direction);
            axpy(alpha[j] - beta, s[j], direction);
        }
    }

    /**
     * Strong Wolfe line search (Nocedal and Wright, algorithms 3.5 and 3.6) with safeguarded cubic
     * interpolation in the zoom phase. Reuses its buffers across iterations.
     */
    private static final class LineSearch {
        private final DifferentiableFunction f;
        private final double[] xTrial;
        private final double[] gTrial;
        private final double[] bestX;
        private final double[] bestG;

        LineSearch(DifferentiableFunction f, int n) {
            this.f = f;
            this.xTrial = new double[n];
            this.gTrial = new double[n];
            this.bestX = new double[n];
            this.bestG = new double[n];
        }

        /**
         * Writes the accepted point and its gradient into {@code xOut}/{@code gOut} and returns its
         * value, or returns NaN when no step decreases the objective.
         */
        double run(double[] x, double f0, double slope0, double[] d, double step,
                   double[] xOut, double[] gOut) {
            double bestF = f0;
            double previousStep = 0;
            double previousF = f0;
            double previousSlope = slope0;
            for (int k = 0; k < MAX_LINE_SEARCH_STEPS; k++) {
                double ft = evaluate(x, d, step);
                double slope = dot(gTrial, d);
                if (Double.isFinite(ft) && ft < bestF) {
                    bestF = ft;
                    System.arraycopy(xTrial, 0, bestX, 0, xTrial.length);
                    System.arraycopy(gTrial, 0, bestG, 0, gTrial.length);
                }
                if (!Double.isFinite(ft)) {
                    // Overshot into overflow: shrink towards the last good step.
                    step = previousStep + 0.5 * (step - previousStep);
                    continue;
                }
                boolean flat = flat(f0, slope0, ft, slope);
                if (!(flat || armijo(f0, slope0, step, ft)) || (k > 0 && ft >= previousF && !flat)) {
                    return zoom(x, f0, slope0, d, previousStep, previousF, previousSlope, step, ft, slope,
                            bestF, xOut, gOut);
                }
                if (Math.abs(slope) <= -CURVATURE * slope0) {
                    return accept(ft, xOut, gOut);
                }
                if (slope >= 0) {
                    return zoom(x, f0, slope0, d, step, ft, slope, previousStep, previousF, previousSlope,
                            bestF, xOut, gOut);
                }
                previousStep = step;
                previousF = ft;
                previousSlope = slope;
                step *= 2;
            }
            return fallback(bestF, f0, xOut, gOut);
        }

        private double zoom(double[] x, double f0, double slope0, double[] d,
                            double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi,
                            double bestF, double[] xOut, double[] gOut) {
            for (int k = 0; k < MAX_LINE_SEARCH_STEPS; k++) {
                double step = interpolate(lo, fLo, slopeLo, hi, fHi, slopeHi);
                if (Math.abs(hi - lo) <= 1e-12 * Math.max(Math.abs(lo), Math.abs(hi))) {
                    break;
                }
                double ft = evaluate(x, d, step);
                double slope = dot(gTrial, d);
                if (Double.isFinite(ft) && ft < bestF) {
                    bestF = ft;
                    System.arraycopy(xTrial, 0, bestX, 0, xTrial.length);
                    System.arraycopy(gTrial, 0, bestG, 0, gTrial.length);
                }
                boolean flat = Double.isFinite(ft) && flat(f0, slope0, ft, slope);
                if (!Double.isFinite(ft) || !(flat || armijo(f0, slope0, step, ft)) || (ft >= fLo && !flat)) {
                    hi = step;
                    fHi = Double.isFinite(ft) ? ft : Double.MAX_VALUE;
                    slopeHi = Double.isFinite(slope) ? slope : 0;
                } else {
                    if (Math.abs(slope) <= -CURVATURE * slope0) {
                        return accept(ft, xOut, gOut);
                    }
                    if (slope * (hi - lo) >= 0) {
                        hi = lo;
                        fHi = fLo;
                        slopeHi = slopeLo;
                    }
                    lo = step;
                    fLo = ft;
                    slopeLo = slope;
                }
            }
            return fallback(bestF, f0, xOut, gOut);
        }

        private static boolean armijo(double f0, double slope0, double step, double ft) {
            return ft <= f0 + ARMIJO * step * slope0;
        }

        /** Approximate Wolfe decrease: f within rounding of f0 and the slope not yet strongly uphill. */
        private static boolean flat(double f0, double slope0, double ft, double slope) {
            return ft <= f0 + FLAT * Math.abs(f0) && slope <= (2 * ARMIJO - 1) * slope0;
        }

        /** Minimiser of the cubic through both ends, kept inside the middle 80% of the bracket. */
        private static double interpolate(double a, double fa, double da, double b, double fb, double db) {
            double lo = Math.min(a, b);
            double hi = Math.max(a, b);
            double width = hi - lo;
            double d1 = da + db - 3 * (fa - fb) / (a - b);
            double radicand = d1 * d1 - da * db;
            double step = Double.NaN;
            if (radicand >= 0 && Double.isFinite(radicand)) {
                double d2 = Math.copySign(Math.sqrt(radicand), b - a);
                step = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
            }
            if (!Double.isFinite(step) || step < lo + 0.1 * width || step > hi - 0.1 * width) {
                step = lo + 0.5 * width;
            }
            return step;
        }

        private double evaluate(double[] x, double[] d, double step) {
            for (int i = 0; i < x.length; i++) {
                xTrial[i] = x[i] + step * d[i];
            }
            return f.valueAndGradient(xTrial, gTrial);
        }

        private double accept(double ft, double[] xOut, double[] gOut) {
            System.arraycopy(xTrial, 0, xOut, 0, xTrial.length);
            System.arraycopy(gTrial, 0, gOut, 0, gTrial.length);
            return ft;
        }

        /** No Wolfe step found: take the best decrease seen, if there was one. */
        private double fallback(double bestF, double f0, double[] xOut, double[] gOut) {
            if (!(bestF < f0)) {
                return Double.NaN;
            }
            System.arraycopy(bestX, 0, xOut, 0, bestX.length);
            System.arraycopy(bestG, 0, gOut, 0, bestG.length);
            return bestF;
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double infNorm(double[] v) {
        double max = 0;
        for (double value : v) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    private static boolean allFinite(double[] v) {
        return Arrays.stream(v).allMatch(Double::isFinite);
    }

    /** Optional settings only; every default suits well-scaled objectives of moderate size. */
    public static final class Builder {
        private int maxIterations = 1000;
        private double tolerance = 1e-8;
        private double objectiveTolerance = 1e-14;
        private int history = 10;

        private Builder() {}

        /** Upper bound on iterations (line searches); default 1000. */
        public Builder optMaxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        /** Gradient tolerance relative to {@code max(1, |g0|_inf)}; default 1e-8. */
        public Builder optTolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /** Relative objective change below which the run ends; default 1e-14, 0 disables it. */
        public Builder optObjectiveTolerance(double objectiveTolerance) {
            this.objectiveTolerance = objectiveTolerance;
            return this;
        }

        /** Number of curvature pairs kept; default 10. */
        public Builder optHistory(int history) {
            this.history = history;
            return this;
        }

        /** @throws IllegalArgumentException naming every setting that is out of range */
        public Lbfgs build() {
            StringBuilder problems = new StringBuilder();
            if (maxIterations < 1) {
                problems.append("; maxIterations must be at least 1, got ").append(maxIterations);
            }
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                problems.append("; tolerance must be finite and >= 0, got ").append(tolerance);
            }
            if (!(objectiveTolerance >= 0) || Double.isInfinite(objectiveTolerance)) {
                problems.append("; objectiveTolerance must be finite and >= 0, got ").append(objectiveTolerance);
            }
            if (history < 1) {
                problems.append("; history must be at least 1, got ").append(history);
            }
            if (problems.length() > 0) {
                throw new IllegalArgumentException(problems.substring(2));
            }
            return new Lbfgs(this);
        }
    }
}
