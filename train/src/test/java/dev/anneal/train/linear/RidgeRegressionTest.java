package dev.anneal.train.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.AnnealException;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.features.SparseRows;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

    /** With a sparse part (TF-IDF), L-BFGS reaches the exact solution of the same rows made dense. */
    @Test
    void theIterativeFitOnSparseRowsMatchesTheExactOne() {
        SplittableRandom random = new SplittableRandom(5);
        int rows = 400;
        int dense = 3;
        int sparseCols = 60;
        float[] denseValues = new float[rows * dense];
        float[] all = new float[rows * (dense + sparseCols)];
        long[] starts = new long[rows + 1];
        List<Integer> columns = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < dense; c++) {
                denseValues[r * dense + c] = (float) random.nextGaussian();
                all[r * (dense + sparseCols) + c] = denseValues[r * dense + c];
            }
            y[r] = 50 + 3 * denseValues[r * dense] + random.nextGaussian();
            for (int c = 0; c < sparseCols; c++) {
                if (random.nextDouble() < 0.1) {
                    float value = (float) random.nextDouble();
                    columns.add(c);
                    values.add(value);
                    all[r * (dense + sparseCols) + dense + c] = value;
                    y[r] += c % 5 == 0 ? 4 * value : 0;
                }
            }
            starts[r + 1] = columns.size();
        }
        float[] sparseValues = new float[values.size()];
        for (int i = 0; i < sparseValues.length; i++) {
            sparseValues[i] = values.get(i);
        }
        SparseRows sparse = new SparseRows(starts, columns.stream().mapToInt(Integer::intValue).toArray(), sparseValues,
                sparseCols);
        List<String> names = IntStream.range(0, dense + sparseCols).mapToObj(i -> "f" + i).toList();
        FeatureMatrix x = new FeatureMatrix(denseValues, rows, dense, names, sparse);
        RidgeRegression ridge = RidgeRegression.builder().setL2(0.01).build();
        LinearModel iterative = ridge.fitIterative(x, y, 2000, 1e-10);
        LinearModel exact = ridge.fit(all, rows, dense + sparseCols, y);
        for (int c = 0; c < dense + sparseCols; c++) {
            assertEquals(exact.weights()[0][c], iterative.weights()[0][c], 1e-6, "weight " + c);
        }
        assertEquals(exact.intercepts()[0], iterative.intercepts()[0], 1e-6);
    }

    @Test
    void matchesScikitLearn() {
        JsonNode golden = Golden.find("ridge");
        int rows = golden.get("rows").asInt();
        int cols = golden.get("cols").asInt();
        float[] x = Golden.floats(golden.get("x"));

        LinearModel model = RidgeRegression.builder().setL2(golden.get("l2").asDouble()).build()
                .fit(x, rows, cols, Golden.doubles(golden.get("y")));

        assertEquals(0, model.numClasses());
        double[] coef = Golden.doubles(golden.get("coef").get(0));
        for (int c = 0; c < cols; c++) {
            assertEquals(coef[c], model.weights()[0][c], 1e-4, "weight " + c);
        }
        assertEquals(golden.get("intercept").get(0).asDouble(), model.intercepts()[0], 1e-4);
        double[] expected = Golden.doubles(golden.get("prediction"));
        double[] actual = model.predict(x, rows, cols);
        for (int r = 0; r < rows; r++) {
            assertEquals(expected[r], actual[r], 1e-6, "row " + r);
        }
    }

    @Test
    void recoversAnExactLinearFunctionWithoutPenalty() {
        float[] x = {1, 0, 0, 1, 2, 3, -1, 4, 5, -2};
        double[] y = new double[5];
        for (int r = 0; r < 5; r++) {
            y[r] = 0.5 + 2 * x[2 * r] - 3 * x[2 * r + 1];
        }

        LinearModel model = RidgeRegression.builder().setL2(0).build().fit(x, 5, 2, y);

        assertEquals(2.0, model.weights()[0][0], 1e-9);
        assertEquals(-3.0, model.weights()[0][1], 1e-9);
        assertEquals(0.5, model.intercepts()[0], 1e-9);
    }

    @Test
    void penaltyShrinksTowardsZero() {
        float[] x = {1, 2, 3, 4, 5};
        double[] y = {2, 4, 6, 8, 10};
        double small = RidgeRegression.builder().setL2(0.01).build().fit(x, 5, 1, y).weights()[0][0];
        double large = RidgeRegression.builder().setL2(10).build().fit(x, 5, 1, y).weights()[0][0];

        // Closed form for one column: sum(xc*yc) / (sum(xc^2) + n*l2) = 20 / (10 + 5 l2).
        assertEquals(20 / 10.05, small, 1e-12);
        assertEquals(20 / 60.0, large, 1e-12);
    }

    @Test
    void duplicateColumnWithoutPenaltyIsAClearError() {
        float[] x = {1, 1, 2, 2, 3, 3, 4, 4};
        double[] y = {1, 2, 3, 4};

        AnnealException e = assertThrows(AnnealException.class,
                () -> RidgeRegression.builder().setL2(0).build().fit(x, 4, 2, y));
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
        assertTrue(e.getMessage().contains("column 1"), e.getMessage());

        LinearModel penalised = RidgeRegression.builder().setL2(0.1).build().fit(x, 4, 2, y);
        assertEquals(penalised.weights()[0][0], penalised.weights()[0][1], 1e-12);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> RidgeRegression.builder().build());
        assertThrows(IllegalArgumentException.class, () -> RidgeRegression.builder().setL2(-0.5).build());
        assertThrows(IllegalArgumentException.class,
                () -> RidgeRegression.builder().setL2(Double.POSITIVE_INFINITY).build());
        RidgeRegression ridge = RidgeRegression.builder().setL2(1).build();
        assertThrows(IllegalArgumentException.class, () -> ridge.fit(new float[] {1, 2, 3}, 2, 2, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> ridge.fit(new float[] {1, 2}, 2, 1, new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> ridge.fit(new float[] {1, 2}, 2, 1, new double[] {0, Double.NaN}));
    }
}
