package dev.anneal.train.export;

import ai.onnx.proto.OnnxMl;
import dev.anneal.core.AnnealException;
import dev.anneal.core.features.DateFeature;
import dev.anneal.core.features.EncodedCategoryFeature;
import dev.anneal.core.features.FittedFeature;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.core.features.NumericFeature;
import dev.anneal.core.features.NumericStep;
import dev.anneal.core.features.OneHotFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A fitted feature pipeline as ONNX nodes: one graph input per raw column (double for numeric and date,
 * NaN = missing; string for categorical, the empty string = missing) and one float {@code [batch, features]}
 * tensor equal to what {@link FittedPipeline#transform} writes, column for column.
 */
final class PreprocessingGraph {

    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    private static final int DOUBLE = OnnxMl.TensorProto.DataType.DOUBLE.getNumber();

    private final GraphBuilder graph;

    PreprocessingGraph(GraphBuilder graph) {
        this.graph = graph;
    }

    /** The feature matrix of {@code pipeline} computed from new graph inputs, one per input column. */
    ONNXRef<?> features(FittedPipeline pipeline) {
        List<ONNXRef<?>> parts = new ArrayList<>();
        for (FittedFeature feature : pipeline.features()) {
            parts.add(part(feature));
        }
        return graph.concat(1, parts);
    }

    private ONNXRef<?> part(FittedFeature feature) {
        if (feature instanceof NumericFeature numeric) {
            return numeric(graph.doubleInput(numeric.column()), numeric.step());
        }
        if (feature instanceof OneHotFeature oneHot) {
            return oneHot(oneHot);
        }
        if (feature instanceof EncodedCategoryFeature encoded) {
            return encoded(encoded);
        }
        if (feature instanceof DateFeature date) {
            return new DateGraph(graph).parts(graph.doubleInput(date.column()), date, this::numeric);
        }
        throw new AnnealException("column '" + feature.column() + "': " + feature.getClass().getSimpleName()
                + " features cannot be exported to ONNX yet");
    }

    /**
     * {@link NumericStep#apply} on a {@code [batch, 1]} tensor (float or double): the value, then the
     * indicator. Computed in double, as Java computes it, and only then rounded to float: a value far out
     * of range would otherwise round differently and, through a periodic embedding, change a prediction.
     */
    ONNXRef<?> numeric(ONNXRef<?> raw, NumericStep step) {
        ONNXRef<?> x = graph.apply(ONNXOperators.CAST, Map.of("to", DOUBLE), raw);
        ONNXRef<?> missing = graph.apply(OnnxOps.IS_NAN, x);
        ONNXRef<?> value = Double.isNaN(step.fill()) ? x
                : graph.apply(ONNXOperators.WHERE, missing, graph.doubles(step.fill()), x);
        ONNXRef<?> scaled = graph.apply(ONNXOperators.DIV,
                graph.apply(ONNXOperators.SUB, value, graph.doubles(step.center())), graph.doubles(step.scale()));
        // As in Java, a value far outside the training range stays finite instead of becoming infinity.
        ONNXRef<?> clamped = graph.apply(OnnxOps.CLIP, scaled, graph.scalarDouble(-Float.MAX_VALUE),
                graph.scalarDouble(Float.MAX_VALUE));
        ONNXRef<?> rounded = graph.apply(ONNXOperators.CAST, Map.of("to", FLOAT), clamped);
        if (!step.indicator()) {
            return rounded;
        }
        ONNXRef<?> indicator = graph.apply(ONNXOperators.CAST, Map.of("to", FLOAT), missing);
        return graph.apply(ONNXOperators.CONCAT, Map.of("axis", 1), rounded, indicator);
    }

    /**
     * One-hot as {@link OneHotFeature#transform} writes it: a level lights its column; an unseen level
     * lights {@code other} when there is one; a missing value lights {@code missing}, else {@code other};
     * an index equal to the width lights nothing.
     */
    private ONNXRef<?> oneHot(OneHotFeature feature) {
        int levels = feature.levels().size();
        int width = feature.width();
        int other = feature.otherColumn() ? levels : width;
        int missing = feature.missingColumn() ? levels + (feature.otherColumn() ? 1 : 0) : other;
        ONNXRef<?> index = lookup(graph.stringInput(feature.column()), feature.levels(), missing, other);
        ONNXRef<?> hot = graph.apply(OnnxOps.ONE_HOT, Map.of("axis", -1), index, graph.longs(width),
                graph.floats(0f, 1f));
        return graph.apply(OnnxOps.SQUEEZE, hot, graph.longs(1));
    }

    /** Looked-up values per level (the unseen row for unseen and missing levels), each through its step. */
    private ONNXRef<?> encoded(EncodedCategoryFeature feature) {
        int levels = feature.levels().size();
        int outputs = feature.suffixes().size();
        double[] table = new double[(levels + 1) * outputs];
        for (int level = 0; level <= levels; level++) {
            double[] row = level < levels ? feature.values()[level] : feature.unseen();
            System.arraycopy(row, 0, table, level * outputs, outputs);
        }
        ONNXRef<?> index = lookup(graph.stringInput(feature.column()), feature.levels(), levels, levels);
        ONNXRef<?> values = graph.apply(OnnxOps.RESHAPE, graph.doubles(table), graph.longs(levels + 1, outputs));
        ONNXRef<?> looked = graph.apply(OnnxOps.SQUEEZE, graph.apply(ONNXOperators.GATHER, Map.of("axis", 0),
                values, index), graph.longs(1));
        List<ONNXRef<?>> parts = new ArrayList<>();
        for (int j = 0; j < outputs; j++) {
            ONNXRef<?> column = outputs == 1 ? looked
                    : graph.apply(ONNXOperators.GATHER, Map.of("axis", 1), looked, graph.longs(j));
            parts.add(numeric(column, feature.steps().get(j)));
        }
        return graph.concat(1, parts);
    }

    /** int64 {@code [batch, 1]}: the index of each string among {@code levels}, {@code missing} for "", else {@code unseen}. */
    private ONNXRef<?> lookup(ONNXRef<?> strings, List<String> levels, int missing, int unseen) {
        String[] keys = new String[levels.size() + 1];
        int[] values = new int[keys.length];
        for (int i = 0; i < levels.size(); i++) {
            keys[i] = levels.get(i);
            values[i] = i;
        }
        keys[levels.size()] = "";
        values[levels.size()] = missing;
        return graph.apply(OnnxOps.LABEL_ENCODER, Map.of("keys_strings", keys, "values_int64s", values,
                "default_int64", unseen), strings);
    }
}
