package dev.anneal.train.deep.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Java side of {@code scripts/bench-gemm}: times, in libtorch as DJL loads it, the kernels that one
 * step of the {@code bench-mlp} workload spends most of its time in (the 256-wide layer's matrix products
 * of the forward and backward pass, and an element-wise op of the same size), so that the training loop's
 * speed can be told apart from the speed of the kernels under it. Prints one line per kernel: its name
 * and the median microseconds per call over five rounds.
 */
public final class GemmBench {

    private static final int CALLS = 1000;

    private GemmBench() {
    }

    public static void main(String[] args) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(42);
            NDArray x = manager.randomNormal(new Shape(512, 256));
            NDArray weight = manager.randomNormal(new Shape(256, 256));
            NDArray bias = manager.randomNormal(new Shape(256));
            NDArray gradient = manager.randomNormal(new Shape(512, 256));
            report("linear 512x256 . 256x256^T + b", manager,
                    m -> x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow());
            report("grad weight 256x512 . 512x256", manager, m -> gradient.transpose().matMul(x));
            report("grad input 512x256 . 256x256", manager, m -> gradient.matMul(weight));
            report("relu 512x256", manager, m -> x.getNDArrayInternal().relu());
            report("add 512x256", manager, m -> x.add(gradient));
        }
    }

    private static void report(String name, NDManager manager, Function<NDManager, NDArray> kernel) {
        double[] rounds = new double[5];
        for (int round = -1; round < rounds.length; round++) {
            long started = System.nanoTime();
            for (int call = 0; call < CALLS; call++) {
                try (NDManager scope = manager.newSubManager()) {
                    kernel.apply(scope).attach(scope);
                }
            }
            if (round >= 0) {
                rounds[round] = (System.nanoTime() - started) / 1e3 / CALLS;
            }
        }
        java.util.Arrays.sort(rounds);
        System.out.printf(Locale.ROOT, "%s\t%.1f%n", name, rounds[rounds.length / 2]);
    }
}
