package dev.anneal.train.deep.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.anneal.core.AnnealException;
import dev.anneal.train.export.GraphBuilder;
import dev.anneal.train.export.OnnxOps;
import dev.anneal.train.export.ScoreGraph;
import dev.anneal.train.deep.text.TextEncoder;
import dev.anneal.train.deep.text.TextEncoderGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A trained network of the deep families in ONNX, block by block in inference mode: the input block
 * (numeric columns raw or through their PLE / periodic embedding, category indices through the embedding
 * table or one-hot; flat rows, or the FT-Transformer's tokens with its [CLS] token), Linear as
 * {@code MatMul + Add} over the last axis (DJL's weight is {@code [out, in]}), batch and layer norms with
 * their fitted statistics, ReLU, exact-erf GELU and SiLU, residual blocks, DJL's multi-head
 * scaled-dot-product self-attention, the [CLS] selection, and the text encoders ({@link TextEncoderGraph});
 * dropout is the identity. A block it does not know is refused with its name.
 */
public final class NetworkGraph implements ScoreGraph {

    private final Block network;
    private final int heads;
    private final double targetMean;
    private final double targetScale;

    /**
     * {@code network} predicts standardised values {@code (y - targetMean) / targetScale} for a
     * regression; {@code params} are the family's parameters (the attention's head count is read there).
     */
    public NetworkGraph(Block network, Map<String, Object> params, double targetMean, double targetScale) {
        this.network = network;
        this.heads = params.get(FtTransformerBuilder.HEADS) instanceof Number n ? n.intValue() : 0;
        this.targetMean = targetMean;
        this.targetScale = targetScale;
    }

    @Override
    public ONNXRef<?> scores(GraphBuilder graph, ONNXRef<?> features) {
        return walk(graph, network, features);
    }

    @Override
    public double targetMean() {
        return targetMean;
    }

    @Override
    public double targetScale() {
        return targetScale;
    }

    private ONNXRef<?> walk(GraphBuilder graph, Block block, ONNXRef<?> x) {
        if (block instanceof SequentialBlock) {
            ONNXRef<?> out = x;
            for (var child : block.getChildren()) {
                out = walk(graph, child.getValue(), out);
            }
            return out;
        }
        if (block instanceof ResidualBlock residual) {
            return graph.apply(ONNXOperators.ADD, walk(graph, residual.branch(), x), x);
        }
        if (block instanceof TabularInputBlock input) {
            return new InputGraph(graph, input).apply(x);
        }
        if (block instanceof Linear linear) {
            return linear(graph, linear, x);
        }
        if (block instanceof ScaledDotProductAttentionBlock attention) {
            return attention(graph, attention, x);
        }
        if (block instanceof BatchNorm) {
            return graph.apply(OnnxOps.BATCH_NORMALIZATION, Map.of("epsilon", NetParams.NORM_EPSILON), x,
                    tensor(graph, block, "gamma"), tensor(graph, block, "beta"), tensor(graph, block, "runningMean"),
                    tensor(graph, block, "runningVar"));
        }
        if (block instanceof LayerNorm) {
            return graph.apply(OnnxOps.LAYER_NORMALIZATION, Map.of("axis", -1, "epsilon", NetParams.NORM_EPSILON), x,
                    tensor(graph, block, "gamma"), tensor(graph, block, "beta"));
        }
        if (block instanceof Dropout) {
            return x;
        }
        if (block instanceof LambdaBlock lambda) {
            switch (lambda.getName()) {
                case "identity":
                    return x;
                case "cls":
                    return graph.apply(ONNXOperators.GATHER, Map.of("axis", 1), x, graph.scalarLong(0));
                case "ReLU":
                    return graph.apply(OnnxOps.RELU, x);
                case "GELU": {
                    // DJL's GELU is the exact form x * (1 + erf(x / sqrt(2))) / 2.
                    ONNXRef<?> erf = graph.apply(OnnxOps.ERF, graph.apply(ONNXOperators.DIV, x,
                            graph.scalar((float) Math.sqrt(2))));
                    return graph.apply(ONNXOperators.MUL, graph.apply(ONNXOperators.MUL, x, graph.scalar(0.5f)),
                            graph.apply(ONNXOperators.ADD, erf, graph.scalar(1f)));
                }
                case "Swish":
                    return graph.apply(ONNXOperators.MUL, x, graph.apply(ONNXOperators.SIGMOID, x));
                default:
                    break;
            }
        }
        throw new AnnealException("the network block " + block + " cannot be exported to ONNX yet");
    }

    /** {@code x W^T + b} over the last axis of a rank-2 or rank-3 input. */
    public static ONNXRef<?> linear(GraphBuilder graph, Linear linear, ONNXRef<?> x) {
        NDArray weight = linear.getDirectParameters().get("weight").getArray();
        int out = (int) weight.getShape().get(0);
        int in = (int) weight.getShape().get(1);
        float[] w = weight.toFloatArray();
        float[] transposed = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                transposed[i * out + o] = w[o * in + i];
            }
        }
        return graph.apply(ONNXOperators.ADD, graph.apply(OnnxOps.MAT_MUL, x, graph.floats(transposed, in, out)),
                tensor(graph, linear, "bias"));
    }

    /** DJL's multi-head self-attention over {@code [batch, tokens, d]}, operation for operation. */
    private ONNXRef<?> attention(GraphBuilder graph, ScaledDotProductAttentionBlock block, ONNXRef<?> x) {
        if (heads <= 0) {
            throw new AnnealException("an attention block needs the family's 'heads' parameter to be exported");
        }
        ONNXRef<?> keys = headsOf(graph, linear(graph, block.getKeyProjection(), x));
        ONNXRef<?> queries = headsOf(graph, linear(graph, block.getQueryProjection(), x));
        ONNXRef<?> values = headsOf(graph, linear(graph, block.getValueProjection(), x));
        int headWidth = (int) (block.getKeyProjection().getDirectParameters().get("bias").getArray().size() / heads);
        ONNXRef<?> scores = graph.apply(ONNXOperators.MUL, graph.apply(OnnxOps.MAT_MUL, queries,
                graph.apply(OnnxOps.TRANSPOSE, Map.of("perm", new int[] {0, 1, 3, 2}), keys)),
                graph.scalar(1f / (float) Math.sqrt(headWidth)));
        ONNXRef<?> probabilities = graph.apply(ONNXOperators.SOFTMAX, Map.of("axis", 3), scores);
        ONNXRef<?> result = graph.apply(OnnxOps.TRANSPOSE, Map.of("perm", new int[] {0, 2, 1, 3}),
                graph.apply(OnnxOps.MAT_MUL, probabilities, values));
        return linear(graph, block.getResultProjection(), graph.apply(OnnxOps.RESHAPE, result,
                graph.longs(0, 0, (long) heads * headWidth)));
    }

    /** {@code [batch, tokens, d]} to {@code [batch, heads, tokens, d / heads]}. */
    private ONNXRef<?> headsOf(GraphBuilder graph, ONNXRef<?> projected) {
        return graph.apply(OnnxOps.TRANSPOSE, Map.of("perm", new int[] {0, 2, 1, 3}),
                graph.apply(OnnxOps.RESHAPE, projected, graph.longs(0, 0, heads, -1)));
    }

    /** A parameter of {@code block} as a float constant of its own shape. */
    public static ONNXRef<?> tensor(GraphBuilder graph, Block block, String name) {
        Parameter parameter = block.getDirectParameters().get(name);
        return tensor(graph, parameter);
    }

    /** {@code parameter}'s array as a float constant of its own shape. */
    public static ONNXRef<?> tensor(GraphBuilder graph, Parameter parameter) {
        NDArray array = parameter.getArray();
        long[] shape = array.getShape().getShape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape[i];
        }
        return graph.floats(array.toFloatArray(), dims);
    }

    /** The nodes of one {@link TabularInputBlock} with flat output. */
    private static final class InputGraph {

        private final GraphBuilder graph;
        private final TabularInputBlock input;

        private final boolean tokens;

        InputGraph(GraphBuilder graph, TabularInputBlock input) {
            this.graph = graph;
            this.input = input;
            this.tokens = input.output() == TabularInputBlock.Output.TOKENS;
        }

        /**
         * Flat rows {@code [batch, width]}, or tokens {@code [batch, 1 + n + c + texts, d]} with [CLS] first
         * and one token per text column last.
         */
        ONNXRef<?> apply(ONNXRef<?> x) {
            int n = input.layout().numericCount();
            int c = input.layout().categoricalCount();
            List<ONNXRef<?>> parts = new ArrayList<>();
            if (tokens) {
                parts.add(cls(x));
            }
            if (n > 0) {
                parts.add(numeric(columns(x, 0, n), n));
            }
            if (c > 0) {
                parts.add(categorical(columns(x, n, c), c));
            }
            int start = input.layout().tabularWidth();
            List<TextEncoder> encoders = input.textEncoders();
            for (int i = 0; i < encoders.size(); i++) {
                int length = input.layout().texts().get(i).maxLength();
                ONNXRef<?> embedding = TextEncoderGraph.embedding(graph, encoders.get(i), columns(x, start, length),
                        length);
                parts.add(tokens ? graph.apply(ONNXOperators.UNSQUEEZE,
                        linear(graph, input.textProjections().get(i), embedding), graph.longs(1)) : embedding);
                start += length;
            }
            return graph.concat(1, parts);
        }

        /** The learned [CLS] token repeated over the batch: {@code [batch, 1, d]}. */
        private ONNXRef<?> cls(ONNXRef<?> x) {
            ONNXRef<?> batch = graph.apply(OnnxOps.SLICE, graph.apply(OnnxOps.SHAPE, x), graph.longs(0), graph.longs(1));
            ONNXRef<?> shape = graph.apply(ONNXOperators.CONCAT, Map.of("axis", 0), batch, graph.longs(1, input.dim()));
            ONNXRef<?> token = graph.apply(OnnxOps.RESHAPE, tensor(graph, input.cls()), graph.longs(1, 1, input.dim()));
            return graph.apply(OnnxOps.EXPAND, token, shape);
        }

        private ONNXRef<?> columns(ONNXRef<?> x, int from, int count) {
            return graph.apply(ONNXOperators.GATHER, Map.of("axis", 1), x,
                    graph.longs(LongStream.range(from, from + count).toArray()));
        }

        private ONNXRef<?> numeric(ONNXRef<?> x, int n) {
            if (input.numericEmbedding() == TabularInputBlock.NumericEmbedding.NONE && !tokens) {
                return x;
            }
            ONNXRef<?> column = graph.apply(ONNXOperators.UNSQUEEZE, x, graph.longs(2));
            switch (input.numericEmbedding()) {
                case NONE:
                    // One token per feature: x_j * W_j + b_j.
                    return graph.apply(ONNXOperators.ADD, graph.apply(ONNXOperators.MUL, column,
                            tensor(graph, input.numericWeight())), tensor(graph, input.numericBias()));
                case PERIODIC: {
                    ONNXRef<?> angle = graph.apply(ONNXOperators.MUL, graph.apply(ONNXOperators.MUL, column,
                            tensor(graph, input.periodicFrequencies())), graph.scalar((float) (2 * Math.PI)));
                    return perFeatureLinear(graph.apply(ONNXOperators.CONCAT, Map.of("axis", 2),
                            graph.apply(OnnxOps.SIN, angle), graph.apply(OnnxOps.COS, angle)), n);
                }
                case PLE: {
                    // TabularInputBlock.pleEncode, operation for operation.
                    ONNXRef<?> constants = tensor(graph, input.pleConstants());
                    ONNXRef<?>[] c = new ONNXRef<?>[5];
                    for (int i = 0; i < 5; i++) {
                        c[i] = graph.apply(ONNXOperators.GATHER, Map.of("axis", 0), constants, graph.scalarLong(i));
                    }
                    ONNXRef<?> e = graph.apply(ONNXOperators.DIV, graph.apply(ONNXOperators.SUB, column, c[0]), c[1]);
                    e = graph.apply(ONNXOperators.ADD, e, graph.apply(ONNXOperators.MUL, c[3],
                            graph.apply(ONNXOperators.SUB, graph.apply(OnnxOps.MIN, e, graph.scalar(1f)), e)));
                    e = graph.apply(ONNXOperators.ADD, e, graph.apply(ONNXOperators.MUL, c[2],
                            graph.apply(ONNXOperators.SUB, graph.apply(OnnxOps.MAX, e, graph.scalar(0f)), e)));
                    return perFeatureLinear(graph.apply(ONNXOperators.MUL, e, c[4]), n);
                }
                default:
                    throw new IllegalStateException(input.numericEmbedding().toString());
            }
        }

        /** ReLU of a Linear per feature: {@code [batch, n, m]} through {@code [n, m, d]}, flattened to {@code [batch, n * d]}. */
        private ONNXRef<?> perFeatureLinear(ONNXRef<?> features, int n) {
            Map<String, Object> swap = Map.of("perm", new int[] {1, 0, 2});
            ONNXRef<?> product = graph.apply(OnnxOps.TRANSPOSE, swap, graph.apply(OnnxOps.MAT_MUL,
                    graph.apply(OnnxOps.TRANSPOSE, swap, features), tensor(graph, input.embeddingWeight())));
            ONNXRef<?> embedded = graph.apply(OnnxOps.RELU,
                    graph.apply(ONNXOperators.ADD, product, tensor(graph, input.embeddingBias())));
            return tokens ? embedded : graph.apply(OnnxOps.RESHAPE, embedded, graph.longs(-1, (long) n * input.dim()));
        }

        private ONNXRef<?> categorical(ONNXRef<?> x, int c) {
            long[] offsets = new long[c];
            int[] starts = input.layout().offsets();
            for (int i = 0; i < c; i++) {
                offsets[i] = starts[i];
            }
            ONNXRef<?> index = graph.apply(ONNXOperators.ADD,
                    graph.apply(ONNXOperators.CAST, Map.of("to", DataType.INT64.getNumber()), x), graph.longs(offsets));
            if (input.categorical() == TabularInputBlock.Categorical.ONEHOT) {
                ONNXRef<?> hot = graph.apply(OnnxOps.ONE_HOT, Map.of("axis", -1), index,
                        graph.longs(input.layout().totalCardinality()), graph.floats(0f, 1f));
                return graph.apply(OnnxOps.REDUCE_SUM, Map.of("keepdims", 0), hot, graph.longs(1));
            }
            ONNXRef<?> embedded = graph.apply(ONNXOperators.GATHER, Map.of("axis", 0), tensor(graph, input.table()),
                    index);
            if (tokens) {
                return graph.apply(ONNXOperators.ADD, embedded, tensor(graph, input.categoryBias()));
            }
            return graph.apply(OnnxOps.RESHAPE, embedded, graph.longs(-1, (long) c * input.dim()));
        }
    }
}
