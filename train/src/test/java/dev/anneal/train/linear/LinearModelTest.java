package dev.anneal.train.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import org.junit.jupiter.api.Test;

class LinearModelTest {

    private static final float[] X = {0.5f, -1f, 2f, 0f, -3f, 1.5f};

    @Test
    void jsonRoundTripIsExact() {
        LinearModel model = new LinearModel(3,
                new double[][] {{0.1, -1.0 / 3}, {Math.PI, 1e-300}, {-2.5, 7}}, new double[] {0.2, -0.1, -0.1});

        LinearModel back = LinearModel.fromJson(model.toJson());

        assertEquals(model, back);
        assertArrayEquals(model.predict(X, 3, 2), back.predict(X, 3, 2));
        assertTrue(model.toJson().contains("\"formatVersion\":1"), model.toJson());
    }

    @Test
    void unknownVersionAndMalformedJsonAreClearErrors() {
        String json = new LinearModel(0, new double[][] {{1}}, new double[] {0}).toJson();

        AnnealException version = assertThrows(AnnealException.class,
                () -> LinearModel.fromJson(json.replace("\"formatVersion\":1", "\"formatVersion\":9")));
        assertTrue(version.getMessage().contains("unsupported formatVersion 9"), version.getMessage());
        assertThrows(AnnealException.class, () -> LinearModel.fromJson("{\"formatVersion\":1}"));
        assertThrows(AnnealException.class, () -> LinearModel.fromJson("not json"));
        assertThrows(AnnealException.class, () -> LinearModel.fromJson(
                "{\"formatVersion\":1,\"numClasses\":2,\"weights\":[[1],[2]],\"intercepts\":[0,0]}"));
    }

    @Test
    void predictsEachKind() {
        double[][] w = {{1, -1}};
        double[] regression = new LinearModel(0, w, new double[] {0.5}).predict(X, 3, 2);
        assertArrayEquals(new double[] {2.0, 2.5, -4.0}, regression, 1e-12);

        double[] binary = new LinearModel(2, w, new double[] {0.5}).predict(X, 3, 2);
        assertEquals(1 / (1 + Math.exp(-2.0)), binary[0], 1e-15);
        assertEquals(1 / (1 + Math.exp(4.0)), binary[2], 1e-15);

        double[] multi = new LinearModel(3, new double[][] {{1, 0}, {0, 1}, {800, 0}}, new double[3]).predict(X, 3, 2);
        assertEquals(9, multi.length);
        for (int r = 0; r < 3; r++) {
            assertEquals(1.0, multi[3 * r] + multi[3 * r + 1] + multi[3 * r + 2], 1e-12);
        }
        assertEquals(1.0, multi[2], 1e-12, "large logits must not overflow");
        assertEquals(1 / (1 + Math.exp(-4.5)), multi[7], 1e-12, "row 2: logits -3, 1.5, -2400");
    }

    @Test
    void isImmutable() {
        double[][] w = {{1, 2}};
        double[] b = {3};
        LinearModel model = new LinearModel(0, w, b);

        w[0][0] = 100;
        b[0] = 100;
        model.weights()[0][1] = 100;
        model.intercepts()[0] = 100;

        assertArrayEquals(new double[] {1, 2}, model.weights()[0]);
        assertArrayEquals(new double[] {3}, model.intercepts());
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> new LinearModel(1, new double[][] {{1}}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(3, new double[][] {{1}}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(3, new double[][] {{1}, {1, 2}, {1}}, new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(0, new double[][] {{Double.NaN}}, new double[] {0}));
        LinearModel model = new LinearModel(0, new double[][] {{1, 2}}, new double[] {0});
        assertThrows(IllegalArgumentException.class, () -> model.predict(X, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> model.predict(X, 2, 2));
    }
}
