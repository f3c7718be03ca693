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
import dev.anneal.core.features.TextTokensFeature;
import dev.anneal.core.features.TfIdfFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A fitted feature pipeline as ONNX nodes: one graph input per raw column (double for numeric and date,
 * NaN = missing; string for categorical, the empty string = missing; int64 token ids and mask for text)
 * and one float {@code [batch, features]} tensor equal to what {@link FittedPipeline#transform} writes,
 * column for column. A sparse feature's absent entries are 0, or NaN for a model that reads them as
 * missing (XGBoost).
 */
final class PreprocessingGraph {

    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    private static final int DOUBLE = OnnxMl.TensorProto.DataType.DOUBLE.getNumber();

    private final GraphBuilder graph;
    private final float absent;

    /** {@code absent}: the value of an absent entry of a sparse feature (0, or NaN for missing). */
    PreprocessingGraph(GraphBuilder graph, float absent) {
        this.graph = graph;
        this.absent = absent;
    }

    /**
     * The feature matrix of {@code pipeline} computed from new graph inputs, one per input column. The
     * numeric columns and the looked-up values of encoded categories are processed side by side in one
     * block of nodes, and the one-hot features in another (a graph's fixed cost per call grows with its node
     * count, which nodes per column made dominate small batches); one Gather then puts the columns in the
     * pipeline's order; sparse features follow.
     */
    ONNXRef<?> features(FittedPipeline pipeline) {
        // The block: the numeric columns, then the encoded categories with as many outputs each side by side.
        List<ONNXRef<?>> blockInputs = new ArrayList<>();
        List<FittedFeature> blockFeatures = new ArrayList<>();
        Map<Integer, List<EncodedCategoryFeature>> encodedByOutputs = new LinkedHashMap<>();
        for (FittedFeature feature : pipeline.features()) {
            if (feature instanceof NumericFeature) {
                blockInputs.add(graph.doubleInput(feature.column()));
                blockFeatures.add(feature);
            } else if (feature instanceof EncodedCategoryFeature encoded) {
                encodedByOutputs.computeIfAbsent(encoded.suffixes().size(), k -> new ArrayList<>()).add(encoded);
            }
        }
        for (List<EncodedCategoryFeature> encoded : encodedByOutputs.values()) {
            blockInputs.add(lookedUp(encoded));
            blockFeatures.addAll(encoded);
        }
        List<NumericStep> blockSteps = blockFeatures.stream().flatMap(feature -> blockSteps(feature).stream())
                .toList();
        List<ONNXRef<?>> parts = new ArrayList<>();
        // Each block feature's columns, per step: its value, then its indicator when it has one.
        Map<FittedFeature, List<long[]>> blockColumns = new IdentityHashMap<>();
        int at = 0;
        if (!blockSteps.isEmpty()) {
            parts.add(numeric(graph.concat(1, blockInputs), blockSteps));
            int indicator = blockSteps.size();
            for (FittedFeature feature : blockFeatures) {
                List<long[]> columns = new ArrayList<>();
                for (NumericStep step : blockSteps(feature)) {
                    columns.add(step.indicator() ? new long[] {at++, indicator++} : new long[] {at++});
                }
                blockColumns.put(feature, columns);
            }
            at = indicator;
        }
        List<OneHotFeature> oneHots = pipeline.features().stream().filter(OneHotFeature.class::isInstance)
                .map(OneHotFeature.class::cast).toList();
        Map<FittedFeature, long[]> oneHotColumns = new IdentityHashMap<>();
        if (!oneHots.isEmpty()) {
            parts.add(oneHots(oneHots));
            for (OneHotFeature oneHot : oneHots) {
                oneHotColumns.put(oneHot, range(at, oneHot.width()));
                at += oneHot.width();
            }
        }
        List<ONNXRef<?>> sparse = new ArrayList<>();
        List<long[]> order = new ArrayList<>();
        for (FittedFeature feature : pipeline.features()) {
            if (blockColumns.containsKey(feature)) {
                order.addAll(blockColumns.get(feature));
            } else if (oneHotColumns.containsKey(feature)) {
                order.add(oneHotColumns.get(feature));
            } else if (feature.sparse()) {
                sparse.add(part(feature));
            } else {
                parts.add(part(feature));
                order.add(range(at, feature.width()));
                at += feature.width();
            }
        }
        long[] permutation = order.stream().flatMapToLong(Arrays::stream).toArray();
        List<ONNXRef<?>> all = new ArrayList<>();
        if (!parts.isEmpty()) {
            ONNXRef<?> dense = graph.concat(1, parts);
            boolean identity = true;
            for (int i = 0; i < permutation.length; i++) {
                identity &= permutation[i] == i;
            }
            all.add(identity ? dense : graph.apply(ONNXOperators.GATHER, Map.of("axis", 1), dense,
                    graph.longs(permutation)));
        }
        all.addAll(sparse);
        return graph.concat(1, all);
    }

    /**
     * The steps {@code feature} runs in the numeric block: a numeric column's one, an encoded category's one
     * per output; none for the other features.
     */
    private static List<NumericStep> blockSteps(FittedFeature feature) {
        return feature instanceof NumericFeature numeric ? List.of(numeric.step())
                : feature instanceof EncodedCategoryFeature encoded ? encoded.steps() : List.of();
    }

    /** The column indexes {@code [from, from + width)}. */
    private static long[] range(int from, int width) {
        return LongStream.range(from, from + width).toArray();
    }

    private ONNXRef<?> part(FittedFeature feature) {
        if (feature instanceof DateFeature date) {
            return new DateGraph(graph).parts(graph.doubleInput(date.column()), date, this::numeric);
        }
        if (feature instanceof TextTokensFeature text) {
            return tokens(text);
        }
        if (feature instanceof TfIdfFeature tfIdf) {
            return tfIdf(tfIdf);
        }
        throw new AnnealException("column '" + feature.column() + "': " + feature.getClass().getSimpleName()
                + " features cannot be exported to ONNX yet");
    }

    /** {@link #numeric(ONNXRef, List)} of one column: the value, then the indicator. */
    ONNXRef<?> numeric(ONNXRef<?> raw, NumericStep step) {
        return numeric(raw, List.of(step));
    }

    /**
     * {@link NumericStep#apply} on a {@code [batch, k]} tensor (float or double), column {@code j} through
     * {@code steps[j]}: the {@code k} values, then the missing indicators of the columns whose step has one,
     * in column order. Computed in double, as Java computes it, and only then rounded to float: a value far
     * out of range would otherwise round differently and, through a periodic embedding, change a prediction.
     */
    ONNXRef<?> numeric(ONNXRef<?> raw, List<NumericStep> steps) {
        int k = steps.size();
        double[] fills = steps.stream().mapToDouble(NumericStep::fill).toArray();
        double[] centers = steps.stream().mapToDouble(NumericStep::center).toArray();
        double[] scales = steps.stream().mapToDouble(NumericStep::scale).toArray();
        long[] indicators = IntStream.range(0, k).filter(j -> steps.get(j).indicator()).asLongStream().toArray();
        ONNXRef<?> x = graph.apply(ONNXOperators.CAST, Map.of("to", DOUBLE), raw);
        // A NaN fill (no imputation) keeps the NaN, as Java does.
        boolean imputes = !Arrays.stream(fills).allMatch(Double::isNaN);
        // Only made when used: ONNX Runtime runs a node whose output nothing reads.
        ONNXRef<?> missing = imputes || indicators.length > 0 ? graph.apply(OnnxOps.IS_NAN, x) : null;
        ONNXRef<?> value = imputes ? graph.apply(ONNXOperators.WHERE, missing, graph.doubles(fills), x) : x;
        ONNXRef<?> scaled = graph.apply(ONNXOperators.DIV,
                graph.apply(ONNXOperators.SUB, value, graph.doubles(centers)), graph.doubles(scales));
        // As in Java, a value far outside the training range stays finite instead of becoming infinity.
        ONNXRef<?> clamped = graph.apply(OnnxOps.CLIP, scaled, graph.scalarDouble(-Float.MAX_VALUE),
                graph.scalarDouble(Float.MAX_VALUE));
        ONNXRef<?> rounded = graph.apply(ONNXOperators.CAST, Map.of("to", FLOAT), clamped);
        if (indicators.length == 0) {
            return rounded;
        }
        ONNXRef<?> flagged = indicators.length == k ? missing
                : graph.apply(ONNXOperators.GATHER, Map.of("axis", 1), missing, graph.longs(indicators));
        ONNXRef<?> flags = graph.apply(ONNXOperators.CAST, Map.of("to", FLOAT), flagged);
        return graph.apply(ONNXOperators.CONCAT, Map.of("axis", 1), rounded, flags);
    }

    /**
     * Every one-hot feature side by side, each as {@link OneHotFeature#transform} writes it: a level lights
     * its column; an unseen level lights {@code other} when there is one; a missing value lights
     * {@code missing}, else {@code other}; otherwise nothing. Each column's index is shifted past the widths
     * of the features before it (an index equal to the total width lights nothing), then one OneHot over
     * all the columns and a sum over them: three nodes per column before.
     */
    private ONNXRef<?> oneHots(List<OneHotFeature> features) {
        int depth = features.stream().mapToInt(OneHotFeature::width).sum();
        List<ONNXRef<?>> indexes = new ArrayList<>();
        int first = 0;
        for (OneHotFeature feature : features) {
            int levels = feature.levels().size();
            int other = feature.otherColumn() ? first + levels : depth;
            int missing = feature.missingColumn() ? first + levels + (feature.otherColumn() ? 1 : 0) : other;
            indexes.add(lookup(graph.stringInput(feature.column()), feature.levels(), first, missing, other));
            first += feature.width();
        }
        ONNXRef<?> index = graph.concat(1, indexes);
        ONNXRef<?> hot = graph.apply(OnnxOps.ONE_HOT, Map.of("axis", -1), index, graph.longs(depth),
                graph.floats(0f, 1f));
        return graph.apply(OnnxOps.REDUCE_SUM, Map.of("keepdims", 0), hot, graph.longs(1));
    }

    /**
     * The raw values of encoded categories with as many outputs each, looked up per level, side by side:
     * {@code [batch, outputs]} double per feature (the unseen row for unseen and missing levels), before their
     * steps, which the numeric block applies. Each feature's LabelEncoder shifts its level index past the
     * table rows of the features before it, and one Gather reads all of them: three nodes per column before.
     */
    private ONNXRef<?> lookedUp(List<EncodedCategoryFeature> features) {
        int outputs = features.get(0).suffixes().size();
        List<ONNXRef<?>> indexes = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (EncodedCategoryFeature feature : features) {
            int levels = feature.levels().size();
            int first = rows.size();
            indexes.add(lookup(graph.stringInput(feature.column()), feature.levels(), first, first + levels,
                    first + levels));
            rows.addAll(Arrays.asList(feature.values()).subList(0, levels));
            rows.add(feature.unseen());
        }
        double[] table = rows.stream().flatMapToDouble(Arrays::stream).toArray();
        ONNXRef<?> values = graph.apply(OnnxOps.RESHAPE, graph.doubles(table), graph.longs(rows.size(), outputs));
        ONNXRef<?> index = graph.concat(1, indexes);
        return graph.apply(OnnxOps.FLATTEN, Map.of("axis", 1),
                graph.apply(ONNXOperators.GATHER, Map.of("axis", 0), values, index));
    }

    /**
     * int64 {@code [batch, 1]}: {@code first} plus the index of each string among {@code levels},
     * {@code missing} for "", else {@code unseen}.
     */
    private ONNXRef<?> lookup(ONNXRef<?> strings, List<String> levels, int first, int missing, int unseen) {
        String[] keys = new String[levels.size() + 1];
        int[] values = new int[keys.length];
        for (int i = 0; i < levels.size(); i++) {
            keys[i] = levels.get(i);
            values[i] = first + i;
        }
        keys[levels.size()] = "";
        values[levels.size()] = missing;
        return graph.apply(OnnxOps.LABEL_ENCODER, Map.of("keys_strings", keys, "values_int64s", values,
                "default_int64", unseen), strings);
    }

    /**
     * {@link TextTokensFeature#transform}: {@code id + 1} at each token and 0 at padding, as float, cut or
     * padded to the column's maximum length.
     */
    private ONNXRef<?> tokens(TextTokensFeature feature) {
        GraphBuilder.TokenInputs in = graph.tokenInputs(feature.column());
        int length = feature.tokenizer().maxLength();
        ONNXRef<?> shifted = graph.apply(ONNXOperators.MUL, graph.apply(ONNXOperators.ADD, in.ids(),
                graph.scalarLong(1)), in.mask());
        ONNXRef<?> cut = graph.apply(OnnxOps.SLICE, shifted, graph.longs(0), graph.longs(length), graph.longs(1));
        ONNXRef<?> have = graph.apply(OnnxOps.SLICE, graph.apply(OnnxOps.SHAPE, cut), graph.longs(1), graph.longs(2));
        ONNXRef<?> pads = graph.apply(ONNXOperators.CONCAT, Map.of("axis", 0), graph.longs(0, 0, 0),
                graph.apply(ONNXOperators.SUB, graph.longs(length), have));
        return graph.apply(ONNXOperators.CAST, Map.of("to", FLOAT), graph.apply(OnnxOps.PAD, cut, pads));
    }

    /**
     * {@link TfIdfFeature#transformSparse}: the counts of the kept n-grams (ONNX's TfIdfVectorizer over the
     * token ids, padding made -1 so that it never matches), {@code 1 + ln(count)} when sublinear, times the
     * idf, scaled to unit L2 norm; computed in double as Java computes it, then rounded to float.
     */
    private ONNXRef<?> tfIdf(TfIdfFeature feature) {
        int[][] ngrams = feature.ngrams();
        if (ngrams.length == 0) {
            throw new AnnealException("column '" + feature.column() + "': TF-IDF kept no n-gram, nothing to export");
        }
        List<Integer> pool = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        int[] starts = new int[feature.maxGram()];
        for (int gram = 1; gram <= feature.maxGram(); gram++) {
            starts[gram - 1] = pool.size();
            for (int i = 0; i < ngrams.length; i++) {
                if (ngrams[i].length == gram) {
                    for (int id : ngrams[i]) {
                        pool.add(id);
                    }
                    indexes.add(i);
                }
            }
        }
        GraphBuilder.TokenInputs in = graph.tokenInputs(feature.column());
        ONNXRef<?> ids = graph.apply(ONNXOperators.WHERE, graph.apply(OnnxOps.EQUAL, in.mask(), graph.scalarLong(0)),
                graph.scalarLong(-1), in.ids());
        ONNXRef<?> counts = graph.apply(ONNXOperators.CAST, Map.of("to", DOUBLE), graph.apply(OnnxOps.TF_IDF_VECTORIZER,
                Map.of("mode", "TF", "min_gram_length", 1, "max_gram_length", feature.maxGram(), "max_skip_count", 0,
                        "ngram_counts", starts, "ngram_indexes", indexes.stream().mapToInt(Integer::intValue).toArray(),
                        "pool_int64s", pool.stream().mapToInt(Integer::intValue).toArray()), ids));
        ONNXRef<?> tf = !feature.sublinearTf() ? counts : graph.apply(ONNXOperators.WHERE,
                graph.apply(ONNXOperators.GREATER, counts, graph.doubles(0)),
                graph.apply(ONNXOperators.ADD, graph.doubles(1), graph.apply(OnnxOps.LOG, counts)), graph.doubles(0));
        ONNXRef<?> weights = graph.apply(ONNXOperators.MUL, tf, graph.doubles(feature.idf()));
        ONNXRef<?> norm = graph.apply(OnnxOps.SQRT, graph.apply(OnnxOps.REDUCE_SUM_SQUARE,
                Map.of("axes", new int[] {1}, "keepdims", 1), weights));
        // A row without any kept n-gram has norm 0 and stays all 0, as in Java.
        ONNXRef<?> scaled = graph.apply(ONNXOperators.CAST, Map.of("to", FLOAT), graph.apply(ONNXOperators.DIV,
                weights, graph.apply(OnnxOps.MAX, norm, graph.doubles(Double.MIN_VALUE))));
        if (absent == 0f) {
            return scaled;
        }
        return graph.apply(ONNXOperators.WHERE, graph.apply(OnnxOps.EQUAL, scaled, graph.scalar(0f)),
                graph.scalar(absent), scaled);
    }
}
