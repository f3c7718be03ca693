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
        int width = names.size();
        float[] values = new float[Math.multiplyExact(table.rowCount(), width)];
        int offset = 0;
        for (FittedFeature feature : features) {
            Column column = table.find(feature.column()).orElseThrow(() -> new AnnealException(
                    "the data has no column '" + feature.column() + "', which the model was trained with"));
            feature.transform(column, values, width, offset);
            offset += feature.width();
        }
        return new FeatureMatrix(values, table.rowCount(), width, names);
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
