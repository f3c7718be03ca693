package dev.anneal.train.deep.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Kim's (2014) convolutional text encoder: token embeddings, 1-D convolutions of several kernel widths
 * (ReLU), each max-pooled over the windows that start at a real token (padding after the text fills the
 * last ones), concatenated. Sees local word order (n-grams up to the widest kernel).
 */
public final class CnnEncoder extends AbstractBlock implements TextEncoder {

    private static final byte VERSION = 1;

    private final int dim;
    private final List<Integer> widths;
    private final int filters;
    private final Parameter table;
    private final List<Conv1d> convolutions = new ArrayList<>();

    /** Embeddings of width {@code dim}, then {@code filters} convolutions of each width in {@code widths}. */
    public CnnEncoder(int vocabSize, int dim, List<Integer> widths, int filters) {
        super(VERSION);
        this.dim = dim;
        this.widths = List.copyOf(widths);
        this.filters = filters;
        this.table = addParameter(TokenEmbedding.table(vocabSize, dim));
        for (int width : this.widths) {
            Conv1d conv = Conv1d.builder().setKernelShape(new Shape(width)).setFilters(filters).build();
            convolutions.add(addChildBlock("conv" + width, conv));
        }
    }

    @Override
    public int outputDim() {
        return filters * widths.size();
    }

    /** The token-embedding table {@code [vocabSize, dim]}. */
    Parameter table() {
        return table;
    }

    /** The convolutions, one per kernel width, in the order of {@link #widths()}. */
    List<Conv1d> convolutions() {
        return List.copyOf(convolutions);
    }

    List<Integer> widths() {
        return widths;
    }

    int widest() {
        return widths.stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape channels = new Shape(inputShapes[0].get(0), dim, inputShapes[0].get(1) + widest() - 1);
        for (Conv1d conv : convolutions) {
            conv.initialize(manager, dataType, channels);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        // Padded by the widest kernel less one, so that every window starting at a token exists whatever the
        // batch's longest row (a row's embedding must not depend on its batch), and short rows fit the kernel.
        Shape pad = new Shape(ids.getShape().get(0), widest() - 1L);
        if (pad.get(1) > 0) {
            ids = ids.concat(ids.getManager().zeros(pad, ids.getDataType(), ids.getDevice()), 1);
            mask = mask.concat(mask.getManager().zeros(pad, mask.getDataType(), mask.getDevice()), 1);
        }
        long length = ids.getShape().get(1);
        NDArray embedded = TokenEmbedding.lookup(store, table, ids, training).mul(mask.expandDims(2));
        NDArray channels = embedded.transpose(0, 2, 1);
        NDList pooled = new NDList();
        for (int i = 0; i < widths.size(); i++) {
            long windows = length - widths.get(i) + 1;
            NDArray out = Activation.relu(convolutions.get(i).forward(store, new NDList(channels), training)
                    .singletonOrThrow());
            // ReLU output is >= 0, so zeroing the windows that start on padding leaves the max to the real ones.
            NDArray starts = mask.get(new NDIndex(":, :" + windows)).expandDims(1);
            pooled.add(out.mul(starts).max(new int[] {2}));
        }
        return new NDList(pooled.size() == 1 ? pooled.head() : ai.djl.ndarray.NDArrays.concat(pooled, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputDim())};
    }

    @Override
    public String toString() {
        return "CnnEncoder(d=" + dim + ", widths=" + widths + ", filters=" + filters + ")";
    }
}
