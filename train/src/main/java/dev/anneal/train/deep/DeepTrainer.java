package dev.anneal.train.deep;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.anneal.core.AnnealException;
import dev.anneal.core.data.Target;
import dev.anneal.core.features.FeatureMatrix;
import dev.anneal.core.metrics.Metric;
import dev.anneal.core.metrics.Metrics;
import dev.anneal.train.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The training loop every deep family shares: AdamW with weight decay, the learning-rate schedule,
 * seeded shuffling, mini-batches (the last of an epoch taking the remainder), optional gradient clipping,
 * and early stopping on the selection metric on validation with patience, after which the best epoch's
 * weights are restored. Each epoch is one point of the learning curve and one step of the progress bar.
 *
 * <p>Same data, parameters and seed give the same weights on CPU: the engine's random seed fixes the
 * initial weights, the engine is reseeded from the seed and the epoch at the start of every epoch (for
 * dropout), and each epoch's row order comes from a generator seeded by the seed and the epoch. So an
 * epoch replays exactly, and training given a checkpoint folder writes the whole state there after every
 * epoch ({@link Checkpoint}) and, when one is there already, continues from it with the same result as
 * training without interruption.
 */
final class DeepTrainer {

    /** Rows per forward pass when only predicting. */
    static final int PREDICT_BATCH = 8192;

    private final TrainingParams params;
    private final TaskHead head;
    private final Metric metric;
    private final Progress progress;
    private final String name;

    DeepTrainer(TrainingParams params, TaskHead head, Metric metric, Progress progress, String name) {
        this.params = params;
        this.head = head;
        this.metric = metric;
        this.progress = progress;
        this.name = name;
    }

    /** A trained network: the model holding the best epoch's weights, and the learning curve. */
    record Result(Model model, List<EpochRecord> curve, int bestEpoch) {
    }

    Result train(Block block, FeatureMatrix train, Target trainTarget, FeatureMatrix validation,
            Target validationTarget, Device[] devices, long seed) {
        return train(block, train, trainTarget, validation, validationTarget, devices, seed, null);
    }

