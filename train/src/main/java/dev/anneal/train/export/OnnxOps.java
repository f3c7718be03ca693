package dev.anneal.train.export;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators anneal's exporters use that tribuo-util-onnx's own {@code ONNXOperators} lacks,
 * at the opsets every exported model declares: {@value #OPSET} for the default domain and
 * {@value #ML_OPSET} for {@code ai.onnx.ml}.
 */
public enum OnnxOps implements ONNXOperator {
    IS_NAN("IsNaN", 1, 0),
    FLOOR("Floor", 1, 0),
    SHAPE("Shape", 1, 0),
    /** Slice-13: starts, ends, then optional axes and steps, all inputs. */
    SLICE("Slice", 3, 2),
    EXPAND("Expand", 2, 0),
    RELU("Relu", 1, 0),
    ERF("Erf", 1, 0),
    SIN("Sin", 1, 0),
    COS("Cos", 1, 0),
    MIN("Min", 2, 0),
    MAX("Max", 2, 0),
    MAT_MUL("MatMul", 2, 0),
    /** Reshape-14: the shape is an input. */
    RESHAPE("Reshape", 2, 0),
    TRANSPOSE("Transpose", 1, 0, attribute("perm", AttributeType.INTS)),
    /** Flatten-13: {@code [d0, ..., dn]} to {@code [d0 * ... * d(axis-1), d(axis) * ... * dn]}. */
    FLATTEN("Flatten", 1, 0, attribute("axis", AttributeType.INT)),
    BATCH_NORMALIZATION("BatchNormalization", 5, 0, attribute("epsilon", AttributeType.FLOAT)),
    LAYER_NORMALIZATION("LayerNormalization", 2, 1, attribute("axis", AttributeType.INT),
            attribute("epsilon", AttributeType.FLOAT)),
    /** ReduceSum-13: the axes are an input. */
    REDUCE_SUM("ReduceSum", 1, 1, attribute("keepdims", AttributeType.INT)),
    /** Clip-13: the bounds are optional inputs. */
    CLIP("Clip", 1, 2),
    /** OneHot-11: indices, depth, [off, on] values; the new axis is the last. */
    ONE_HOT("OneHot", 3, 0, attribute("axis", AttributeType.INT)),
    /** Squeeze-13: the axes are an input. */
    SQUEEZE("Squeeze", 1, 1),
    ARG_MAX("ArgMax", 1, 0, attribute("axis", AttributeType.INT), attribute("keepdims", AttributeType.INT)),
    EQUAL("Equal", 2, 0),
    LOG("Log", 1, 0),
    SQRT("Sqrt", 1, 0),
    /** Pad-13: data, pads ({@code [begin..., end...]}), optional constant value. */
    PAD("Pad", 2, 1),
    /** ReduceMax-13: the axes are an attribute. */
    REDUCE_MAX("ReduceMax", 1, 0, attribute("axes", AttributeType.INTS), attribute("keepdims", AttributeType.INT)),
    /** ReduceSumSquare-13: the axes are an attribute. */
    REDUCE_SUM_SQUARE("ReduceSumSquare", 1, 0, attribute("axes", AttributeType.INTS),
            attribute("keepdims", AttributeType.INT)),
    /** Conv-11: input, weight, optional bias; no padding, stride 1 unless attributes say otherwise. */
    CONV("Conv", 2, 1, attribute("kernel_shape", AttributeType.INTS)),
    /** TfIdfVectorizer-9: counts of the n-grams of a pool in each row of int64 tokens. */
    TF_IDF_VECTORIZER("TfIdfVectorizer", 1, 0, attribute("mode", AttributeType.STRING),
            attribute("min_gram_length", AttributeType.INT), attribute("max_gram_length", AttributeType.INT),
            attribute("max_skip_count", AttributeType.INT), attribute("ngram_counts", AttributeType.INTS),
            attribute("ngram_indexes", AttributeType.INTS), attribute("pool_int64s", AttributeType.INTS)),
    /** ai.onnx.ml LabelEncoder-2: a lookup table from strings or integers to integers, floats or strings. */
    LABEL_ENCODER("LabelEncoder", 1, 0, "ai.onnx.ml",
            attribute("keys_strings", AttributeType.STRINGS), attribute("keys_int64s", AttributeType.INTS),
            attribute("values_int64s", AttributeType.INTS), attribute("values_strings", AttributeType.STRINGS),
            attribute("default_int64", AttributeType.INT), attribute("default_string", AttributeType.STRING)),
    /** ai.onnx.ml TreeEnsembleRegressor-3: sums the leaves of many trees into {@code n_targets} scores. */
    TREE_ENSEMBLE_REGRESSOR("TreeEnsembleRegressor", 1, 0, "ai.onnx.ml",
            attribute("nodes_treeids", AttributeType.INTS), attribute("nodes_nodeids", AttributeType.INTS),
            attribute("nodes_featureids", AttributeType.INTS), attribute("nodes_values", AttributeType.FLOATS),
            attribute("nodes_modes", AttributeType.STRINGS), attribute("nodes_truenodeids", AttributeType.INTS),
            attribute("nodes_falsenodeids", AttributeType.INTS),
            attribute("nodes_missing_value_tracks_true", AttributeType.INTS),
            attribute("target_treeids", AttributeType.INTS), attribute("target_nodeids", AttributeType.INTS),
            attribute("target_ids", AttributeType.INTS), attribute("target_weights", AttributeType.FLOATS),
            attribute("n_targets", AttributeType.INT), attribute("aggregate_function", AttributeType.STRING),
            attribute("base_values", AttributeType.FLOATS), attribute("post_transform", AttributeType.STRING));

    /** The default domain's opset of every exported model. */
    public static final int OPSET = 17;
    /** The {@code ai.onnx.ml} opset of every exported model. */
    public static final int ML_OPSET = 3;

    private final String name;
    private final int inputs;
    private final int optionalInputs;
    private final String domain;
    private final Map<String, ONNXAttribute> attributes = new LinkedHashMap<>();

    OnnxOps(String name, int inputs, int optionalInputs, ONNXAttribute... attributes) {
        this(name, inputs, optionalInputs, "", attributes);
    }

    OnnxOps(String name, int inputs, int optionalInputs, String domain, ONNXAttribute... attributes) {
        this.name = name;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        this.domain = domain;
        for (ONNXAttribute attribute : attributes) {
            this.attributes.put(attribute.getName(), attribute);
        }
    }

    private static ONNXAttribute attribute(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
    }

    @Override
    public String getOpName() {
        return name;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return Collections.unmodifiableMap(attributes);
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return new TreeSet<>();
    }

    @Override
    public int getOpVersion() {
        return domain.isEmpty() ? OPSET : ML_OPSET;
    }

    @Override
    public String getOpDomain() {
        return domain;
    }
}
