package dev.anneal.core.features;

import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.config.TextConfig;
import dev.anneal.core.data.ColumnType;

/**
 * The unfitted recipe for one input column: what to do with it, before any data is seen.
 * {@link FeaturePipeline} fits it on the training rows into a {@link FittedFeature}.
 *
 * @param encode the category encoding, or {@code null} to choose by cardinality at fit time
 *     (one-hot up to {@code maxCardinality} levels, target encoding above)
 * @param fillValue the constant for {@link Imputation#CONSTANT}, else ignored
 * @param missingIndicator add a {@code column__missing} 0/1 feature when the training rows have missing values
 * @param text the settings of a text column ({@code null} for other columns)
 * @param textAsTokens a text column becomes token ids (neural encoders) rather than TF-IDF
 */
public record FeatureSpec(
        String column,
        ColumnType type,
        Imputation impute,
        double fillValue,
        boolean missingIndicator,
        Scaling scale,
        CategoryEncoding encode,
        int maxCardinality,
        TextConfig text,
        boolean textAsTokens) {

    /** One-hot columns kept per categorical column before rare levels go to {@code other}. */
    public static final int DEFAULT_MAX_CARDINALITY = 64;

    /** The recipe of a column that is not text. */
    public FeatureSpec(String column, ColumnType type, Imputation impute, double fillValue, boolean missingIndicator,
            Scaling scale, CategoryEncoding encode, int maxCardinality) {
        this(column, type, impute, fillValue, missingIndicator, scale, encode, maxCardinality, null, false);
    }

    /** The defaults for a column of {@code type} under {@code profile}, with the config's overrides applied. */
    public static FeatureSpec of(String column, ColumnType type, FeatureProfile profile, ColumnConfig overrides) {
        boolean trees = profile == FeatureProfile.TREES;
        Imputation impute = overrides.impute() != null ? overrides.impute() : trees ? Imputation.NONE : Imputation.MEDIAN;
        boolean indicator = overrides.missingIndicator() != null ? overrides.missingIndicator() : !trees;
        Scaling scale = overrides.scale() != null ? overrides.scale() : trees ? Scaling.NONE : Scaling.STANDARD;
        int maxCardinality = overrides.maxCardinality() != null ? overrides.maxCardinality() : DEFAULT_MAX_CARDINALITY;
        double fill = overrides.fillValue() != null ? overrides.fillValue() : 0.0;
        CategoryEncoding encode = overrides.encode() != null ? overrides.encode()
                : profile == FeatureProfile.NEURAL && type == ColumnType.CATEGORY ? CategoryEncoding.INDEX : null;
        TextConfig text = type == ColumnType.TEXT ? overrides.textOrDefault() : null;
        return new FeatureSpec(column, type, impute, fill, indicator, scale, encode, maxCardinality, text,
                profile == FeatureProfile.NEURAL);
    }
}
