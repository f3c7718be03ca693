package dev.anneal.train.deep;

import dev.anneal.core.AnnealException;
import dev.anneal.core.features.CategoryEncoding;
import dev.anneal.core.features.EncodedCategoryFeature;
import dev.anneal.core.features.FittedFeature;
import dev.anneal.core.features.FittedPipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a neural feature matrix is laid out: {@code numericCount} scaled numeric columns first, then one
 * category-index column per categorical input, whose values are integers in {@code [0, cardinality)}.
 * Networks split the input row there: numbers go in as they are (or through numeric embeddings),
 * indices through embeddings.
 *
 * @param cardinalities per categorical column, the number of distinct indices (kept levels + 1 for
 *     rare, unseen and missing)
 */
public record TabularLayout(int numericCount, int[] cardinalities) {

    public TabularLayout {
        cardinalities = cardinalities.clone();
        if (numericCount < 0) {
            throw new IllegalArgumentException("numericCount must be >= 0, got " + numericCount);
        }
        if (numericCount == 0 && cardinalities.length == 0) {
            throw new IllegalArgumentException("a network needs at least one input column");
        }
    }

    @Override
    public int[] cardinalities() {
        return cardinalities.clone();
    }

    /** The number of categorical columns. */
    public int categoricalCount() {
        return cardinalities.length;
    }

    /** The width of a feature row: numeric columns plus one index column per categorical column. */
    public int width() {
        return numericCount + cardinalities.length;
    }

    /** The sum of the cardinalities: the rows of one shared embedding table for all categorical columns. */
    public int totalCardinality() {
        return Arrays.stream(cardinalities).sum();
    }

    /** Where each categorical column's indices start in the shared embedding table. */
    public int[] offsets() {
        int[] offsets = new int[cardinalities.length];
        for (int i = 1; i < offsets.length; i++) {
            offsets[i] = offsets[i - 1] + cardinalities[i - 1];
        }
        return offsets;
    }

    /**
     * The layout of {@code pipeline}'s output.
     *
     * @throws AnnealException when a category-index feature comes before a numeric one (the neural
     *     profile orders them last)
     */
    public static TabularLayout of(FittedPipeline pipeline) {
        int numeric = 0;
        List<Integer> cardinalities = new ArrayList<>();
        for (FittedFeature feature : pipeline.features()) {
            if (feature instanceof EncodedCategoryFeature encoded && encoded.encoding() == CategoryEncoding.INDEX) {
                cardinalities.add(encoded.levels().size() + 1);
            } else if (!cardinalities.isEmpty()) {
                throw new AnnealException("neural features must put category indices last, but '" + feature.column()
                        + "' follows one");
            } else {
                numeric += feature.width();
            }
        }
        return new TabularLayout(numeric, cardinalities.stream().mapToInt(Integer::intValue).toArray());
    }
}
