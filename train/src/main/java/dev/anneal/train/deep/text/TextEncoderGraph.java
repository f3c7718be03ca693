package dev.anneal.train.deep.text;

import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.norm.LayerNorm;
import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import dev.anneal.core.AnnealException;
import dev.anneal.train.deep.nets.NetworkGraph;
import dev.anneal.train.export.GraphBuilder;
import dev.anneal.train.export.OnnxOps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A trained text encoder as ONNX nodes, operation for operation as its {@code forwardInternal} computes in
 * inference mode, on a text column's token columns padded to the column's maximum length (the network
 * cuts a batch to its longest row; the masks make the extra padding change nothing). A pretrained
 * TorchScript encoder cannot be translated; its own ONNX export is spliced in instead.
 */
public final class TextEncoderGraph {

    private static final int INT64 = DataType.INT64.getNumber();
    private static final int FLOAT = DataType.FLOAT.getNumber();
    /** LayerNorm's epsilon, DJL's default, which the transformer encoder's norms use. */
    private static final float NORM_EPSILON = 1e-5f;

    private final GraphBuilder graph;

    private TextEncoderGraph(GraphBuilder graph) {
        this.graph = graph;
    }

    /**
     * The embedding {@code [batch, encoder.outputDim()]} of the float token columns {@code tokens}
     * ({@code [batch, length]}, {@code id + 1} at each token and 0 at padding).
     *
     * @throws AnnealException for an encoder that cannot be exported (pretrained)
     */
    public static ONNXRef<?> embedding(GraphBuilder graph, TextEncoder encoder, ONNXRef<?> tokens, int length) {
        TextEncoderGraph nodes = new TextEncoderGraph(graph);
        ONNXRef<?> ids = graph.apply(ONNXOperators.CAST, Map.of("to", INT64),
                graph.apply(OnnxOps.MAX, graph.apply(ONNXOperators.SUB, tokens, graph.scalar(1f)), graph.scalar(0f)));
        ONNXRef<?> mask = graph.apply(ONNXOperators.CAST, Map.of("to", FLOAT),
                graph.apply(ONNXOperators.GREATER, tokens, graph.scalar(0f)));
        if (encoder instanceof BagEncoder bag) {
            return nodes.meanUnderMask(nodes.lookup(bag.table(), ids), mask);
        }
        if (encoder instanceof CnnEncoder cnn) {
            return nodes.cnn(cnn, ids, mask, length);
        }
        if (encoder instanceof TransformerTextEncoder transformer) {
            return nodes.transformer(transformer, ids, mask, length);
        }
        if (encoder instanceof PretrainedTextEncoder pretrained) {
            return nodes.pretrained(pretrained, ids, mask);
        }
        throw new AnnealException("the " + encoder + " text encoder cannot be exported to ONNX");
    }

