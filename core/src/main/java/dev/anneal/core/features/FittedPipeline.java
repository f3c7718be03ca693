package dev.anneal.core.features;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.anneal.core.AnnealException;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.Table;
import dev.anneal.core.io.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The fitted transforms of every input column, in order: turns a raw {@link Table} into the
 * {@link FeatureMatrix} a model was trained on. Immutable; serialises to JSON.
 */
public record FittedPipeline(List<FittedFeature> features) {

    public FittedPipeline {
        features = List.copyOf(features);
    }

    /** Every output name, in matrix column order. */
    @JsonIgnore
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (FittedFeature feature : features) {
            names.addAll(feature.outputNames());
        }
        return names;
    }

    /** The input columns this pipeline reads. */
    @JsonIgnore
    public List<String> inputColumns() {
        return features.stream().map(FittedFeature::column).toList();
    }

    /**
     * Transforms every row of {@code table}.
     *
     * @throws AnnealException when an input column is absent or of the wrong kind
     */
    public FeatureMatrix transform(Table table) {
        List<String> names = outputNames();
        int width = denseWidth();
        float[] values = new float[Math.multiplyExact(table.rowCount(), width)];
        int offset = 0;
        SparseRows sparse = null;
        for (FittedFeature feature : features) {
            Column column = table.find(feature.column()).orElseThrow(() -> new AnnealException(
                    "the data has no column '" + feature.column() + "', which the model was trained with"));
            if (feature.sparse()) {
                SparseRows rows = feature.transformSparse(column);
                sparse = sparse == null ? rows : sparse.beside(rows);
            } else {
                feature.transform(column, values, width, offset);
                offset += feature.width();
            }
        }
        return new FeatureMatrix(values, table.rowCount(), width, names, sparse);
    }

    /** The number of dense outputs: every feature's but the sparse ones, which come last. */
    @JsonIgnore
    public int denseWidth() {
        int width = 0;
        boolean sparseSeen = false;
        for (FittedFeature feature : features) {
            if (feature.sparse()) {
                sparseSeen = true;
            } else if (sparseSeen) {
                throw new IllegalStateException("dense feature '" + feature.column() + "' follows a sparse one");
            } else {
                width += feature.width();
            }
        }
        return width;
    }

    public String toJson() {
        return Json.write(this);
    }

    public static FittedPipeline fromJson(String json) {
        try {
            return Json.mapper().readValue(json, FittedPipeline.class);
        } catch (JsonProcessingException e) {
            throw new AnnealException("not a fitted feature pipeline: " + e.getOriginalMessage());
        }
    }
}
