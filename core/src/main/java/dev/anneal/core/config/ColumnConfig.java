package dev.anneal.core.config;

import dev.anneal.core.data.ColumnType;
import dev.anneal.core.features.CategoryEncoding;
import dev.anneal.core.features.Imputation;
import dev.anneal.core.features.Scaling;

/**
 * Per-column overrides of the inferred type and of the default feature transforms.
 * Every field is optional ({@code null} = use the inferred or default choice).
 */
public record ColumnConfig(
        ColumnType type,
        Imputation impute,
        Double fillValue,
        Boolean missingIndicator,
        Scaling scale,
        CategoryEncoding encode,
        Integer maxCardinality) {

    /** No overrides at all. */
    public static final ColumnConfig NONE = new ColumnConfig(null, null, null, null, null, null, null);
}
