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
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.anneal.core.AnnealException;
import dev.anneal.train.export.GraphBuilder;
import dev.anneal.train.export.OnnxOps;
import dev.anneal.train.export.ScoreGraph;
import java.util.Map;
import java.util.stream.LongStream;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A trained flat network (the {@code mlp} and {@code resnet} families) in ONNX, block by block in
 * inference mode: the input block (numeric columns raw or through their PLE / periodic embedding,
 * category indices through the embedding table or one-hot), Linear as {@code Gemm} (DJL's weight is
 * {@code [out, in]}), batch and layer norms with their fitted statistics, ReLU, exact-erf GELU and SiLU,
 * residual blocks; dropout is the identity. A block it does not know is refused with its name.
 */
public final class NetworkGraph implements ScoreGraph {

    private final Block network;
    private final double targetMean;
    private final double targetScale;

    /** {@code network} predicts standardised values {@code (y - targetMean) / targetScale} for a regression. */
    public NetworkGraph(Block network, double targetMean, double targetScale) {
        this.network = network;
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
        if (block instanceof Linear) {
            return graph.apply(ONNXOperators.GEMM, Map.of("transB", 1), x, tensor(graph, block, "weight"),
                    tensor(graph, block, "bias"));
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

    /** A parameter of {@code block} as a float constant of its own shape. */
    static ONNXRef<?> tensor(GraphBuilder graph, Block block, String name) {
        Parameter parameter = block.getDirectParameters().get(name);
        return tensor(graph, parameter);
    }

    static ONNXRef<?> tensor(GraphBuilder graph, Parameter parameter) {
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

        InputGraph(GraphBuilder graph, TabularInputBlock input) {
            this.graph = graph;
            this.input = input;
            if (input.output() != TabularInputBlock.Output.FLAT) {
                throw new AnnealException("networks with token inputs (ft_transformer) cannot be exported to ONNX yet");
            }
        }

        ONNXRef<?> apply(ONNXRef<?> x) {
            int n = input.layout().numericCount();
            int c = input.layout().categoricalCount();
            ONNXRef<?> numeric = n == 0 ? null : numeric(columns(x, 0, n), n);
            ONNXRef<?> categorical = c == 0 ? null : categorical(columns(x, n, c), c);
            if (numeric == null || categorical == null) {
                return numeric == null ? categorical : numeric;
            }
            return graph.apply(ONNXOperators.CONCAT, Map.of("axis", 1), numeric, categorical);
        }

        private ONNXRef<?> columns(ONNXRef<?> x, int from, int count) {
            return graph.apply(ONNXOperators.GATHER, Map.of("axis", 1), x,
                    graph.longs(LongStream.range(from, from + count).toArray()));
        }

        private ONNXRef<?> numeric(ONNXRef<?> x, int n) {
            ONNXRef<?> column = graph.apply(ONNXOperators.UNSQUEEZE, x, graph.longs(2));
            switch (input.numericEmbedding()) {
                case NONE:
                    return x;
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
            return graph.apply(OnnxOps.RESHAPE, embedded, graph.longs(-1, (long) n * input.dim()));
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
            return graph.apply(OnnxOps.RESHAPE, embedded, graph.longs(-1, (long) c * input.dim()));
        }
    }
}
