package dev.anneal.train.deep.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.anneal.train.deep.Constants;
import java.util.ArrayList;
import java.util.List;

/**
 * A small Transformer text encoder: token embeddings plus learned positions, {@code layers} pre-norm
 * encoder layers (multi-head self-attention that ignores padding, then a ReLU feed-forward of twice the
 * width), a final layer norm, and mean pooling over the real tokens or the first ({@code [CLS]}) token.
 */
public final class TransformerTextEncoder extends AbstractBlock implements TextEncoder {

    private static final byte VERSION = 1;
    /** Added to attention scores at padding: exp of it is 0 in float32. */
    static final float MASKED = -1e9f;

    private final int dim;
    private final int heads;
    private final boolean clsPooling;
    private final Parameter table;
    private final Parameter positions;
    private final List<Layer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;

    /** One encoder layer's blocks. */
    record Layer(LayerNorm attentionNorm, Linear query, Linear key, Linear value, Linear output,
            LayerNorm ffnNorm, Linear ffnIn, Linear ffnOut) {

        List<Block> blocks() {
            return List.of(attentionNorm, query, key, value, output, ffnNorm, ffnIn, ffnOut);
        }
    }

    /**
     * @param maxLength the most tokens a row has (learned positions)
     * @param pooling {@code mean} or {@code cls}
     */
    public TransformerTextEncoder(int vocabSize, int maxLength, int dim, int layerCount, int heads, String pooling) {
        super(VERSION);
        if (dim % heads != 0) {
            throw new IllegalArgumentException("dim " + dim + " must be a multiple of heads " + heads);
        }
        this.dim = dim;
        this.heads = heads;
        this.clsPooling = "cls".equals(pooling);
        this.table = addParameter(TokenEmbedding.table(vocabSize, dim));
        this.positions = addParameter(Parameter.builder()
                .setName("positions")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(maxLength, dim))
                .optInitializer(new NormalInitializer(0.02f))
                .build());
        for (int i = 0; i < layerCount; i++) {
            Layer layer = new Layer(norm(), linear(dim), linear(dim), linear(dim), linear(dim), norm(),
                    linear(2 * dim), linear(dim));
            List<String> names = List.of("attention_norm", "query", "key", "value", "output", "ffn_norm", "ffn_in",
                    "ffn_out");
            for (int b = 0; b < names.size(); b++) {
                addChildBlock("layer" + i + "_" + names.get(b), layer.blocks().get(b));
            }
            layers.add(layer);
        }
        this.finalNorm = addChildBlock("final_norm", norm());
    }

    Parameter table() {
        return table;
    }

    /** The learned positions {@code [maxLength, dim]}. */
    Parameter positions() {
        return positions;
    }

    List<Layer> layers() {
        return List.copyOf(layers);
    }

    LayerNorm finalNorm() {
        return finalNorm;
    }

    int heads() {
        return heads;
    }

    boolean clsPooling() {
        return clsPooling;
    }

    private static LayerNorm norm() {
        return LayerNorm.builder().axis(2).build();
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    @Override
    public int outputDim() {
        return dim;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), dim);
        Shape wide = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 2L * dim);
        for (Layer layer : layers) {
            for (Block block : layer.blocks()) {
                block.initialize(manager, dataType, block == layer.ffnOut() ? wide : tokens);
            }
        }
        finalNorm.initialize(manager, dataType, tokens);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        long batch = ids.getShape().get(0);
        long length = ids.getShape().get(1);
        NDArray position = store.getValue(positions, ids.getDevice(), training).get(new NDIndex(":" + length));
        NDArray x = TokenEmbedding.lookup(store, table, ids, training).add(position);
        // [batch, 1, 1, length]: 0 at real tokens, a large negative number at padding.
        NDArray keyMask = mask.expandDims(1).expandDims(1).sub(1f).mul(-MASKED);
        int headWidth = dim / heads;
        for (Layer layer : layers) {
            NDArray h = apply(store, layer.attentionNorm(), x, training);
            NDArray q = splitHeads(apply(store, layer.query(), h, training), batch, length, headWidth);
            NDArray k = splitHeads(apply(store, layer.key(), h, training), batch, length, headWidth);
            NDArray v = splitHeads(apply(store, layer.value(), h, training), batch, length, headWidth);
            NDArray scores = Constants.dividedBy(q.matMul(k.transpose(0, 1, 3, 2)), (float) Math.sqrt(headWidth))
                    .add(keyMask);
            NDArray attended = scores.softmax(3).matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, dim);
            x = x.add(apply(store, layer.output(), attended, training));
            NDArray ffn = Activation.relu(apply(store, layer.ffnIn(), apply(store, layer.ffnNorm(), x, training),
                    training));
            x = x.add(apply(store, layer.ffnOut(), ffn, training));
        }
        x = apply(store, finalNorm, x, training);
        return new NDList(clsPooling ? x.get(new NDIndex(":, 0, :")) : TokenEmbedding.meanUnderMask(x, mask));
    }

    private static NDArray apply(ParameterStore store, Block block, NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /** {@code [batch, length, dim]} to {@code [batch, heads, length, headWidth]}. */
    private NDArray splitHeads(NDArray x, long batch, long length, int headWidth) {
        return x.reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    public String toString() {
        return "TransformerTextEncoder(d=" + dim + ", layers=" + layers.size() + ", heads=" + heads + ", "
                + (clsPooling ? "cls" : "mean") + " pooling)";
    }
}
