package dev.anneal.train.deep.nets;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.anneal.train.deep.TabularLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small network under test: its model, a trainer with Adam, and a synthetic task on a
 * {@code 5 numeric + [3, 7] categorical} layout whose targets need both the numbers and the categories.
 */
final class NetFixture implements AutoCloseable {

    static final TabularLayout LAYOUT = new TabularLayout(5, new int[] {3, 7});
    static final int BATCH = 128;

    final Model model;
    final Trainer trainer;
    final int outputs;

    NetFixture(Block block, int outputs, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        this.outputs = outputs;
        model = Model.newInstance("net-test");
        model.setBlock(block);
        Loss loss = outputs == 1 ? Loss.l2Loss() : Loss.softmaxCrossEntropyLoss();
        trainer = model.newTrainer(new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build()));
        trainer.initialize(new Shape(BATCH, LAYOUT.width()));
    }

    /** {@code count} rows: standard-normal numbers, valid category indices. */
    static float[] rows(int count, long seed) {
        Random random = new Random(seed);
        int[] cardinalities = LAYOUT.cardinalities();
        float[] x = new float[count * LAYOUT.width()];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < LAYOUT.numericCount(); j++) {
                x[r * LAYOUT.width() + j] = (float) random.nextGaussian();
            }
            for (int c = 0; c < cardinalities.length; c++) {
                x[r * LAYOUT.width() + LAYOUT.numericCount() + c] = random.nextInt(cardinalities[c]);
            }
        }
        return x;
    }

    /**
     * Targets that depend on categories and numbers: for one output a value
     * ({@code effect of column 2's level + x0 - |x1|}), for three a class (column 1's level, unless
     * {@code x0} is large).
     */
    float[] targets(float[] x) {
        int width = LAYOUT.width();
        int rows = x.length / width;
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            float x0 = x[r * width];
            float x1 = x[r * width + 1];
            int level1 = (int) x[r * width + 5];
            int level2 = (int) x[r * width + 6];
            y[r] = outputs == 1 ? (float) Math.sin(level2 * 1.3) * 2 + x0 - Math.abs(x1) : x0 > 1.2f ? 2 : level1;
        }
        return y;
    }

    NDManager manager() {
        return trainer.getManager();
    }

    NDArray input(float[] x) {
        return manager().create(x, new Shape(x.length / LAYOUT.width(), LAYOUT.width()));
    }

    /** The network's output in inference mode, as a float array. */
    float[] predict(float[] x) {
        try (NDManager scope = manager().newSubManager()) {
            NDArray in = scope.create(x, new Shape(x.length / LAYOUT.width(), LAYOUT.width()));
            NDList out = model.getBlock().forward(new ParameterStore(scope, false), new NDList(in), false);
            return out.singletonOrThrow().toFloatArray();
        }
    }

    Shape outputShape(float[] x) {
        try (NDManager scope = manager().newSubManager()) {
            NDArray in = scope.create(x, new Shape(x.length / LAYOUT.width(), LAYOUT.width()));
            return model.getBlock().forward(new ParameterStore(scope, false), new NDList(in), false)
                    .singletonOrThrow().getShape();
        }
    }

    /** One forward and backward pass on {@code x}; returns the loss. Gradients stay until the next step. */
    float backward(float[] x) {
        NDArray in = input(x);
        NDArray label = manager().create(targets(x));
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray prediction = trainer.forward(new NDList(in)).singletonOrThrow();
            NDArray loss = trainer.getLoss().evaluate(new NDList(label), new NDList(prediction));
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** {@code steps} Adam steps on {@code x}; returns the loss before each step. */
    List<Float> train(float[] x, int steps) {
        List<Float> losses = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            losses.add(backward(x));
            trainer.step();
        }
        return losses;
    }

    /** The names of trainable parameters whose gradient after the last backward pass is all zero. */
    List<String> parametersWithoutGradient() {
        List<String> dead = new ArrayList<>();
        for (Pair<String, Parameter> entry : model.getBlock().getParameters()) {
            Parameter parameter = entry.getValue();
            if (parameter.requiresGradient()
                    && parameter.getArray().getGradient().abs().sum().getFloat() == 0f) {
                dead.add(entry.getKey());
            }
        }
        return dead;
    }

    long parameterCount() {
        long count = 0;
        for (Pair<String, Parameter> entry : model.getBlock().getParameters()) {
            count += entry.getValue().getArray().size();
        }
        return count;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
