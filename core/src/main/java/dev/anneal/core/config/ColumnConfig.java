package dev.anneal.core.config;

import dev.anneal.core.data.ColumnType;
import dev.anneal.core.features.CategoryEncoding;
import dev.anneal.core.features.Imputation;
import dev.anneal.core.features.Scaling;

/**
 * Per-column overrides of the inferred type and of the default feature transforms.
 * Every field is optional ({@code null} = use the inferred or default choice); {@code text} holds the
 * settings of a text column.
 */
public record ColumnConfig(
        ColumnType type,
        Imputation impute,
        Double fillValue,
        Boolean missingIndicator,
        Scaling scale,
        CategoryEncoding encode,
        Integer maxCardinality,
        TextConfig text) {

    /** No overrides at all. */
    public static final ColumnConfig NONE = new ColumnConfig(null, null, null, null, null, null, null);

    /** Overrides of a column that is not text. */
    public ColumnConfig(ColumnType type, Imputation impute, Double fillValue, Boolean missingIndicator, Scaling scale,
            CategoryEncoding encode, Integer maxCardinality) {
        this(type, impute, fillValue, missingIndicator, scale, encode, maxCardinality, null);
    }

    /** The text settings, defaults where the config gave none. */
    public TextConfig textOrDefault() {
        return text == null ? TextConfig.DEFAULT : text;
    }
}
