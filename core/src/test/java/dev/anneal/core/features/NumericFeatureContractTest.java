package dev.anneal.core.features;

import static dev.anneal.core.features.Fixtures.NA;
import static dev.anneal.core.features.Fixtures.numeric;

import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** {@link FittedFeatureContract} for numeric columns under every imputation and scaling. */
class NumericFeatureContractTest {

    /** Training rows with missing values, then values far outside the training range. */
    private static final double[] VALUES = {
        3, 1, NA, 4, 1, 5, 9, 2, 6, NA, 5, 3,
        -1000, NA, 1e6, 4, 2.5, 1e300, -1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, NA,
    };
    private static final int TRAIN = 12;

    private abstract static class NumericCase extends FittedFeatureContract {
        @Override
        protected Column data() {
            return numeric("x", VALUES);
        }

        @Override
        protected int trainRows() {
            return TRAIN;
        }
    }

    @Nested
    class MedianStandardWithIndicator extends NumericCase {
        @Override
        protected FeatureSpec spec() {
            return Fixtures.spec("x", ColumnType.NUMERIC, Imputation.MEDIAN, Scaling.STANDARD, true);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("x", "x__missing");
        }
    }

    @Nested
    class MeanMinmax extends NumericCase {
        @Override
        protected FeatureSpec spec() {
            return Fixtures.spec("x", ColumnType.NUMERIC, Imputation.MEAN, Scaling.MINMAX, false);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("x");
        }
    }

    @Nested
    class MostFrequentRobustWithIndicator extends NumericCase {
        @Override
        protected FeatureSpec spec() {
            return Fixtures.spec("x", ColumnType.NUMERIC, Imputation.MOST_FREQUENT, Scaling.ROBUST, true);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("x", "x__missing");
        }
    }

    @Nested
    class ConstantUnscaled extends NumericCase {
        @Override
        protected FeatureSpec spec() {
            return new FeatureSpec("x", ColumnType.NUMERIC, Imputation.CONSTANT, -1, false, Scaling.NONE, null, 64);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("x");
        }
    }

    @Nested
    class TreeDefaults extends NumericCase {
        @Override
        protected FeatureSpec spec() {
            return FeatureSpec.of("x", ColumnType.NUMERIC, FeatureProfile.TREES, ColumnConfig.NONE);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("x");
        }
    }

    @Nested
    class LinearDefaults extends NumericCase {
        @Override
        protected FeatureSpec spec() {
            return FeatureSpec.of("x", ColumnType.NUMERIC, FeatureProfile.LINEAR, ColumnConfig.NONE);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("x", "x__missing");
        }
    }

    /** An indicator is wanted, but the training rows have no missing value: none is made. */
    @Nested
    class IndicatorWantedButTrainingComplete extends FittedFeatureContract {
        @Override
        protected FeatureSpec spec() {
            return Fixtures.spec("x", ColumnType.NUMERIC, Imputation.MEDIAN, Scaling.STANDARD, true);
        }

        @Override
        protected Column data() {
            return numeric("x", 1, 2, 3, 4, 5, 6, NA, 1e9, -7);
        }

        @Override
        protected int trainRows() {
            return 6;
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("x");
        }
    }

    /** A constant training column (zero variance) under standard scaling. */
    @Nested
    class ConstantColumn extends FittedFeatureContract {
        @Override
        protected FeatureSpec spec() {
            return Fixtures.spec("x", ColumnType.NUMERIC, Imputation.MEAN, Scaling.STANDARD, true);
        }

        @Override
        protected Column data() {
            return numeric("x", 5, 5, NA, 5, 5, 5, NA, 6, 1e20);
        }

        @Override
        protected int trainRows() {
            return 6;
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("x", "x__missing");
        }
    }

    /** Infinite training values must not spoil the statistics of the finite ones. */
    @Nested
    class InfiniteTrainingValues extends FittedFeatureContract {
        @Override
        protected FeatureSpec spec() {
            return Fixtures.spec("x", ColumnType.NUMERIC, Imputation.MEAN, Scaling.STANDARD, true);
        }

        @Override
        protected Column data() {
            return numeric("x", 1, Double.POSITIVE_INFINITY, 3, NA, Double.NEGATIVE_INFINITY, 6, NA, 2, 1e300);
        }

        @Override
        protected int trainRows() {
            return 6;
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("x", "x__missing");
        }
    }
}
