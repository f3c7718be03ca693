package dev.anneal.train.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    /** f(a, b) = (1 - a)^2 + 100 (b - a^2)^2, minimum 0 at (1, 1). */
    private static final Lbfgs.DifferentiableFunction ROSENBROCK = (x, g) -> {
        double a = x[0];
        double b = x[1];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
    };

    @Test
    void rosenbrockConvergesToOneOne() {
        double[] start = {-1.2, 1.0};
        Lbfgs.Result result = Lbfgs.builder().optTolerance(1e-10).build().minimise(ROSENBROCK, start);

        assertTrue(result.converged(), "did not converge: " + result);
        assertEquals(1.0, result.x()[0], 1e-6);
        assertEquals(1.0, result.x()[1], 1e-6);
        assertEquals(0.0, result.value(), 1e-12);
        assertTrue(result.iterations() < 200, "took " + result.iterations() + " iterations");
        assertArrayEquals(new double[] {-1.2, 1.0}, start, "x0 must not be modified");
    }

    @Test
    void illConditionedQuadraticConverges() {
        int n = 50;
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            scale[i] = Math.pow(10, 4.0 * i / (n - 1));
        }
        Lbfgs.DifferentiableFunction quadratic = (x, g) -> {
            double f = 0;
            for (int i = 0; i < n; i++) {
                double d = x[i] - i;
                f += 0.5 * scale[i] * d * d;
                g[i] = scale[i] * d;
            }
            return f;
        };

        Lbfgs.Result result = Lbfgs.builder().optTolerance(1e-12).optObjectiveTolerance(0).build()
                .minimise(quadratic, new double[n]);

        assertTrue(result.converged(), "did not converge: " + result);
        for (int i = 0; i < n; i++) {
            assertEquals(i, result.x()[i], 1e-6, "x[" + i + "]");
        }
    }

    @Test
    void iterationLimitReportsNotConverged() {
        Lbfgs.Result result = Lbfgs.builder().optMaxIterations(3).build().minimise(ROSENBROCK, new double[] {-1.2, 1});

        assertFalse(result.converged());
        assertEquals(3, result.iterations());
        assertTrue(result.value() < 24.2, "should still have decreased from f(x0) = 24.2");
    }

    @Test
    void stationaryStartReturnsAtOnce() {
        Lbfgs.Result result = Lbfgs.builder().build().minimise(ROSENBROCK, new double[] {1, 1});

        assertTrue(result.converged());
        assertEquals(0, result.iterations());
    }

    @Test
    void builderListsEveryBadSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lbfgs.builder()
                .optMaxIterations(0).optTolerance(-1).optObjectiveTolerance(Double.NaN).optHistory(0).build());

        assertTrue(e.getMessage().contains("maxIterations must be at least 1, got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("tolerance must be finite and >= 0, got -1.0"), e.getMessage());
        assertTrue(e.getMessage().contains("objectiveTolerance must be finite and >= 0, got NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("history must be at least 1, got 0"), e.getMessage());
    }

    @Test
    void rejectsBadArguments() {
        Lbfgs lbfgs = Lbfgs.builder().build();

        assertThrows(IllegalArgumentException.class, () -> lbfgs.minimise(null, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> lbfgs.minimise(ROSENBROCK, new double[0]));
        assertThrows(ArithmeticException.class, () -> lbfgs.minimise((x, g) -> Double.NaN, new double[] {0}));
    }
}
