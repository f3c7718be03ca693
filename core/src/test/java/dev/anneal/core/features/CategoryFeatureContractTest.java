package dev.anneal.core.features;

import static dev.anneal.core.features.Fixtures.binary;
import static dev.anneal.core.features.Fixtures.category;
import static dev.anneal.core.features.Fixtures.categorySpec;
import static dev.anneal.core.features.Fixtures.multiclass;
import static dev.anneal.core.features.Fixtures.regression;

import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;

/** {@link FittedFeatureContract} for categorical columns under every encoding. */
class CategoryFeatureContractTest {

    /**
     * 15 training rows (z 5, m 3, a 3, c 2, b 1, missing 1), then validation rows with unseen levels
     * ({@code new}, {@code Z}: labels are case-sensitive), missing values and known levels.
     */
    private static final String[] LABELS = {
        "z", "m", "z", "a", null, "m", "z", "c", "a", "b", "z", "m", "c", "a", "z",
        "new", null, "z", "b", "Z", "m", "a",
    };
    private static final int TRAIN = 15;

    private abstract static class CategoryCase extends FittedFeatureContract {
        @Override
        protected Column data() {
            return category("city", LABELS);
        }

        @Override
        protected int trainRows() {
            return TRAIN;
        }
    }

    private abstract static class TargetCase extends CategoryCase {
        @Override
        protected boolean outOfFold() {
            return true;
        }
    }

    @Nested
    class OneHotByDefault extends CategoryCase {
        @Override
        protected FeatureSpec spec() {
            return FeatureSpec.of("city", ColumnType.CATEGORY, FeatureProfile.TREES, ColumnConfig.NONE);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("city__a", "city__b", "city__c", "city__m", "city__z", "city__missing");
        }
    }

    @Nested
    class OneHotCutAtMaxCardinality extends CategoryCase {
        @Override
        protected FeatureSpec spec() {
            return categorySpec("city", CategoryEncoding.ONEHOT, 2);
        }

        @Override
        protected List<String> expectedNames() {
            // Top two by frequency: z (5), then a and m tie at 3 and a wins alphabetically.
            return List.of("city__a", "city__z", "city__other", "city__missing");
        }
    }

    /** Labels that spell the names of the extra columns must not give duplicate output names. */
    @Nested
    class OneHotWithLabelsOtherAndMissing extends FittedFeatureContract {
        @Override
        protected FeatureSpec spec() {
            return categorySpec("kind", CategoryEncoding.ONEHOT, 64);
        }

        @Override
        protected Column data() {
            return category("kind", "other", "missing", null, "a", "other", "missing", "other", "x", null, "missing");
        }

        @Override
        protected int trainRows() {
            return 7;
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("kind__a", "kind__missing_2", "kind__other", "kind__missing");
        }
    }

    @Nested
    class OrdinalForTrees extends CategoryCase {
        @Override
        protected FeatureSpec spec() {
            return categorySpec("city", CategoryEncoding.ORDINAL, 64);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("city__ordinal");
        }

        @Override
        protected boolean mayBeNaN(Column input, int row, Set<String> trainingLabels) {
            return input.isMissing(row) || !trainingLabels.contains(input.format(row));
        }
    }

    @Nested
    class OrdinalForLinear extends CategoryCase {
        @Override
        protected FeatureSpec spec() {
            return FeatureSpec.of("city", ColumnType.CATEGORY, FeatureProfile.LINEAR,
                    new ColumnConfig(null, null, null, null, null, CategoryEncoding.ORDINAL, null));
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("city__ordinal", "city__ordinal__missing");
        }
    }

    @Nested
    class Frequency extends CategoryCase {
        @Override
        protected FeatureSpec spec() {
            return categorySpec("city", CategoryEncoding.FREQUENCY, 64);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("city__frequency");
        }
    }

    @Nested
    class TargetBinary extends TargetCase {
        @Override
        protected FeatureSpec spec() {
            return categorySpec("city", CategoryEncoding.TARGET, 64);
        }

        @Override
        protected Target target() {
            String[] y = new String[LABELS.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = i % 3 == 0 || "z".equals(LABELS[i]) ? "churn" : "stay";
            }
            return binary("churn", y);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("city__target");
        }
    }

    /** Above {@code max_cardinality} distinct levels, the default encoding is target encoding. */
    @Nested
    class TargetChosenByCardinality extends TargetBinary {
        @Override
        protected FeatureSpec spec() {
            return FeatureSpec.of("city", ColumnType.CATEGORY, FeatureProfile.LINEAR,
                    new ColumnConfig(null, null, null, null, null, null, 4));
        }
    }

    @Nested
    class TargetMulticlass extends TargetCase {
        @Override
        protected FeatureSpec spec() {
            return categorySpec("city", CategoryEncoding.TARGET, 64);
        }

        @Override
        protected Target target() {
            String[] y = new String[LABELS.length];
            String[] classes = {"red", "green", "blue"};
            for (int i = 0; i < y.length; i++) {
                y[i] = "a".equals(LABELS[i]) ? "green" : classes[i % 3];
            }
            return multiclass(y);
        }

        @Override
        protected List<String> expectedNames() {
            // Classes in label order.
            return List.of("city__target_blue", "city__target_green", "city__target_red");
        }
    }

    @Nested
    class TargetRegression extends TargetCase {
        @Override
        protected FeatureSpec spec() {
            return FeatureSpec.of("city", ColumnType.CATEGORY, FeatureProfile.LINEAR,
                    new ColumnConfig(null, null, null, null, Scaling.ROBUST, CategoryEncoding.TARGET, null));
        }

        @Override
        protected Target target() {
            double[] y = new double[LABELS.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = 100 + 7 * (i % 4) + ("m".equals(LABELS[i]) ? 50 : 0);
            }
            return regression(y);
        }

        @Override
        protected List<String> expectedNames() {
            return List.of("city__target");
        }
    }
}
