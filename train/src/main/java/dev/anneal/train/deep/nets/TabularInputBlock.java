package dev.anneal.train.deep.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import dev.anneal.train.deep.Constants;
import dev.anneal.train.deep.TabularLayout;
import dev.anneal.train.deep.text.TextEncoder;
import dev.anneal.train.deep.text.TextEncoders;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Locale;

/**
 * The first block of every tabular network: it splits a {@code [batch, layout.width()]} float row into
 * its numeric part and its category indices and turns both into what the body of the network reads.
 *
 * <p>Categorical columns share one embedding table of {@code layout.totalCardinality()} rows (column
 * {@code i}'s index {@code k} is row {@code offsets[i] + k}), gathered with PyTorch's embedding op, whose
 * gradient reaches the table; or, for flat output only, a plain one-hot (multi-hot over the shared index
 * space). Numeric columns go in raw, or through a numeric embedding of Gorishniy et al. (2022):
 * {@code periodic} ({@code [sin(2 pi c x), cos(2 pi c x)]} with learned frequencies {@code c}, then a
 * per-feature Linear + ReLU) or {@code ple} (piecewise-linear encoding over quantile bins fitted on the
 * training rows, then a per-feature Linear + ReLU).
 *
 * <p>Two outputs:
 * <ul>
 *   <li>{@link Output#FLAT}: {@code [batch, outputWidth()]}, numeric part then categorical part, for MLP
 *       and ResNet;</li>
 *   <li>{@link Output#TOKENS}: {@code [batch, 1 + numeric + categorical, d]} for the FT-Transformer: a
 *       learned [CLS] token first, then one token per numeric feature ({@code x_j * W_j + b_j}, or its
 *       numeric embedding), then one per categorical column (its embedding plus a per-column bias).</li>
 * </ul>
 *
 * <p>Every learned or fitted number is a parameter of this block, so the PLE edges travel with the saved
 * model. Category indices must be valid ({@code [0, cardinality)}); a bad index is an engine error.
 */
public final class TabularInputBlock extends AbstractBlock {

    /** The params key under which a caller puts the PLE bin edges ({@code double[][]}) before build. */
    public static final String PLE_EDGES = "ple_edges";

    private static final byte VERSION = 1;

    /** The shape of this block's output. */
    public enum Output { FLAT, TOKENS }

    /** How category indices enter a flat output. */
    public enum Categorical {
        EMBEDDING, ONEHOT;

        /** The constant for a config name ({@code embedding}, {@code onehot}). */
        public static Categorical of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** How numbers enter: raw, piecewise-linear encoded, or periodic. */
    public enum NumericEmbedding {
        NONE, PLE, PERIODIC;

        /** The constant for a config name ({@code none}, {@code ple}, {@code periodic}). */
        public static NumericEmbedding of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private final TabularLayout layout;
    private final Output output;
    private final Categorical categorical;
    private final NumericEmbedding numericEmbedding;
    private final int dim;
    private final int frequencies;
    private final long[] offsets;
    private final int pleBins;

    private Parameter table;
    private Parameter categoryBias;
    private Parameter numericWeight;
    private Parameter numericBias;
    private Parameter cls;
    private Parameter periodicFrequencies;
    private Parameter embeddingWeight;
    private Parameter embeddingBias;
    private Parameter pleConstants;
    private final List<TextEncoder> textEncoders = new ArrayList<>();
    private final List<Linear> textProjections = new ArrayList<>();