    /** {@link #train}, checkpointing every epoch into {@code checkpoint} and resuming from one there. */
    Result train(Block block, FeatureMatrix train, Target trainTarget, FeatureMatrix validation,
            Target validationTarget, Device[] devices, long seed, Path checkpoint) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        Model model = Model.newInstance(name, devices[0], "PyTorch");
        model.setBlock(block);
        int rows = train.rows();
        int stepsPerEpoch = stepsPerEpoch(rows, params.batchSize());
        LearningRate rate = new LearningRate(params, stepsPerEpoch);
        // AdamW without weight decay is Adam, whose native update takes fewer operations a step.
        CheckpointedAdam optimizer = new CheckpointedAdam(rate, (float) Math.max(0, params.weightDecay()),
                (float) params.gradClip(), block);
        // The loss is computed by the task head; DJL's config wants one, which the loop never calls.
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(optimizer)
                .optDevices(devices);
        List<EpochRecord> curve = new ArrayList<>();
        try (Trainer trainer = model.newTrainer(config); NDManager data = model.getNDManager().newSubManager()) {
            trainer.initialize(new Shape(Math.min(params.batchSize(), rows), train.cols()));
            Optional<ContiguousParameters> contiguous = devices.length == 1
                    ? ContiguousParameters.layOut(block, model.getNDManager()) : Optional.empty();
            Runnable update = contiguous.<Runnable>map(parameters -> () -> optimizer.step(parameters))
                    .orElse(trainer::step);
            // The whole training set lives on the device; each epoch gathers it once in shuffled order
            // and batches are slice views of that copy (measured: 0.05 ms a batch against 0.4 ms for a
            // per-batch gather).
            NDArray features = data.create(train.values(), new Shape(rows, train.cols())).toDevice(devices[0], false);
            NDArray labels = data.create(head.labels(trainTarget), head.labelShape(rows)).toDevice(devices[0], false);
            NDArray validationLabels = data.create(head.labels(validationTarget),
                    head.labelShape(validationTarget.size()));
            float[] rowWeights = head.rowWeights(trainTarget, "balanced".equals(params.classWeights()));
            NDArray weights = rowWeights == null ? null
                    : data.create(rowWeights, new Shape(rows)).toDevice(devices[0], false);
            long[] order = new long[rows];
            double bestScore = Double.NaN;
            int bestEpoch = -1;
            float[][] bestWeights = null;
            int sinceBest = 0;
            int firstEpoch = 0;
            boolean stopped = false;
            if (Checkpoint.exists(checkpoint)) {
                Checkpoint saved = Checkpoint.read(checkpoint, optimizer);
                restore(block, saved.weights);
                bestScore = saved.bestScore;
                bestEpoch = saved.bestEpoch;
                bestWeights = saved.bestWeights;
                sinceBest = saved.sinceBest;
                rate.plateauFactor(saved.plateauFactor);
                curve.addAll(saved.curve);
                firstEpoch = saved.epochs;
                stopped = sinceBest >= params.patience();
            }
            try (Progress.Task task = progress.start(name, params.epochs())) {
                for (int epoch = firstEpoch; epoch < params.epochs() && !stopped; epoch++) {
                    long started = System.nanoTime();
                    double learningRate = rate.atEpoch(epoch);
                    Engine.getEngine("PyTorch").setRandomSeed(epochSeed(seed, epoch));
                    for (int i = 0; i < rows; i++) {
                        order[i] = i;
                    }
                    shuffle(order, new SplittableRandom(seed * 1_000_003L + epoch));
                    double trainLoss;
                    try (NDManager epochData = data.newSubManager()) {
                        // Summed where the batches are, so that no step waits to read its loss back.
                        NDArray lossSum = epochData.zeros(new Shape(), DataType.FLOAT64);
                        NDIndex permutation = new NDIndex("{}", epochData.create(order).toDevice(devices[0], false));
                        NDArray x = gathered(features, permutation, epochData);
                        NDArray y = gathered(labels, permutation, epochData);
                        NDArray w = weights == null ? null : gathered(weights, permutation, epochData);
                        for (int step = 0; step < stepsPerEpoch; step++) {
                            int start = step * params.batchSize();
                            int end = step == stepsPerEpoch - 1 ? rows : start + params.batchSize();
                            try (NDManager batch = epochData.newSubManager()) {
                                NDIndex slice = new NDIndex().addSliceDim(start, end);
                                lossSum.addi(step(trainer, update, x.get(batch, slice), y.get(batch, slice),
                                        w == null ? null : w.get(batch, slice), devices).muli(end - start));
                            }
                        }
                        trainLoss = lossSum.getDouble() / rows;
                    }
                    double trainSeconds = (System.nanoTime() - started) / 1e9;
                    if (!Double.isFinite(trainLoss)) {
                        throw new AnnealException(name + ": the training loss became " + trainLoss + " in epoch "
                                + (epoch + 1) + "; lower learning_rate or set grad_clip");
                    }
                    Scored scored = score(model, validation, validationTarget, validationLabels, data, epoch);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    curve.add(new EpochRecord(epoch + 1, trainLoss, scored.loss(), scored.metric(), learningRate,
                            seconds, rows / trainSeconds));
                    if (bestEpoch < 0 || metric.isBetter(scored.metric(), bestScore)) {
                        bestScore = scored.metric();
                        bestEpoch = epoch;
                        bestWeights = snapshot(block);
                        sinceBest = 0;
                    } else if (++sinceBest >= params.patience()) {
                        stopped = true;
                    } else if ("plateau".equals(params.schedule()) && sinceBest % Math.max(1, params.patience() / 2) == 0) {
                        rate.halve();
                    }
                    if (checkpoint != null) {
                        Checkpoint state = new Checkpoint();
                        state.epochs = epoch + 1;
                        state.bestScore = bestScore;
                        state.bestEpoch = bestEpoch;
                        state.sinceBest = sinceBest;
                        state.plateauFactor = rate.plateauFactor();
                        state.curve = curve;
                        state.weights = snapshot(block);
                        state.bestWeights = bestWeights;
                        state.write(checkpoint, optimizer);
                    }
                    task.update(epoch + 1, status(trainLoss, scored, rows / trainSeconds));
                }
            }
            restore(block, bestWeights);
            return new Result(model, curve, bestEpoch + 1);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Optimiser steps an epoch takes: one per whole batch, the last one also taking the remaining rows, so
     * that no step sees fewer than {@code batchSize} rows (a last step of two rows made batch-norm
     * statistics noisy) unless the training set is smaller than one batch.
     */
    static int stepsPerEpoch(int rows, int batchSize) {
        return Math.max(1, rows / batchSize);
    }

    /** The engine's seed for {@code epoch}'s dropout; epoch 0 keeps the run's seed. */
    private static int epochSeed(long seed, int epoch) {
        return (int) (seed + 7919L * epoch);
    }

    private String status(double trainLoss, Scored scored, double rowsPerSecond) {
        return String.format(Locale.ROOT, "loss %.4f val %s %.4f  %,.0f rows/s", trainLoss, metric.configName(),
                scored.metric(), rowsPerSecond);
    }

    /**
     * One optimiser step on a batch, split across the devices, then {@code update}; returns the batch's mean
     * loss as a float64 scalar on the first device, in {@code x}'s manager.
     */
    private NDArray step(Trainer trainer, Runnable update, NDArray x, NDArray y, NDArray w, Device[] devices) {
        NDList losses = new NDList(devices.length);
        try (GradientCollector collector = trainer.newGradientCollector()) {
            if (devices.length == 1) {
                NDArray batchLoss = head.loss(trainer.forward(new NDList(x)).singletonOrThrow(), y, w);
                collector.backward(batchLoss);
                losses.add(batchLoss);
            } else {
                NDList xs = x.split(devices.length);
                NDList ys = y.split(devices.length);
                NDList ws = w == null ? null : w.split(devices.length);
                for (int d = 0; d < devices.length; d++) {
                    NDArray part = head.loss(trainer.forward(new NDList(xs.get(d).toDevice(devices[d], false)))
                            .singletonOrThrow(), ys.get(d).toDevice(devices[d], false),
                            ws == null ? null : ws.get(d).toDevice(devices[d], false));
                    collector.backward(part);
                    losses.add(part);
                }
            }
        }
        update.run();
        // Summed after the collector has closed, so that no graph is recorded for it.
        NDArray loss = losses.get(0).toType(DataType.FLOAT64, false);
        for (int d = 1; d < losses.size(); d++) {
            loss.addi(losses.get(d).toDevice(devices[0], false).toType(DataType.FLOAT64, false));
        }
        return losses.size() == 1 ? loss : loss.divi(losses.size());
    }

    /**
     * Validation loss and selection metric with the current weights; {@code labels} are the validation
     * labels as {@link TaskHead#labels} makes them, built once for the whole training.
     */
    private Scored score(Model model, FeatureMatrix validation, Target target, NDArray labels, NDManager data,
            int epoch) {
        try (NDManager manager = data.newSubManager()) {
            NDArray outputs = forward(model.getBlock(), validation, manager);
            double loss = head.loss(outputs, labels, null).getFloat();
            double[] predictions = head.predictions(outputs);
            requireFinite(predictions, name, epoch);
            double value = Metrics.evaluate(target.task(), target.classIndex(), target.values(), predictions,
                    target.classCount(), 0.5).get(metric.configName());
            return new Scored(loss, value);
        }
    }

    private record Scored(double loss, double metric) {
    }

    /**
     * Stops a candidate whose validation predictions are not all finite (the training loss can stay
     * finite while, say, an inference-mode statistic or an extreme input overflows), with a message the
     * leaderboard shows, instead of failing later inside a metric.
     */
    static void requireFinite(double[] predictions, String name, int epoch) {
        for (double prediction : predictions) {
            if (!Double.isFinite(prediction)) {
                throw new AnnealException(name + ": the validation predictions became " + prediction + " in epoch "
                        + (epoch + 1) + "; lower learning_rate or set grad_clip");
            }
        }
    }

    /** The network's outputs for every row, in inference mode (no dropout, batch-norm running statistics). */
    static NDArray forward(Block block, FeatureMatrix features, NDManager manager) {
        ParameterStore store = new ParameterStore(manager, false);
        List<NDArray> parts = new ArrayList<>();
        for (int start = 0; start < features.rows(); start += PREDICT_BATCH) {
            int size = Math.min(PREDICT_BATCH, features.rows() - start);
            float[] slice = new float[size * features.cols()];
            System.arraycopy(features.values(), start * features.cols(), slice, 0, slice.length);
            NDArray x = manager.create(slice, new Shape(size, features.cols()));
            parts.add(block.forward(store, new NDList(x), false).singletonOrThrow());
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts));
    }

    private static void shuffle(long[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** The rows of {@code array} in the permutation's order, owned by {@code manager}. */
    private static NDArray gathered(NDArray array, NDIndex permutation, NDManager manager) {
        NDArray out = array.get(permutation);
        out.attach(manager);
        return out;
    }

    private static float[][] snapshot(Block block) {
        List<Pair<String, Parameter>> parameters = block.getParameters().stream().toList();
        float[][] copy = new float[parameters.size()][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = parameters.get(i).getValue().getArray().toFloatArray();
        }
        return copy;
    }

    /**
     * Writes {@code weights} into the block's parameters in place, through an indexed copy: DJL's
     * {@code set(Buffer)} takes a deprecated libtorch guard that prints a warning on stderr.
     */
    private static void restore(Block block, float[][] weights) {
        List<Pair<String, Parameter>> parameters = block.getParameters().stream().toList();
        for (int i = 0; i < weights.length; i++) {
            NDArray array = parameters.get(i).getValue().getArray();
            try (NDManager scratch = array.getManager().newSubManager()) {
                array.set(new NDIndex("..."), scratch.create(weights[i], array.getShape()).toDevice(array.getDevice(), false));
            }
        }
    }
}
