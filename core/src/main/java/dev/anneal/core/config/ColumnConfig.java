package dev.anneal.core.config;

import dev.anneal.core.data.ColumnType;
import dev.anneal.core.features.CategoryEncoding;
import dev.anneal.core.features.Imputation;
import dev.anneal.core.features.Scaling;

/**
 * Per-column overrides of the inferred type and of the default feature transforms.
 * Every field is optional ({@code null} = use the inferred or default choice); {@code text} holds the
 * settings of a text column, and {@code privacy} says whether the column holds personal data to drop or
 * hash as soon as it is read.
 */
public record ColumnConfig(
        ColumnType type,
        Imputation impute,
        Double fillValue,
        Boolean missingIndicator,
        Scaling scale,
        CategoryEncoding encode,
        Integer maxCardinality,
        TextConfig text,
        Privacy privacy) {

    /** No overrides at all. */
    public static final ColumnConfig NONE = new ColumnConfig(null, null, null, null, null, null, null);

    /** Overrides of a column that is neither text nor personal data. */
    public ColumnConfig(ColumnType type, Imputation impute, Double fillValue, Boolean missingIndicator, Scaling scale,
            CategoryEncoding encode, Integer maxCardinality) {
        this(type, impute, fillValue, missingIndicator, scale, encode, maxCardinality, null, null);
    }

    /**
     * The type the column is read as: {@link ColumnType#ID} for a column with a {@code privacy} setting
     * (its values are kept as text, so that {@code 007} is hashed as {@code 007}, and it is never a
     * feature), otherwise the declared type, {@code null} when the type is to be inferred.
     */
    public ColumnType readType() {
        return privacy != null ? ColumnType.ID : type;
    }

    /** The text settings, defaults where the config gave none. */
    public TextConfig textOrDefault() {
        return text == null ? TextConfig.DEFAULT : text;
    }
}