    private TabularInputBlock(Builder builder) {
        super(VERSION);
        layout = builder.layout;
        output = builder.output;
        categorical = output == Output.TOKENS ? Categorical.EMBEDDING : builder.categorical;
        numericEmbedding = layout.numericCount() == 0 ? NumericEmbedding.NONE : builder.numericEmbedding;
        dim = builder.dim;
        frequencies = builder.frequencies;
        offsets = Arrays.stream(layout.offsets()).asLongStream().toArray();
        int n = layout.numericCount();
        int c = layout.categoricalCount();
        float tokenScale = (float) (1 / Math.sqrt(dim));
        if (c > 0 && categorical == Categorical.EMBEDDING) {
            Initializer init = output == Output.TOKENS ? new UniformInitializer(tokenScale) : new NormalInitializer(1f);
            table = param("embedding", Parameter.Type.WEIGHT, init, layout.totalCardinality(), dim);
            if (output == Output.TOKENS) {
                categoryBias = param("category_bias", Parameter.Type.BIAS, new UniformInitializer(tokenScale), c, dim);
            }
        }
        if (output == Output.TOKENS) {
            cls = param("cls", Parameter.Type.OTHER, new UniformInitializer(tokenScale), dim);
            if (numericEmbedding == NumericEmbedding.NONE && n > 0) {
                numericWeight = param("numeric_weight", Parameter.Type.OTHER, new UniformInitializer(tokenScale), n, dim);
                numericBias = param("numeric_bias", Parameter.Type.BIAS, new UniformInitializer(tokenScale), n, dim);
            }
        }
        int encodingWidth = 0;
        if (numericEmbedding == NumericEmbedding.PERIODIC) {
            periodicFrequencies = param("frequencies", Parameter.Type.OTHER, new NormalInitializer(builder.sigma),
                    n, frequencies);
            encodingWidth = 2 * frequencies;
        } else if (numericEmbedding == NumericEmbedding.PLE) {
            double[][] edges = builder.pleEdges;
            if (edges == null) {
                throw new IllegalArgumentException("numeric_embedding: ple needs bin edges fitted on the training rows"
                        + " (PiecewiseLinearEncoding.quantileEdges)");
            }
            PiecewiseLinearEncoding.validate(edges, n);
            encodingWidth = PiecewiseLinearEncoding.maxBins(edges);
            float[] constants = PiecewiseLinearEncoding.constants(edges);
            int width = encodingWidth;
            pleConstants = addParameter(Parameter.builder()
                    .setName("ple_constants")
                    .setType(Parameter.Type.OTHER)
                    .optShape(new Shape(5, n, width))
                    .optInitializer((manager, shape, type) -> manager.create(constants, shape).toType(type, false))
                    .optRequiresGrad(false)
                    .build());
        }
        pleBins = numericEmbedding == NumericEmbedding.PLE ? encodingWidth : 0;
        for (TabularLayout.TextInput text : layout.texts()) {
            textEncoders.add(addChildBlock("text_" + textEncoders.size(), TextEncoders.create(text)));
            if (output == Output.TOKENS) {
                textProjections.add(addChildBlock("text_token_" + textProjections.size(),
                        Linear.builder().setUnits(dim).build()));
            }
        }
        if (encodingWidth > 0) {
            float scale = (float) (1 / Math.sqrt(encodingWidth));
            embeddingWeight = param("numeric_embedding_weight", Parameter.Type.OTHER, new UniformInitializer(scale),
                    n, encodingWidth, dim);
            embeddingBias = param("numeric_embedding_bias", Parameter.Type.BIAS, new UniformInitializer(scale), n, dim);
        }
    }

    private Parameter param(String name, Parameter.Type type, Initializer initializer, long... shape) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(new Shape(shape))
                .optInitializer(initializer)
                .build());
    }

    /** A builder for the input block of {@code layout}. */
    public static Builder builder(TabularLayout layout) {
        return new Builder(layout);
    }

    public TabularLayout layout() {
        return layout;
    }

    /**
     * The input block of {@code network}: the network itself, or the first block of a sequence (every
     * architecture starts with one).
     *
     * @throws IllegalArgumentException when the network does not start with one
     */
    public static TabularInputBlock of(Block network) {
        Block block = network;
        while (block instanceof SequentialBlock sequence && !sequence.getChildren().isEmpty()) {
            block = sequence.getChildren().get(0).getValue();
        }
        if (block instanceof TabularInputBlock input) {
            return input;
        }
        throw new IllegalArgumentException("the network does not start with a TabularInputBlock: " + network);
    }

