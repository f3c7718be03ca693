package dev.anneal.core.features;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.anneal.core.data.Column;
import java.util.List;

/**
 * The fitted, immutable transform of one input column into one or more named float features.
 * Only fitted objects transform; they serialise to JSON so that the model bundle carries them to the
 * server and both run the same code. Transforming never fails on unseen values.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NumericFeature.class, name = "numeric"),
    @JsonSubTypes.Type(value = OneHotFeature.class, name = "onehot"),
    @JsonSubTypes.Type(value = EncodedCategoryFeature.class, name = "encoded_category"),
    @JsonSubTypes.Type(value = DateFeature.class, name = "date_parts"),
    @JsonSubTypes.Type(value = TextTokensFeature.class, name = "text_tokens"),
    @JsonSubTypes.Type(value = TfIdfFeature.class, name = "tfidf"),
})
public sealed interface FittedFeature permits NumericFeature, OneHotFeature, EncodedCategoryFeature, DateFeature,
        TextTokensFeature, TfIdfFeature {

    /** The input column this feature reads. */
    String column();

    /** The names of the outputs, {@code column__part}, in output order. */
    @JsonIgnore
    List<String> outputNames();

    /** The number of outputs. */
    @JsonIgnore
    default int width() {
        return outputNames().size();
    }

    /**
     * Writes the outputs of every row of {@code input}: row {@code r}'s first output goes to
     * {@code out[r * stride + offset]}.
     *
     * @throws dev.anneal.core.AnnealException when {@code input} is not of the kind this feature was fitted on
     */
    void transform(Column input, float[] out, int stride, int offset);

    /** Whether the outputs are wide and mostly zero, so that they travel as {@link SparseRows}. */
    @JsonIgnore
    default boolean sparse() {
        return false;
    }

    /**
     * The outputs of every row of {@code input} as sparse rows; only for a {@link #sparse()} feature.
     *
     * @throws UnsupportedOperationException for a dense feature
     */
    default SparseRows transformSparse(Column input) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is dense");
    }
}
