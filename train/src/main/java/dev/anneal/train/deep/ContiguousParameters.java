package dev.anneal.train.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.anneal.train.deep.text.PretrainedTextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A block's trainable weights laid out back to back in one tensor, each parameter's array a view of its
 * part, so that an optimiser step is one native update over all of them instead of one per parameter
 * (on the MLP of {@code scripts/bench-mlp}, six updates of about a dozen operations each became one: about
 * 10 % more rows/s, docs/benchmarks.md). Gradients stay per parameter (libtorch accumulates them there) and
 * are gathered into one tensor for the step.
 *
 * <p>One device and the PyTorch engine only, and not for a block holding a trainable TorchScript encoder,
 * whose weights are the module's own tensors, which a view cannot replace.
 */
final class ContiguousParameters {

    private final NDArray weights;
    private final List<NDArray> arrays;

    private ContiguousParameters(NDArray weights, List<NDArray> arrays) {
        this.weights = weights;
        this.arrays = arrays;
    }

    /**
     * Lays out {@code block}'s trainable float parameters (initialised, on {@code manager}'s device) in one
     * tensor of {@code manager}; empty when the block cannot be laid out so.
     */
    static Optional<ContiguousParameters> layOut(Block block, NDManager manager) {
        if (!"PyTorch".equals(manager.getEngine().getEngineName()) || holdsModuleWeights(block)) {
            return Optional.empty();
        }
        List<NDArray> arrays = new ArrayList<>();
        long size = 0;
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.requiresGradient()) {
                NDArray array = parameter.getArray();
                if (array.getDataType() != DataType.FLOAT32 || !array.getDevice().equals(manager.getDevice())) {
                    return Optional.empty();
                }
                arrays.add(array);
                size += array.size();
            }
        }
        if (arrays.isEmpty()) {
            return Optional.empty();
        }
        NDArray weights = manager.zeros(new Shape(size), DataType.FLOAT32);
        long at = 0;
        for (NDArray array : arrays) {
            NDIndex part = new NDIndex().addSliceDim(at, at + array.size());
            try (NDArray flat = array.reshape(-1); NDArray slice = weights.get(part)) {
                weights.set(part, flat);
                // The parameter's array object stays the one every block and the trainer hold; only the
                // tensor behind it becomes the view (and the tensor it had is freed).
                array.intern(slice.reshape(array.getShape()));
            }
            array.setRequiresGradient(true);
            at += array.size();
        }
        return Optional.of(new ContiguousParameters(weights, List.copyOf(arrays)));
    }

    private static boolean holdsModuleWeights(Block block) {
        if (block instanceof PretrainedTextEncoder && !block.getParameters().isEmpty()) {
            return true;
        }
        return block.getChildren().values().stream().anyMatch(ContiguousParameters::holdsModuleWeights);
    }

    /** All the trainable weights, in one tensor. */
    NDArray weights() {
        return weights;
    }

    /** The gradients of the last backward pass, laid out as {@link #weights()}, in a new tensor of {@code manager}. */
    NDArray gradients(NDManager manager) {
        NDList parts = new NDList(arrays.size());
        for (NDArray array : arrays) {
            NDArray gradient = array.getGradient();
            gradient.attach(manager);
            parts.add(gradient.reshape(-1));
        }
        NDArray gathered = NDArrays.concat(parts);
        gathered.attach(manager);
        return gathered;
    }

    /** Zeroes every parameter's gradient, as libtorch accumulates into it. */
    void zeroGradients() {
        for (NDArray array : arrays) {
            JniUtils.zeroGrad((PtNDArray) array);
        }
    }
}
