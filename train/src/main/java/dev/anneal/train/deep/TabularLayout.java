package dev.anneal.train.deep;

import dev.anneal.core.AnnealException;
import dev.anneal.core.features.CategoryEncoding;
import dev.anneal.core.features.EncodedCategoryFeature;
import dev.anneal.core.features.FittedFeature;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.core.features.TextTokensFeature;
import dev.anneal.core.features.TfIdfFeature;
import dev.anneal.core.config.TextConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a neural feature matrix is laid out: {@code numericCount} scaled numeric columns first, then one
 * category-index column per categorical input, whose values are integers in {@code [0, cardinality)},
 * then per text column its {@code maxLength} token columns ({@code id + 1}, 0 = padding). Networks split
 * the input row there: numbers go in as they are (or through numeric embeddings), indices through
 * embeddings, tokens through a text encoder.
 *
 * @param cardinalities per categorical column, the number of distinct indices (kept levels + 1 for
 *     rare, unseen and missing)
 * @param texts the text columns, in order
 */
public record TabularLayout(int numericCount, int[] cardinalities, List<TextInput> texts) {

    /**
     * One text column's tokens: {@code maxLength} columns of ids below {@code vocabSize}, read by the
     * network through {@code encoder}.
     */
    public record TextInput(String column, int maxLength, int vocabSize, TextConfig.Encoder encoder) {
    }

    public TabularLayout {
        cardinalities = cardinalities.clone();
        texts = List.copyOf(texts);
        if (numericCount < 0) {
            throw new IllegalArgumentException("numericCount must be >= 0, got " + numericCount);
        }
        if (numericCount == 0 && cardinalities.length == 0 && texts.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one input column");
        }
    }

    /** A layout without text columns. */
    public TabularLayout(int numericCount, int[] cardinalities) {
        this(numericCount, cardinalities, List.of());
    }

    @Override
    public int[] cardinalities() {
        return cardinalities.clone();
    }

    /** The number of categorical columns. */
    public int categoricalCount() {
        return cardinalities.length;
    }

    /** The width of a feature row: numeric columns, one index column per categorical column, text tokens. */
    public int width() {
        return tabularWidth() + texts.stream().mapToInt(TextInput::maxLength).sum();
    }

    /** The numeric and category-index columns, before the text tokens. */
    public int tabularWidth() {
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
        List<TextInput> texts = new ArrayList<>();
        for (FittedFeature feature : pipeline.features()) {
            if (feature instanceof TextTokensFeature text) {
                texts.add(new TextInput(text.column(), text.tokenizer().maxLength(), text.tokenizer().vocabSize(),
                        text.encoder()));
            } else if (!texts.isEmpty()) {
                throw new AnnealException("neural features must put text last, but '" + feature.column()
                        + "' follows one");
            } else if (feature instanceof TfIdfFeature) {
                throw new AnnealException("neural networks read text as tokens, not TF-IDF ('" + feature.column() + "')");
            } else if (feature instanceof EncodedCategoryFeature encoded && encoded.encoding() == CategoryEncoding.INDEX) {
                cardinalities.add(encoded.levels().size() + 1);
            } else if (!cardinalities.isEmpty()) {
                throw new AnnealException("neural features must put category indices last, but '" + feature.column()
                        + "' follows one");
            } else {
                numeric += feature.width();
            }
        }
        return new TabularLayout(numeric, cardinalities.stream().mapToInt(Integer::intValue).toArray(), texts);
    }
}