    /** Of a token output, each text column's projection from its embedding to a token of width {@link #dim()}. */
    List<Linear> textProjections() {
        return List.copyOf(textProjections);
    }

    /** The text encoders, one per text column of {@link #layout()}, in its order. */
    public List<TextEncoder> textEncoders() {
        return List.copyOf(textEncoders);
    }

    public Output output() {
        return output;
    }

    Categorical categorical() {
        return categorical;
    }

    NumericEmbedding numericEmbedding() {
        return numericEmbedding;
    }

    /** The periodic numeric embedding's width per feature before its Linear ({@code 2 * frequencies}). */
    int frequencies() {
        return frequencies;
    }

    /** The learned or fitted arrays the ONNX export reads: the embedding table, numeric embedding weights... */
    Parameter table() {
        return table;
    }

    Parameter periodicFrequencies() {
        return periodicFrequencies;
    }

    Parameter embeddingWeight() {
        return embeddingWeight;
    }

    Parameter embeddingBias() {
        return embeddingBias;
    }

    Parameter pleConstants() {
        return pleConstants;
    }

    Parameter cls() {
        return cls;
    }

    Parameter numericWeight() {
        return numericWeight;
    }

    Parameter numericBias() {
        return numericBias;
    }

    Parameter categoryBias() {
        return categoryBias;
    }

    /** The embedding (or token) width {@code d}. */
    public int dim() {
        return dim;
    }

    /** The number of PLE bins per feature after padding (0 without PLE). */
    public int pleBins() {
        return pleBins;
    }

    /** The width of a flat output row. */
    public int outputWidth() {
        int n = layout.numericCount();
        int c = layout.categoricalCount();
        int numeric = numericEmbedding == NumericEmbedding.NONE ? n : n * dim;
        int categoricalWidth = c == 0 ? 0 : categorical == Categorical.ONEHOT ? layout.totalCardinality() : c * dim;
        return numeric + categoricalWidth + textEncoders.stream().mapToInt(TextEncoder::outputDim).sum();
    }

    /** The number of tokens of a token output, [CLS] included: one per numeric, categorical and text column. */
    public int tokenCount() {
        return 1 + layout.numericCount() + layout.categoricalCount() + layout.texts().size();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        for (int i = 0; i < textEncoders.size(); i++) {
            Shape tokens = new Shape(batch, layout.texts().get(i).maxLength());
            textEncoders.get(i).initialize(manager, dataType, tokens, tokens);
            if (output == Output.TOKENS) {
                textProjections.get(i).initialize(manager, dataType, new Shape(batch, textEncoders.get(i).outputDim()));
            }
        }
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        Shape input = inputShapes[0];
        if (input.dimension() != 2 || input.get(1) != layout.width()) {
            throw new IllegalArgumentException("expected input rows of shape [batch, " + layout.width() + "], got "
                    + input);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {output == Output.TOKENS ? new Shape(batch, tokenCount(), dim) : new Shape(batch, outputWidth())};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long batch = x.getShape().get(0);
        int n = layout.numericCount();
        int c = layout.categoricalCount();
        NDList parts = new NDList();
        if (output == Output.TOKENS) {
            NDArray token = value(store, cls, x, training);
            // Start from an array of the batch's manager: an op's result belongs to its first operand's
            // manager, and one that began with the parameter would keep every step's graph alive.
            parts.add(x.getManager().zeros(new Shape(batch, 1, dim), x.getDataType(), x.getDevice())
                    .add(token.reshape(1, 1, dim)));
        }
        if (n > 0) {
            parts.add(numeric(store, x.get(new NDIndex(":, :" + n)), training));
        }
        if (c > 0) {
            parts.add(categorical(store, x.get(new NDIndex(":, " + n + ":" + (n + c))), training));
        }
        int start = layout.tabularWidth();
        for (int i = 0; i < textEncoders.size(); i++) {
            int length = layout.texts().get(i).maxLength();
            NDArray embedding = text(store, textEncoders.get(i), x.get(new NDIndex(":, " + start + ":"
                    + (start + length))), training);
            parts.add(output == Output.TOKENS
                    ? textProjections.get(i).forward(store, new NDList(embedding), training).singletonOrThrow()
                            .expandDims(1)
                    : embedding);
            start += length;
        }
        return new NDList(parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1));
    }

