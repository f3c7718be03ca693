package dev.anneal.train.deep;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adam, or AdamW when given a weight decay, with the same fused native update DJL's own optimisers use,
 * but whose moment estimates and update counts can be written to and read from a checkpoint, so that an
 * interrupted training resumes with exactly the state it stopped with. It updates parameters one at a time
 * when DJL's trainer steps (several devices, or a block that {@link ContiguousParameters} cannot lay out),
 * or all at once over {@link ContiguousParameters}, whose moments are then one state too, named
 * {@value #CONTIGUOUS} in checkpoints.
 */
final class CheckpointedAdam extends Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    /** The parameter name of {@link ContiguousParameters}' weights. */
    private static final String CONTIGUOUS = "contiguous";

    private final Tracker rate;
    private final float weightDecay;
    /** Per parameter and device, keyed {@code name@device}. */
    private final Map<String, State> states = new HashMap<>();
    /** State read from a checkpoint, put on the device the first time its parameter is updated. */
    private final Map<String, Saved> pending = new HashMap<>();

    private static final class State {
        NDArray mean;
        NDArray variance;
        int count;
    }

    private record Saved(float[] mean, float[] variance, int count) {
    }

    /** DJL's parameter ids are random per instance; checkpoints name parameters by their path in the block. */
    private final Map<String, String> names = new HashMap<>();

    /**
     * @param clipGrad each gradient value is clipped to {@code [-clipGrad, clipGrad]} before the update; 0 = off
     */
    CheckpointedAdam(Tracker rate, float weightDecay, float clipGrad, Block block) {
        super(new Builder().optClipGrad(clipGrad > 0 ? clipGrad : -1));
        this.rate = rate;
        this.weightDecay = weightDecay;
        block.getParameters().forEach(pair -> names.put(pair.getValue().getId(), pair.getKey()));
    }

    /** One step over all of {@code parameters}' weights at once, after a backward pass; zeroes their gradients. */
    void step(ContiguousParameters parameters) {
        try (NDManager scratch = parameters.weights().getManager().newSubManager()) {
            update(CONTIGUOUS, parameters.weights(), parameters.gradients(scratch));
        }
        parameters.zeroGradients();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Device device = weight.getDevice();
        String key = names.getOrDefault(parameterId, parameterId) + "@" + device;
        State state = states.get(key);
        if (state == null) {
            state = new State();
            NDManager manager = weight.getManager();
            Saved saved = pending.remove(key);
            if (saved != null) {
                state.mean = manager.create(saved.mean(), weight.getShape()).toDevice(device, false);
                state.variance = manager.create(saved.variance(), weight.getShape()).toDevice(device, false);
                state.count = saved.count();
            } else {
                state.mean = manager.zeros(weight.getShape(), weight.getDataType(), device);
                state.variance = manager.zeros(weight.getShape(), weight.getDataType(), device);
            }
            states.put(key, state);
        }
        int count = ++state.count;
        double correction1 = 1 - Math.pow(BETA1, count);
        double correction2 = 1 - Math.pow(BETA2, count);
        float learningRate = rate.getNewValue(count);
        float corrected = (float) (learningRate * Math.sqrt(correction2) / correction1);
        // The native update's own clip only caps values from above, so clipping both sides happens here.
        try (NDArray clipped = clipGrad > 0 ? grad.clip(-clipGrad, clipGrad) : null) {
            weight.getNDArrayInternal().adamUpdate(
                    new NDList(weight, clipped == null ? grad : clipped, state.mean, state.variance),
                    new NDList(weight), learningRate, corrected, weightDecay, rescaleGrad, -1, BETA1, BETA2,
                    EPSILON, true, weightDecay > 0);
        }
    }

    void write(DataOutputStream out) throws IOException {
        Map<String, Saved> all = new TreeMap<>(pending);
        states.forEach((key, state) -> all.put(key, new Saved(state.mean.toFloatArray(),
                state.variance.toFloatArray(), state.count)));
        out.writeInt(all.size());
        for (Map.Entry<String, Saved> entry : all.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue().count());
            Checkpoint.writeFloats(out, entry.getValue().mean());
            Checkpoint.writeFloats(out, entry.getValue().variance());
        }
    }

    void read(DataInputStream in) throws IOException {
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            String key = in.readUTF();
            int count = in.readInt();
            float[] mean = Checkpoint.readFloats(in);
            float[] variance = Checkpoint.readFloats(in);
            pending.put(key, new Saved(mean, variance, count));
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
