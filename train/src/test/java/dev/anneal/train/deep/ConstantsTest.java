package dev.anneal.train.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A constant that autograd keeps for the backward pass stays valid while the garbage collector runs
 * between the forward and the backward pass.
 */
class ConstantsTest {

    /** The gradient of {@code sum(op(x))} at x = [1, 2, 3], with the Java heap churned before the backward pass. */
    private static float[] gradientAfterChurn(UnaryOperator<NDArray> op) throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.create(new float[] {1, 2, 3});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = op.apply(x).sum();
                churn();
                collector.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /**
     * Collects garbage (so that unreachable direct buffers are freed) and fills small native allocations
     * with NaN, where freed ones are likely to be reused.
     */
    private static void churn() throws InterruptedException {
        List<ByteBuffer> filler = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 2_000; i++) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                buffer.putFloat(0, Float.NaN);
                filler.add(buffer);
            }
        }
    }

    @Test
    void aFactorSurvivesTheGarbageCollector() throws InterruptedException {
        assertArrayEquals(new float[] {3, 3, 3}, gradientAfterChurn(x -> Constants.times(x, 3f)), 0f);
    }

    @Test
    void aDivisorSurvivesTheGarbageCollector() throws InterruptedException {
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, gradientAfterChurn(x -> Constants.dividedBy(x, 2f)), 0f);
    }

    @Test
    void siluHasItsGradientAfterTheGarbageCollector() throws InterruptedException {
        float[] gradient = gradientAfterChurn(Constants::silu);
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) {
            double s = 1 / (1 + Math.exp(-(i + 1)));
            expected[i] = (float) (s * (1 + (i + 1) * (1 - s)));
        }
        assertArrayEquals(expected, gradient, 1e-6f);
    }
}
