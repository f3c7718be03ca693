package dev.anneal.core.features;

import static dev.anneal.core.features.Fixtures.anyTarget;
import static dev.anneal.core.features.Fixtures.dates;
import static dev.anneal.core.features.Fixtures.fitPipeline;
import static dev.anneal.core.features.Fixtures.floats;
import static dev.anneal.core.features.Fixtures.row;
import static dev.anneal.core.features.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.data.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact date parts for known dates (UTC). */
class DateFeatureTest {

    private static final FeatureSpec TREES = FeatureSpec.of("d", ColumnType.DATE, FeatureProfile.TREES, ColumnConfig.NONE);

    @Test
    void datesWithoutTimeOfDayHaveNoHour() {
        // 2023-01-01 is a Sunday and the earliest training date; 2024-02-29 a Thursday, 424 days later.
        FittedPipeline pipeline = fitPipeline(TREES, table(dates("d", "2024-02-29", "2023-01-01", null)), anyTarget(3));
        assertEquals(List.of("d__year", "d__month", "d__day", "d__day_of_week", "d__elapsed_days"),
                pipeline.outputNames());
        FeatureMatrix m = pipeline.transform(table(dates("d", "2024-02-29", "2023-01-01", "2022-12-31",
                "2023-01-02T18:00:00Z", null)));
        assertArrayEquals(floats(2024, 2, 29, 4, 424), row(m, 0));
        assertArrayEquals(floats(2023, 1, 1, 7, 0), row(m, 1));
        assertArrayEquals(floats(2022, 12, 31, 6, -1), row(m, 2), "before the training range");
        assertArrayEquals(floats(2023, 1, 2, 1, 1.75), row(m, 3), "a time of day still counts in elapsed days");
        assertArrayEquals(floats(Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN), row(m, 4),
                "trees leave a missing date missing");
    }

    @Test
    void hourOnlyWhenTrainingDatesCarryATimeOfDay() {
        FittedPipeline pipeline = fitPipeline(TREES,
                table(dates("d", "2024-02-29T13:45:00Z", "2023-01-01", "2023-06-15T00:30:00Z")), anyTarget(3));
        assertEquals(List.of("d__year", "d__month", "d__day", "d__day_of_week", "d__hour", "d__elapsed_days"),
                pipeline.outputNames());
        FeatureMatrix m = pipeline.transform(table(dates("d", "2024-02-29T13:45:00Z", "2023-06-15T00:30:00Z")));
        assertArrayEquals(floats(2024, 2, 29, 4, 13, 424 + 13.75 / 24), row(m, 0));
        assertArrayEquals(floats(2023, 6, 15, 4, 0, 165 + 0.5 / 24), row(m, 1));
    }

    @Test
    void missingPartsAreImputedUnderTheLinearProfile() {
        FeatureSpec linear = new FeatureSpec("d", ColumnType.DATE, Imputation.MEDIAN, 0, true, Scaling.NONE, null, 64);
        FittedPipeline pipeline = fitPipeline(linear,
                table(dates("d", "2020-01-01", "2020-01-03", null, "2020-01-10")), anyTarget(4));
        assertEquals(List.of("d__year", "d__year__missing", "d__month", "d__month__missing", "d__day",
                "d__day__missing", "d__day_of_week", "d__day_of_week__missing", "d__elapsed_days",
                "d__elapsed_days__missing"), pipeline.outputNames());
        // 2020-01-01 Wed, 01-03 Fri, 01-10 Fri: medians day 3, day of week 5, elapsed 2.
        FeatureMatrix m = pipeline.transform(table(dates("d", (String) null)));
        assertArrayEquals(floats(2020, 1, 1, 1, 3, 1, 5, 1, 2, 1), row(m, 0));
    }
}
