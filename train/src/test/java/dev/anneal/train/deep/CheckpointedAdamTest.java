package dev.anneal.train.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** The optimiser's gradient clipping, which must act on negative and positive gradients alike. */
class CheckpointedAdamTest {

    /** Two Adam steps on a weight pair whose gradients are mirror images, the first step's large. */
    private static float[] twoSteps(float clip) {
        CheckpointedAdam adam = new CheckpointedAdam(Tracker.fixed(0.1f), 0, clip, new SequentialBlock());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray weight = manager.zeros(new Shape(2));
            adam.update("w", weight, manager.create(new float[] {-10, 10}));
            adam.update("w", weight, manager.create(new float[] {-1, 1}));
            return weight.toFloatArray();
        }
    }

    @Test
    void clippingIsSymmetric() {
        float[] weight = twoSteps(1);
        assertEquals(-weight[0], weight[1], 1e-6);
        // Clipped to ±1, both steps see the same gradient, so each moves the weight down by the full rate.
        assertEquals(-0.2f, weight[1], 1e-4);
    }

    @Test
    void withoutClippingTheLargeFirstGradientDampsTheSecondStep() {
        float[] weight = twoSteps(0);
        assertEquals(-weight[0], weight[1], 1e-6);
        assertNotEquals(-0.2f, weight[1], 1e-3);
    }
}
