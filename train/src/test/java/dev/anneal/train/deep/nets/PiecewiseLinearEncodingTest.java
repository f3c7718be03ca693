package dev.anneal.train.deep.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PiecewiseLinearEncodingTest {

    @Test
    void edgesAreQuantilesOfEachNumericColumn() {
        int rows = 100;
        float[] x = new float[rows * 3];
        for (int r = 0; r < rows; r++) {
            x[r * 3] = 99 - r;
            x[r * 3 + 1] = 3;
            x[r * 3 + 2] = 1000; // not numeric: no edges
        }
        double[][] edges = PiecewiseLinearEncoding.quantileEdges(x, rows, 3, 2, 4);
        assertEquals(2, edges.length);
        assertArrayEquals(new double[] {0, 24.75, 49.5, 74.25, 99}, edges[0], 1e-9);
        assertArrayEquals(new double[] {3, 4}, edges[1], 1e-9, "a constant column gets one unit bin");
    }

    @Test
    void duplicateQuantilesMergeAndMissingValuesAreIgnored() {
        float[] x = {0, 0, Float.NaN, 0, 1};
        double[][] edges = PiecewiseLinearEncoding.quantileEdges(x, 5, 1, 1, 4);
        assertArrayEquals(new double[] {0, 0.25, 1}, edges[0], 1e-9);
        assertArrayEquals(new double[] {0, 1}, PiecewiseLinearEncoding.quantileEdges(new float[] {Float.NaN}, 1, 1, 1,
                3)[0]);
    }

    @Test
    void rejectsBadEdgesAndArguments() {
        assertThrows(IllegalArgumentException.class, () -> PiecewiseLinearEncoding.quantileEdges(new float[4], 2, 2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseLinearEncoding.quantileEdges(new float[3], 2, 2, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseLinearEncoding.validate(new double[][] {{1}}, 1));
        assertThrows(IllegalArgumentException.class, () -> PiecewiseLinearEncoding.validate(new double[][] {{1, 1}}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PiecewiseLinearEncoding.validate(new double[][] {{0, 1}}, 2));
        assertTrue(e.getMessage().contains("one row per numeric column (2)"), e.getMessage());
    }

    @Test
    void encodingIsLinearInsideItsBinAndOpenAtBothEnds() {
        double[][] edges = {{0, 1, 2, 4}, {0, 10}};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray constants = manager.create(PiecewiseLinearEncoding.constants(edges), new Shape(5, 2, 3));
            NDArray x = manager.create(new float[] {-1, -10, 0.5f, 5, 1.5f, 20, 3, 0, 5, 10}, new Shape(5, 2));
            float[] encoded = TabularInputBlock.pleEncode(x, constants).toFloatArray();
            assertArrayEquals(new float[] {
                -1, 0, 0, /* */ -1, 0, 0,
                0.5f, 0, 0, /* */ 0.5f, 0, 0,
                1, 0.5f, 0, /* */ 2, 0, 0,
                1, 1, 0.5f, /* */ 0, 0, 0,
                1, 1, 1.5f, /* */ 1, 0, 0}, encoded, 1e-6f);
        }
    }
}
