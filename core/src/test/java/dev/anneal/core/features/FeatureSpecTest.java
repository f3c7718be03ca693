package dev.anneal.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.data.ColumnType;
import org.junit.jupiter.api.Test;

/** The defaults of each {@link FeatureProfile}, and the config's overrides. */
class FeatureSpecTest {

    @Test
    void treesLeaveValuesMissingAndUnscaled() {
        assertEquals(new FeatureSpec("x", ColumnType.NUMERIC, Imputation.NONE, 0.0, false, Scaling.NONE, null, 64),
                FeatureSpec.of("x", ColumnType.NUMERIC, FeatureProfile.TREES, ColumnConfig.NONE));
    }

    @Test
    void linearModelsGetMedianStandardAndAnIndicator() {
        assertEquals(new FeatureSpec("x", ColumnType.NUMERIC, Imputation.MEDIAN, 0.0, true, Scaling.STANDARD, null, 64),
                FeatureSpec.of("x", ColumnType.NUMERIC, FeatureProfile.LINEAR, ColumnConfig.NONE));
    }

    @Test
    void everyOverrideWinsUnderEitherProfile() {
        ColumnConfig overrides = new ColumnConfig(ColumnType.CATEGORY, Imputation.CONSTANT, -3.5, true, Scaling.ROBUST,
                CategoryEncoding.FREQUENCY, 7);
        FeatureSpec expected = new FeatureSpec("c", ColumnType.CATEGORY, Imputation.CONSTANT, -3.5, true,
                Scaling.ROBUST, CategoryEncoding.FREQUENCY, 7);
        assertEquals(expected, FeatureSpec.of("c", ColumnType.CATEGORY, FeatureProfile.TREES, overrides));
        assertEquals(expected, FeatureSpec.of("c", ColumnType.CATEGORY, FeatureProfile.LINEAR, overrides));
    }

    @Test
    void anOverrideOfFalseOrNoneIsKept() {
        ColumnConfig overrides = new ColumnConfig(null, Imputation.NONE, null, false, Scaling.NONE, null, null);
        assertEquals(new FeatureSpec("x", ColumnType.NUMERIC, Imputation.NONE, 0.0, false, Scaling.NONE, null, 64),
                FeatureSpec.of("x", ColumnType.NUMERIC, FeatureProfile.LINEAR, overrides));
    }
}
