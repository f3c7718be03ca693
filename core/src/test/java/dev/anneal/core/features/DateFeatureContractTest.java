package dev.anneal.core.features;

import static dev.anneal.core.features.Fixtures.dates;

import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** {@link FittedFeatureContract} for date columns, with and without a time of day. */
class DateFeatureContractTest {

    @Nested
    class DatesForTrees extends FittedFeatureContract {
        @Override
        protected FeatureSpec spec() {
            return FeatureSpec.of("signup", ColumnType.DATE, FeatureProfile.TREES, ColumnConfig.NONE);
        }

        @Override
        protected Column data() {
            return dates("signup",
                    "2024-02-29", "2023-01-01", null, "2023-06-15", "2024-12-31", "2023-03-05",
                    // validation: missing, before and far after the training range
                    null, "1970-01-01", "2999-12-31", "2023-06-15");
        }

        @Override
        protected int trainRows() {
            return 6;
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("signup__year", "signup__month", "signup__day", "signup__day_of_week",
                    "signup__elapsed_days");
        }
    }

    @Nested
    class DateTimesForLinear extends FittedFeatureContract {
        @Override
        protected FeatureSpec spec() {
            return FeatureSpec.of("seen", ColumnType.DATE, FeatureProfile.LINEAR, ColumnConfig.NONE);
        }

        @Override
        protected Column data() {
            return dates("seen",
                    "2024-02-29T13:45:00Z", "2023-01-01", null, "2023-06-15T23:59:59Z", "2024-12-31", "2023-03-05",
                    null, "1900-01-01T01:00:00Z", "2999-12-31", "2023-06-15T07:00:00Z");
        }

        @Override
        protected int trainRows() {
            return 6;
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("seen__year", "seen__year__missing", "seen__month", "seen__month__missing",
                    "seen__day", "seen__day__missing", "seen__day_of_week", "seen__day_of_week__missing",
                    "seen__hour", "seen__hour__missing", "seen__elapsed_days", "seen__elapsed_days__missing");
        }
    }
}