    /**
     * One text column's embedding {@code [batch, d]} from its token columns ({@code id + 1}, 0 = padding),
     * cut to the batch's longest row first so that short texts do not pay for the column's maximum.
     */
    private static NDArray text(ParameterStore store, TextEncoder encoder, NDArray tokens, boolean training) {
        NDArray present = tokens.gt(0f);
        long longest = Math.max(1, present.toType(DataType.INT64, false).sum(new int[] {1}).max().getLong());
        NDArray cut = tokens.get(new NDIndex(":, :" + longest));
        NDArray ids = cut.sub(1f).maximum(0f).toType(DataType.INT64, false);
        NDArray mask = cut.gt(0f).toType(DataType.FLOAT32, false);
        return encoder.forward(store, new NDList(ids, mask), training).singletonOrThrow();
    }

    /** {@code [batch, n]} for raw flat output, otherwise {@code [batch, n, d]} tokens or their flat form. */
    private NDArray numeric(ParameterStore store, NDArray x, boolean training) {
        long batch = x.getShape().get(0);
        int n = layout.numericCount();
        NDArray column = x.expandDims(2);
        NDArray embedded;
        switch (numericEmbedding) {
            case NONE -> {
                if (output == Output.FLAT) {
                    return x;
                }
                embedded = column.mul(value(store, numericWeight, x, training)).add(value(store, numericBias, x, training));
            }
            case PERIODIC -> {
                NDArray angle = Constants.times(column.mul(value(store, periodicFrequencies, x, training)),
                        (float) (2 * Math.PI));
                embedded = perFeatureLinear(store, angle.sin().concat(angle.cos(), 2), x, training);
            }
            case PLE -> {
                NDArray encoded = pleEncode(x, value(store, pleConstants, x, training));
                embedded = perFeatureLinear(store, encoded, x, training);
            }
            default -> throw new IllegalStateException(numericEmbedding.toString());
        }
        return output == Output.TOKENS ? embedded : embedded.reshape(batch, (long) n * dim);
    }

    /**
     * The piecewise-linear encoding {@code [batch, n, bins]} of {@code x} ({@code [batch, n]}) with the
     * constants of {@link PiecewiseLinearEncoding#constants} ({@code [5, n, bins]}).
     */
    static NDArray pleEncode(NDArray x, NDArray constants) {
        NDArray encoded = x.expandDims(2).sub(constants.get(0)).div(constants.get(1));
        NDArray lower = constants.get(2);
        NDArray upper = constants.get(3);
        encoded = encoded.add(upper.mul(encoded.minimum(1f).sub(encoded)));
        encoded = encoded.add(lower.mul(encoded.maximum(0f).sub(encoded)));
        return encoded.mul(constants.get(4));
    }

    /** ReLU of a separate Linear per feature: {@code [batch, n, m]} through {@code [n, m, d]} to {@code [batch, n, d]}. */
    private NDArray perFeatureLinear(ParameterStore store, NDArray features, NDArray x, boolean training) {
        NDArray weight = value(store, embeddingWeight, x, training);
        NDArray bias = value(store, embeddingBias, x, training);
        return Activation.relu(features.transpose(1, 0, 2).matMul(weight).transpose(1, 0, 2).add(bias));
    }

