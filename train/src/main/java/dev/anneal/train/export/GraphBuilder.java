package dev.anneal.train.export;

import ai.onnx.proto.OnnxMl;
import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.GraphInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A thin layer over tribuo-util-onnx's {@link ONNXContext} for anneal's exporters: short node names
 * (chained names made most of a deep graph's file), string inputs, named graph outputs of any element
 * type and shape, and the finished {@code ModelProto} at anneal's opsets.
 */
public final class GraphBuilder {

    private final ONNXContext context = new ONNXContext();
    private final List<String> stringInputs = new ArrayList<>();
    private final List<String> doubleInputs = new ArrayList<>();
    private final Map<String, String> tokenInputs = new LinkedHashMap<>();
    private final List<OnnxMl.NodeProto> splicedNodes = new ArrayList<>();
    private final List<OnnxMl.TensorProto> splicedInitializers = new ArrayList<>();
    /** Stand-in inputs for values that spliced nodes compute; dropped from the graph's inputs. */
    private final Set<String> splicedValues = new HashSet<>();
    private final Map<String, OnnxMl.ValueInfoProto> outputs = new LinkedHashMap<>();
    private final Map<String, String> outputNames = new LinkedHashMap<>();

    public GraphBuilder(String name) {
        context.setName(name);
    }

    /**
     * A raw numeric or date column: double {@code [batch, 1]} (a date as epoch seconds, UTC), NaN = missing.
     * Not float: float would round away a column such as a longitude (a spread of 0.03 around -93.6)
     * before it is standardised.
     */
    public ONNXRef<?> doubleInput(String column) {
        ONNXPlaceholder input = context.floatInput(column, 1);
        doubleInputs.add(column);
        return input;
    }

    /** A double scalar (rank 0) of a value a float holds exactly (such as the float range's bounds). */
    public ONNXRef<?> scalarDouble(double value) {
        return context.operation(ONNXOperators.CAST, List.of(context.constant("c", (float) value)),
                "n", Map.of("to", OnnxMl.TensorProto.DataType.DOUBLE.getNumber()));
    }

    /** Double constants (a rank-1 tensor), for arithmetic that float would round. */
    public ONNXRef<?> doubles(double... values) {
        return context.array("c", values, false);
    }

    /** A raw categorical column: string {@code [batch, 1]}, the empty string = missing. */
    public ONNXRef<?> stringInput(String column) {
        ONNXPlaceholder input = context.floatInput(column, 1);
        stringInputs.add(column);
        return input;
    }

    /**
     * A text column's token ids and their mask (1 at a token, 0 at padding): two int64 {@code [batch,
     * tokens]} inputs, named {@code column} and {@code GraphInputs.maskName(column)}, whose length varies.
     */
    public TokenInputs tokenInputs(String column) {
        String mask = GraphInputs.maskName(column);
        ONNXPlaceholder ids = context.floatInput(column, 1);
        ONNXPlaceholder present = context.floatInput(mask, 1);
        tokenInputs.put(column, column + "_tokens");
        tokenInputs.put(mask, column + "_tokens");
        return new TokenInputs(ids, present);
    }

    /** The two inputs of a text column: int64 {@code [batch, tokens]} token ids and mask. */
    public record TokenInputs(ONNXRef<?> ids, ONNXRef<?> mask) {
    }

    /**
     * Adds the nodes of another ONNX graph (say a pretrained encoder exported by PyTorch) to this one, fed
     * by {@code inputs} in the order of its graph inputs, and returns its single output. Every name of
     * {@code model} gets a prefix of its own ({@code spliced0_}, ...), and {@code initializers} replace the model's initializers of the
     * same name (fine-tuned weights). The model must import the default domain at opset {@value
     * OnnxOps#OPSET} only, and hold no subgraphs.
     *
     * @throws AnnealException when the model breaks any of these, naming {@code source}
     */
    public ONNXRef<?> splice(String source, OnnxMl.ModelProto model, List<ONNXRef<?>> inputs,
            Map<String, OnnxMl.TensorProto> initializers) {
        String prefix = "spliced" + splicedValues.size() + "_";
        for (OnnxMl.OperatorSetIdProto opset : model.getOpsetImportList()) {
            if (!opset.getDomain().isEmpty() || opset.getVersion() != OnnxOps.OPSET) {
                throw new AnnealException(source + ": imports opset " + opset.getVersion() + " of domain '"
                        + opset.getDomain() + "'; export it with opset_version=" + OnnxOps.OPSET + " (default domain only)");
            }
        }
        OnnxMl.GraphProto other = model.getGraph();
        Set<String> weights = new HashSet<>();
        other.getInitializerList().forEach(tensor -> weights.add(tensor.getName()));
        List<String> feeds = other.getInputList().stream().map(OnnxMl.ValueInfoProto::getName)
                .filter(name -> !weights.contains(name)).toList();
        if (feeds.size() != inputs.size() || other.getOutputCount() != 1) {
            throw new AnnealException(source + ": has inputs " + feeds + " and " + other.getOutputCount()
                    + " outputs; expected " + inputs.size() + " inputs and one output");
        }
        for (String name : initializers.keySet()) {
            if (!weights.contains(name)) {
                throw new AnnealException(source + ": has no initializer '" + name + "' for the fine-tuned weight of that "
                        + "name (export with do_constant_folding=False, so that parameters keep their names)");
            }
        }
        Map<String, String> renamed = new HashMap<>();
        for (int i = 0; i < feeds.size(); i++) {
            renamed.put(feeds.get(i), inputs.get(i).getReference());
        }
        UnaryOperator<String> name = value -> value.isEmpty() ? value
                : renamed.getOrDefault(value, prefix + value);
        for (OnnxMl.NodeProto node : other.getNodeList()) {
            if (node.getAttributeList().stream().anyMatch(a -> a.hasG() || a.getGraphsCount() > 0)) {
                throw new AnnealException(source + ": node '" + node.getName() + "' (" + node.getOpType()
                        + ") holds a subgraph, which anneal cannot splice");
            }
            OnnxMl.NodeProto.Builder copy = node.toBuilder().setName(prefix + node.getName());
            for (int i = 0; i < node.getInputCount(); i++) {
                copy.setInput(i, name.apply(node.getInput(i)));
            }
            for (int i = 0; i < node.getOutputCount(); i++) {
                copy.setOutput(i, name.apply(node.getOutput(i)));
            }
            splicedNodes.add(copy.build());
        }
        for (OnnxMl.TensorProto tensor : other.getInitializerList()) {
            OnnxMl.TensorProto replacement = initializers.get(tensor.getName());
            splicedInitializers.add((replacement != null ? replacement : tensor).toBuilder()
                    .setName(prefix + tensor.getName()).build());
        }
        String output = name.apply(other.getOutput(0).getName());
        splicedValues.add(output);
        return context.floatInput(output, 1);
    }

    /** The output of {@code op} applied to {@code inputs}. */
    public ONNXRef<?> apply(ONNXOperator op, Map<String, Object> attributes, ONNXRef<?>... inputs) {
        return context.operation(op, Arrays.asList(inputs), "n", attributes);
    }

    public ONNXRef<?> apply(ONNXOperator op, ONNXRef<?>... inputs) {
        return apply(op, Map.of(), inputs);
    }

    /** {@code parts} side by side along {@code axis}; a single part as it is. */
    public ONNXRef<?> concat(int axis, List<ONNXRef<?>> parts) {
        return parts.size() == 1 ? parts.get(0)
                : apply(ONNXOperators.CONCAT, Map.of("axis", axis), parts.toArray(ONNXRef<?>[]::new));
    }

    /** A float scalar (rank 0). */
    public ONNXRef<?> scalar(float value) {
        return context.constant("c", value);
    }

    public ONNXRef<?> floats(float... values) {
        return context.array("c", values);
    }

    /** A float constant of the given shape (row-major values). */
    public ONNXRef<?> floats(float[] values, int... shape) {
        List<Integer> dims = Arrays.stream(shape).boxed().toList();
        return context.floatTensor("c", dims, buffer -> buffer.put(values));
    }

    /** An int64 scalar (rank 0). */
    public ONNXRef<?> scalarLong(long value) {
        return context.constant("c", value);
    }

    public ONNXRef<?> longs(long... values) {
        return context.array("c", values);
    }

    /** Makes {@code value} a graph output called {@code name}: float, int64 or string, {@code [batch]} or {@code [batch, width]}. */
    public void output(String name, ONNXRef<?> value, OnnxMl.TensorProto.DataType type, int width) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        if (width > 0) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width));
        }
        OnnxMl.TypeProto tensor = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(type.getNumber()).setShape(shape)).build();
        outputs.put(name, OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(tensor).build());
        outputNames.put(value.getReference(), name);
    }

    /** {@code nodes} ordered so that each comes after the nodes that compute its inputs, as ONNX requires. */
    private static List<OnnxMl.NodeProto> topologicalOrder(List<OnnxMl.NodeProto> nodes, OnnxMl.GraphProto.Builder graph) {
        Set<String> known = new HashSet<>();
        graph.getInputList().forEach(input -> known.add(input.getName()));
        graph.getInitializerList().forEach(tensor -> known.add(tensor.getName()));
        known.add("");
        List<OnnxMl.NodeProto> ordered = new ArrayList<>(nodes.size());
        List<OnnxMl.NodeProto> waiting = new ArrayList<>(nodes);
        while (!waiting.isEmpty()) {
            int before = waiting.size();
            for (Iterator<OnnxMl.NodeProto> it = waiting.iterator(); it.hasNext();) {
                OnnxMl.NodeProto node = it.next();
                if (known.containsAll(node.getInputList())) {
                    ordered.add(node);
                    known.addAll(node.getOutputList());
                    it.remove();
                }
            }
            if (waiting.size() == before) {
                throw new AnnealException("the exported graph has a cycle or a missing value at node '"
                        + waiting.get(0).getName() + "' (" + waiting.get(0).getOpType() + ")");
            }
        }
        return ordered;
    }

    /** The finished model, with {@code metadata} as its {@code metadata_props}. */
    public OnnxMl.ModelProto build(Map<String, String> metadata) {
        OnnxMl.GraphProto.Builder graph = context.buildGraph().toBuilder();
        for (int i = 0; i < graph.getInputCount(); i++) {
            OnnxMl.ValueInfoProto input = graph.getInput(i);
            OnnxMl.TensorProto.DataType retype = stringInputs.contains(input.getName()) ? OnnxMl.TensorProto.DataType.STRING
                    : doubleInputs.contains(input.getName()) ? OnnxMl.TensorProto.DataType.DOUBLE : null;
            String length = tokenInputs.get(input.getName());
            if (length != null) {
                retype = OnnxMl.TensorProto.DataType.INT64;
            }
            if (retype != null) {
                OnnxMl.TypeProto.Builder type = input.getType().toBuilder();
                type.getTensorTypeBuilder().setElemType(retype.getNumber());
                if (length != null) {
                    type.getTensorTypeBuilder().getShapeBuilder().getDimBuilder(1).clearDimValue().setDimParam(length);
                }
                graph.setInput(i, input.toBuilder().setType(type));
            }
        }
        for (int i = 0; i < graph.getNodeCount(); i++) {
            OnnxMl.NodeProto.Builder node = graph.getNodeBuilder(i);
            for (int j = 0; j < node.getInputCount(); j++) {
                node.setInput(j, outputNames.getOrDefault(node.getInput(j), node.getInput(j)));
            }
            for (int j = 0; j < node.getOutputCount(); j++) {
                node.setOutput(j, outputNames.getOrDefault(node.getOutput(j), node.getOutput(j)));
            }
        }
        graph.addAllOutput(outputs.values());
        if (!splicedNodes.isEmpty()) {
            for (int i = graph.getInputCount() - 1; i >= 0; i--) {
                if (splicedValues.contains(graph.getInput(i).getName())) {
                    graph.removeInput(i);
                }
            }
            graph.addAllInitializer(splicedInitializers);
            List<OnnxMl.NodeProto> nodes = new ArrayList<>(graph.getNodeList());
            nodes.addAll(splicedNodes);
            graph.clearNode().addAllNode(topologicalOrder(nodes, graph));
        }
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("anneal")
                .setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxOps.OPSET))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml")
                        .setVersion(OnnxOps.ML_OPSET));
        metadata.forEach((key, value) -> model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build();
    }
}
