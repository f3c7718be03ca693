package dev.anneal.core.features;

import static dev.anneal.core.features.Fixtures.NA;
import static dev.anneal.core.features.Fixtures.anyTarget;
import static dev.anneal.core.features.Fixtures.binary;
import static dev.anneal.core.features.Fixtures.category;
import static dev.anneal.core.features.Fixtures.categorySpec;
import static dev.anneal.core.features.Fixtures.dates;
import static dev.anneal.core.features.Fixtures.fitPipeline;
import static dev.anneal.core.features.Fixtures.floats;
import static dev.anneal.core.features.Fixtures.numeric;
import static dev.anneal.core.features.Fixtures.output;
import static dev.anneal.core.features.Fixtures.row;
import static dev.anneal.core.features.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What fitted features accept at transform time, and the errors that name the column at fault. */
class FeatureInputsTest {

    private static final Table AREA_CODES = table(category("area_code", "415", "408", "415", "510", "415", "408"));
    private static final Table AREA_CODES_AS_NUMBERS = table(numeric("area_code", 415, 408, 510, 999, NA));

    @Test
    void aCategoryReadAsNumbersStillMatchesItsLevelOneHot() {
        FittedPipeline pipeline = fitPipeline(categorySpec("area_code", null, 64), AREA_CODES, anyTarget(6));
        assertEquals(List.of("area_code__408", "area_code__415", "area_code__510"), pipeline.outputNames());
        FeatureMatrix m = pipeline.transform(AREA_CODES_AS_NUMBERS);
        assertArrayEquals(floats(0, 1, 0), row(m, 0));
        assertArrayEquals(floats(1, 0, 0), row(m, 1));
        assertArrayEquals(floats(0, 0, 1), row(m, 2));
        assertArrayEquals(floats(0, 0, 0), row(m, 3), "unseen 999: no level lit");
        assertArrayEquals(floats(0, 0, 0), row(m, 4), "missing: no level lit");
    }

    @Test
    void aCategoryReadAsNumbersStillMatchesItsLevelEncoded() {
        FittedPipeline ordinal = fitPipeline(categorySpec("area_code", CategoryEncoding.ORDINAL, 64), AREA_CODES,
                anyTarget(6));
        assertArrayEquals(floats(0, 1, 2, Float.NaN, Float.NaN),
                output(ordinal.transform(AREA_CODES_AS_NUMBERS), "area_code__ordinal"));
        FittedPipeline target = fitPipeline(categorySpec("area_code", CategoryEncoding.TARGET, 64), AREA_CODES,
                binary("y", "y", "n", "y", "n", "y", "n"));
        assertArrayEquals(target.transform(table(category("area_code", "415", "408", "510", "999", null))).values(),
                target.transform(AREA_CODES_AS_NUMBERS).values());
    }

    private static void assertNamesColumn(String column, Runnable action) {
        AnnealException e = assertThrows(AnnealException.class, action::run);
        assertTrue(e.getMessage().contains("'" + column + "'"), e.getMessage());
    }

    @Test
    void aWrongColumnKindAtTransformNamesTheColumn() {
        FittedPipeline numericPipeline = fitPipeline(
                FeatureSpec.of("amount", ColumnType.NUMERIC, FeatureProfile.LINEAR, ColumnConfig.NONE),
                table(numeric("amount", 1, 2, 3)), anyTarget(3));
        assertNamesColumn("amount", () -> numericPipeline.transform(table(dates("amount", "2024-01-01"))));
        assertNamesColumn("amount", () -> numericPipeline.transform(table(category("amount", "lots"))));

        FittedPipeline datePipeline = fitPipeline(
                FeatureSpec.of("when", ColumnType.DATE, FeatureProfile.TREES, ColumnConfig.NONE),
                table(dates("when", "2024-01-01", "2024-02-01")), anyTarget(2));
        assertNamesColumn("when", () -> datePipeline.transform(table(numeric("when", 20240101))));
    }

    @Test
    void aWrongColumnKindAtFitNamesTheColumn() {
        Table table = table(dates("when", "2024-01-01", "2024-02-01"), numeric("amount", 1, 2));
        assertNamesColumn("when", () -> fitPipeline(
                FeatureSpec.of("when", ColumnType.NUMERIC, FeatureProfile.TREES, ColumnConfig.NONE), table, anyTarget(2)));
        assertNamesColumn("amount", () -> fitPipeline(
                FeatureSpec.of("amount", ColumnType.DATE, FeatureProfile.TREES, ColumnConfig.NONE), table, anyTarget(2)));
        assertNamesColumn("amount", () -> fitPipeline(
                FeatureSpec.of("amount", ColumnType.CATEGORY, FeatureProfile.TREES, ColumnConfig.NONE), table,
                anyTarget(2)));
    }

    @Test
    void aMissingColumnAtTransformNamesTheColumn() {
        FittedPipeline pipeline = new FeaturePipeline(List.of(
                FeatureSpec.of("amount", ColumnType.NUMERIC, FeatureProfile.TREES, ColumnConfig.NONE),
                FeatureSpec.of("city", ColumnType.CATEGORY, FeatureProfile.TREES, ColumnConfig.NONE)))
                .fit(table(numeric("amount", 1, 2), category("city", "a", "b")), anyTarget(2), 1).pipeline();
        assertNamesColumn("city", () -> pipeline.transform(table(numeric("amount", 3))));
    }

    @Test
    void outputsOfSeveralColumnsFollowTheSpecOrder() {
        FeaturePipeline.Fitted fitted = new FeaturePipeline(List.of(
                FeatureSpec.of("city", ColumnType.CATEGORY, FeatureProfile.TREES, ColumnConfig.NONE),
                FeatureSpec.of("amount", ColumnType.NUMERIC, FeatureProfile.LINEAR, ColumnConfig.NONE)))
                .fit(table(numeric("amount", 1, NA, 3), category("city", "b", "a", "b")), anyTarget(3), 1);
        assertEquals(List.of("city__a", "city__b", "amount", "amount__missing"), fitted.pipeline().outputNames());
        assertEquals(List.of("city", "amount"), fitted.pipeline().inputColumns());
        // amount: median 2, population std 1.
        assertArrayEquals(floats(0, 1, -1, 0, 1, 0, 0, 1, 0, 1, 1, 0), fitted.training().values());
    }
}