    /** Embeddings ({@code [batch, c, d]} tokens or flat {@code [batch, c * d]}) or a multi-hot {@code [batch, V]}. */
    private NDArray categorical(ParameterStore store, NDArray x, boolean training) {
        long batch = x.getShape().get(0);
        NDManager manager = x.getManager();
        NDArray index = x.toType(DataType.INT64, false).add(manager.create(offsets).toDevice(x.getDevice(), false));
        if (categorical == Categorical.ONEHOT) {
            return index.oneHot(layout.totalCardinality()).toType(DataType.FLOAT32, false).sum(new int[] {1});
        }
        NDArray embedded = Embedding.embedding(index, value(store, table, x, training), SparseFormat.DENSE)
                .singletonOrThrow();
        if (output == Output.TOKENS) {
            return embedded.add(value(store, categoryBias, x, training));
        }
        return embedded.reshape(batch, (long) layout.categoricalCount() * dim);
    }

    private static NDArray value(ParameterStore store, Parameter parameter, NDArray like, boolean training) {
        return store.getValue(parameter, like.getDevice(), training);
    }

    @Override
    public String toString() {
        return "TabularInput(" + layout.texts().size() + " text, " + layout.numericCount() + " numeric " + numericEmbedding.name().toLowerCase(Locale.ROOT)
                + ", " + layout.categoricalCount() + " categorical " + categorical.name().toLowerCase(Locale.ROOT)
                + ", " + output.name().toLowerCase(Locale.ROOT) + ", d=" + dim + ")";
    }

    /** Options of a {@link TabularInputBlock}; {@link #build()} checks them. */
    public static final class Builder {

        private final TabularLayout layout;
        private Output output = Output.FLAT;
        private Categorical categorical = Categorical.EMBEDDING;
        private NumericEmbedding numericEmbedding = NumericEmbedding.NONE;
        private int dim = 8;
        private int frequencies = 16;
        private float sigma = 0.1f;
        private double[][] pleEdges;

        private Builder(TabularLayout layout) {
            this.layout = layout;
        }

        /** Embeddings (default) or one-hot; token output always embeds. */
        public Builder optCategorical(Categorical categorical) {
            this.categorical = categorical;
            return this;
        }

        /** The width of each categorical (and numeric) embedding in flat output; default 8. */
        public Builder optEmbeddingDim(int dim) {
            this.dim = dim;
            return this;
        }

        /** Token output with tokens of width {@code dToken}. */
        public Builder optTokens(int dToken) {
            this.output = Output.TOKENS;
            this.dim = dToken;
            return this;
        }

        /** The numeric embedding; default none. {@code PLE} also needs {@link #optPleEdges}. */
        public Builder optNumericEmbedding(NumericEmbedding numericEmbedding) {
            this.numericEmbedding = numericEmbedding;
            return this;
        }

        NumericEmbedding numericEmbedding() {
            return numericEmbedding;
        }

        /** Periodic embedding: {@code count} frequencies per feature, initialised from N(0, sigma). */
        public Builder optPeriodic(int count, float sigma) {
            this.frequencies = count;
            this.sigma = sigma;
            return this;
        }

        /** PLE bin edges per numeric column, fitted on training rows ({@link PiecewiseLinearEncoding#quantileEdges}). */
        public Builder optPleEdges(double[][] edges) {
            this.pleEdges = edges == null ? null : Arrays.stream(edges).map(double[]::clone).toArray(double[][]::new);
            return this;
        }

        public TabularInputBlock build() {
            if (dim < 1) {
                throw new IllegalArgumentException("embedding width must be >= 1, got " + dim);
            }
            if (frequencies < 1) {
                throw new IllegalArgumentException("periodic frequencies must be >= 1, got " + frequencies);
            }
            if (!(sigma > 0)) {
                throw new IllegalArgumentException("periodic sigma must be > 0, got " + sigma);
            }
            return new TabularInputBlock(this);
        }
    }
}
