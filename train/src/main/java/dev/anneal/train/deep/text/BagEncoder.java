package dev.anneal.train.deep.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The fastText-like text encoder: token embeddings averaged over the real tokens of a row. Cheap and a
 * strong baseline on short texts; word order is lost.
 */
public final class BagEncoder extends AbstractBlock implements TextEncoder {

    private static final byte VERSION = 1;

    private final int dim;
    private final Parameter table;

    /** An encoder for ids below {@code vocabSize} with embeddings of width {@code dim}. */
    public BagEncoder(int vocabSize, int dim) {
        super(VERSION);
        this.dim = dim;
        this.table = addParameter(TokenEmbedding.table(vocabSize, dim));
    }

    /** The token-embedding table {@code [vocabSize, dim]}. */
    Parameter table() {
        return table;
    }

    @Override
    public int outputDim() {
        return dim;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray mask = inputs.get(1);
        NDArray embedded = TokenEmbedding.lookup(store, table, inputs.get(0), training);
        return new NDList(TokenEmbedding.meanUnderMask(embedded, mask));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    public String toString() {
        return "BagEncoder(d=" + dim + ")";
    }
}
