package dev.anneal.train.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogisticRegressionTest {

    @ParameterizedTest
    @ValueSource(strings = {"binary", "binary_weak_penalty", "multinomial"})
    void matchesScikitLearn(String name) {
        JsonNode golden = Golden.find(name);
        int rows = golden.get("rows").asInt();
        int cols = golden.get("cols").asInt();
        int numClasses = golden.get("numClasses").asInt();
        float[] x = Golden.floats(golden.get("x"));

        LinearModel model = LogisticRegression.builder().setL2(golden.get("l2").asDouble()).build()
                .fit(x, rows, cols, Golden.ints(golden.get("y")), numClasses);

        double[][] weights = model.weights();
        JsonNode coef = golden.get("coef");
        assertEquals(coef.size(), weights.length);
        for (int o = 0; o < weights.length; o++) {
            double[] expected = Golden.doubles(coef.get(o));
            for (int c = 0; c < cols; c++) {
                assertEquals(expected[c], weights[o][c], 1e-4, name + " weight[" + o + "][" + c + "]");
            }
        }
        double[] intercepts = Golden.doubles(golden.get("intercept"));
        for (int o = 0; o < intercepts.length; o++) {
            assertEquals(intercepts[o], model.intercepts()[o], 1e-4, name + " intercept[" + o + "]");
        }
        double[] expected = Golden.doubles(golden.get("proba"));
        double[] actual = model.predict(x, rows, cols);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6, name + " probability " + i);
        }
    }

    @Test
    void separableDataStaysFiniteWithPenalty() {
        int rows = 100;
        float[] x = new float[rows * 2];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            x[2 * r] = r < rows / 2 ? -1 - r * 0.01f : 1 + r * 0.01f;
            x[2 * r + 1] = (r % 7) * 0.1f;
            y[r] = r < rows / 2 ? 0 : 1;
        }

        LinearModel model = LogisticRegression.builder().setL2(1e-3).build().fit(x, rows, 2, y, 2);

        double w = model.weights()[0][0];
        assertTrue(Double.isFinite(w) && w > 0 && w < 100, "weight " + w);
        double[] p = model.predict(x, rows, 2);
        for (int r = 0; r < rows; r++) {
            assertEquals(y[r], p[r], 0.1, "row " + r);
        }
    }

    @Test
    void warmStartFromTheOptimumStaysThere() {
        JsonNode golden = Golden.find("multinomial");
        int rows = golden.get("rows").asInt();
        int cols = golden.get("cols").asInt();
        float[] x = Golden.floats(golden.get("x"));
        int[] y = Golden.ints(golden.get("y"));
        LogisticRegression lr = LogisticRegression.builder().setL2(golden.get("l2").asDouble()).build();
        LinearModel cold = lr.fit(x, rows, cols, y, 3);

        LinearModel warm = lr.fit(x, rows, cols, y, 3, cold);

        for (int o = 0; o < 3; o++) {
            for (int c = 0; c < cols; c++) {
                assertEquals(cold.weights()[o][c], warm.weights()[o][c], 1e-7);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> lr.fit(x, rows, cols, y, 2, cold));
    }

    @Test
    void multinomialInterceptsSumToZero() {
        JsonNode golden = Golden.find("multinomial");
        LinearModel model = LogisticRegression.builder().setL2(0.01).build().fit(Golden.floats(golden.get("x")),
                golden.get("rows").asInt(), golden.get("cols").asInt(), Golden.ints(golden.get("y")), 3);

        double sum = 0;
        for (double b : model.intercepts()) {
            sum += b;
        }
        assertEquals(0.0, sum, 1e-12);
    }

    @Test
    void fitsThirtyFiveHundredByTwoHundredQuickly() {
        int rows = 3500;
        int cols = 200;
        int classes = 3;
        Random random = new Random(7);
        double[][] truth = new double[classes][cols];
        for (double[] w : truth) {
            for (int c = 0; c < cols; c++) {
                w[c] = random.nextGaussian() * 0.2;
            }
        }
        float[] x = new float[rows * cols];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            double best = Double.NEGATIVE_INFINITY;
            double[] z = new double[classes];
            for (int c = 0; c < cols; c++) {
                x[r * cols + c] = (float) random.nextGaussian();
            }
            for (int k = 0; k < classes; k++) {
                for (int c = 0; c < cols; c++) {
                    z[k] += truth[k][c] * x[r * cols + c];
                }
                z[k] += random.nextGaussian();
                if (z[k] > best) {
                    best = z[k];
                    y[r] = k;
                }
            }
        }
        LogisticRegression lr = LogisticRegression.builder().setL2(1e-3).build();

        long start = System.nanoTime();
        LinearModel model = lr.fit(x, rows, cols, y, classes);
        double seconds = (System.nanoTime() - start) / 1e9;

        // About 0.2 s cold on two cores; the bound leaves room for a slow, shared CI machine.
        assertTrue(seconds < 2.0, "took " + seconds + " s");
        double[] p = model.predict(x, rows, cols);
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int argmax = 0;
            for (int k = 1; k < classes; k++) {
                if (p[r * classes + k] > p[r * classes + argmax]) {
                    argmax = k;
                }
            }
            correct += argmax == y[r] ? 1 : 0;
        }
        assertTrue(correct > 0.8 * rows, "training accuracy " + correct + " / " + rows);
    }

    @Test
    void builderRequiresL2() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.builder().build());
        assertTrue(missing.getMessage().contains("l2 is required"), missing.getMessage());

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.builder().setL2(-1).optMaxIterations(0).build());
        assertTrue(both.getMessage().contains("l2 must be finite and >= 0, got -1.0"), both.getMessage());
        assertTrue(both.getMessage().contains("maxIterations must be at least 1"), both.getMessage());
    }

    @Test
    void fitRejectsBadInput() {
        LogisticRegression lr = LogisticRegression.builder().setL2(0.1).build();
        float[] x = {0, 1, 2, 3};

        assertThrows(IllegalArgumentException.class, () -> lr.fit(x, 2, 3, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> lr.fit(x, 2, 2, new int[] {0}, 2));
        assertThrows(IllegalArgumentException.class, () -> lr.fit(x, 2, 2, new int[] {0, 1}, 1));
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> lr.fit(x, 2, 2, new int[] {0, 2}, 2));
        assertTrue(label.getMessage().contains("y[1] = 2"), label.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> lr.fit(new float[] {0, Float.NaN, 2, 3}, 2, 2, new int[] {0, 1}, 2));
        assertTrue(nan.getMessage().contains("row 0, column 1"), nan.getMessage());
    }
}