    /**
     * A pretrained encoder: its own ONNX export ({@code encoder.onnx} in the column's settings) spliced in,
     * fed the ids and the int64 mask; a fine-tuned one with its trained weights in place of the file's.
     */
    private ONNXRef<?> pretrained(PretrainedTextEncoder encoder, ONNXRef<?> ids, ONNXRef<?> mask) {
        Path file = encoder.onnx();
        if (file == null) {
            throw new AnnealException("the pretrained encoder " + encoder.file() + " cannot be exported to ONNX without"
                    + " its ONNX export: give encoder.onnx (torch.onnx.export of the same module, opset 17, inputs "
                    + "input_ids and attention_mask)");
        }
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new AnnealException(file + ": cannot read it as an ONNX model: " + e.getMessage(), e);
        }
        Map<String, OnnxMl.TensorProto> trained = new HashMap<>();
        if (encoder.trainable()) {
            for (Parameter weight : encoder.getDirectParameters().values()) {
                trained.put(weight.getName(), floatTensor(weight));
            }
        }
        return graph.splice(file.toString(), model, List.of(ids,
                graph.apply(ONNXOperators.CAST, Map.of("to", INT64), mask)), trained);
    }

    /** A parameter's array as an ONNX float tensor of its shape (raw little-endian data). */
    private static OnnxMl.TensorProto floatTensor(Parameter weight) {
        float[] values = weight.getArray().toFloatArray();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(weight.getName())
                .setDataType(DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(bytes.array()));
        for (long dim : weight.getArray().getShape().getShape()) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }

    /** {@code [batch, length, dim]}: the rows of {@code table} at {@code ids}. */
    private ONNXRef<?> lookup(Parameter table, ONNXRef<?> ids) {
        return graph.apply(ONNXOperators.GATHER, Map.of("axis", 0), NetworkGraph.tensor(graph, table), ids);
    }

    /** {@link TokenEmbedding#meanUnderMask}. */
    private ONNXRef<?> meanUnderMask(ONNXRef<?> values, ONNXRef<?> mask) {
        ONNXRef<?> summed = graph.apply(OnnxOps.REDUCE_SUM, Map.of("keepdims", 0),
                graph.apply(ONNXOperators.MUL, values, unsqueeze(mask, 2)), graph.longs(1));
        ONNXRef<?> count = graph.apply(OnnxOps.REDUCE_SUM, Map.of("keepdims", 1), mask, graph.longs(1));
        return graph.apply(ONNXOperators.DIV, summed, graph.apply(OnnxOps.MAX, count, graph.scalar(1f)));
    }

    private ONNXRef<?> unsqueeze(ONNXRef<?> x, long... axes) {
        return graph.apply(ONNXOperators.UNSQUEEZE, x, graph.longs(axes));
    }

    /** {@link CnnEncoder}: ReLU convolutions max-pooled over the windows that start at a token. */
    private ONNXRef<?> cnn(CnnEncoder encoder, ONNXRef<?> ids, ONNXRef<?> mask, int length) {
        // CnnEncoder's padding: the widest kernel less one after the text.
        int padded = length + encoder.widest() - 1;
        if (padded > length) {
            ONNXRef<?> pads = graph.longs(0, 0, 0, padded - length);
            ids = graph.apply(OnnxOps.PAD, ids, pads);
            mask = graph.apply(OnnxOps.PAD, mask, pads);
        }
        ONNXRef<?> embedded = graph.apply(ONNXOperators.MUL, lookup(encoder.table(), ids), unsqueeze(mask, 2));
        ONNXRef<?> channels = graph.apply(OnnxOps.TRANSPOSE, Map.of("perm", new int[] {0, 2, 1}), embedded);
        List<ONNXRef<?>> pooled = new ArrayList<>();
        for (int i = 0; i < encoder.widths().size(); i++) {
            int width = encoder.widths().get(i);
            Conv1d conv = encoder.convolutions().get(i);
            ONNXRef<?> out = graph.apply(OnnxOps.RELU, graph.apply(OnnxOps.CONV, Map.of("kernel_shape", new int[] {width}),
                    channels, NetworkGraph.tensor(graph, conv, "weight"), NetworkGraph.tensor(graph, conv, "bias")));
            ONNXRef<?> starts = graph.apply(OnnxOps.SLICE, mask, graph.longs(0), graph.longs(padded - width + 1),
                    graph.longs(1));
            pooled.add(graph.apply(OnnxOps.REDUCE_MAX, Map.of("axes", new int[] {2}, "keepdims", 0),
                    graph.apply(ONNXOperators.MUL, out, unsqueeze(starts, 1))));
        }
        return graph.concat(1, pooled);
    }

    /** {@link TransformerTextEncoder}: pre-norm layers with masked attention, final norm, pooling. */
    private ONNXRef<?> transformer(TransformerTextEncoder encoder, ONNXRef<?> ids, ONNXRef<?> mask, int length) {
        int dim = encoder.outputDim();
        int heads = encoder.heads();
        int headWidth = dim / heads;
        ONNXRef<?> positions = graph.apply(OnnxOps.SLICE, NetworkGraph.tensor(graph, encoder.positions()),
                graph.longs(0), graph.longs(length), graph.longs(0));
        ONNXRef<?> x = graph.apply(ONNXOperators.ADD, lookup(encoder.table(), ids), positions);
        // [batch, 1, 1, length]: 0 at tokens, a large negative number at padding.
        ONNXRef<?> keyMask = graph.apply(ONNXOperators.MUL, graph.apply(ONNXOperators.SUB, unsqueeze(mask, 1, 2),
                graph.scalar(1f)), graph.scalar(-TransformerTextEncoder.MASKED));
        for (TransformerTextEncoder.Layer layer : encoder.layers()) {
            ONNXRef<?> h = norm(layer.attentionNorm(), x);
            ONNXRef<?> q = splitHeads(NetworkGraph.linear(graph, layer.query(), h), heads);
            ONNXRef<?> k = splitHeads(NetworkGraph.linear(graph, layer.key(), h), heads);
            ONNXRef<?> v = splitHeads(NetworkGraph.linear(graph, layer.value(), h), heads);
            ONNXRef<?> scores = graph.apply(ONNXOperators.ADD, graph.apply(ONNXOperators.DIV, graph.apply(OnnxOps.MAT_MUL,
                    q, graph.apply(OnnxOps.TRANSPOSE, Map.of("perm", new int[] {0, 1, 3, 2}), k)),
                    graph.scalar((float) Math.sqrt(headWidth))), keyMask);
            ONNXRef<?> attended = graph.apply(OnnxOps.RESHAPE, graph.apply(OnnxOps.TRANSPOSE,
                    Map.of("perm", new int[] {0, 2, 1, 3}), graph.apply(OnnxOps.MAT_MUL,
                            graph.apply(ONNXOperators.SOFTMAX, Map.of("axis", 3), scores), v)), graph.longs(0, 0, dim));
            x = graph.apply(ONNXOperators.ADD, x, NetworkGraph.linear(graph, layer.output(), attended));
            ONNXRef<?> ffn = graph.apply(OnnxOps.RELU, NetworkGraph.linear(graph, layer.ffnIn(),
                    norm(layer.ffnNorm(), x)));
            x = graph.apply(ONNXOperators.ADD, x, NetworkGraph.linear(graph, layer.ffnOut(), ffn));
        }
        x = norm(encoder.finalNorm(), x);
        if (encoder.clsPooling()) {
            return graph.apply(ONNXOperators.GATHER, Map.of("axis", 1), x, graph.scalarLong(0));
        }
        return meanUnderMask(x, mask);
    }

    private ONNXRef<?> norm(LayerNorm norm, ONNXRef<?> x) {
        return graph.apply(OnnxOps.LAYER_NORMALIZATION, Map.of("axis", -1, "epsilon", NORM_EPSILON), x,
                NetworkGraph.tensor(graph, norm, "gamma"), NetworkGraph.tensor(graph, norm, "beta"));
    }

    /** {@code [batch, length, dim]} to {@code [batch, heads, length, dim / heads]}. */
    private ONNXRef<?> splitHeads(ONNXRef<?> x, int heads) {
        return graph.apply(OnnxOps.TRANSPOSE, Map.of("perm", new int[] {0, 2, 1, 3}),
                graph.apply(OnnxOps.RESHAPE, x, graph.longs(0, 0, heads, -1)));
    }
}
