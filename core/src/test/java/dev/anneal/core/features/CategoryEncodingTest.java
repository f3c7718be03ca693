package dev.anneal.core.features;

import static dev.anneal.core.features.Fixtures.anyTarget;
import static dev.anneal.core.features.Fixtures.binary;
import static dev.anneal.core.features.Fixtures.category;
import static dev.anneal.core.features.Fixtures.categorySpec;
import static dev.anneal.core.features.Fixtures.fit;
import static dev.anneal.core.features.Fixtures.fitPipeline;
import static dev.anneal.core.features.Fixtures.floats;
import static dev.anneal.core.features.Fixtures.multiclass;
import static dev.anneal.core.features.Fixtures.output;
import static dev.anneal.core.features.Fixtures.regression;
import static dev.anneal.core.features.Fixtures.row;
import static dev.anneal.core.features.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.Target;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hand-computed one-hot, ordinal, frequency and target encodings. */
class CategoryEncodingTest {

    private static final float EPS = 1e-6f;

    /** z 4, m 3, a 2, c 2, b 1: frequency order z, m, a, c (a before c on the tie), b. */
    private static final String[] LEVELS = {"z", "m", "z", "a", "m", "z", "c", "a", "b", "z", "m", "c"};

    private static String[] withMissing(String[] labels) {
        String[] out = java.util.Arrays.copyOf(labels, labels.length + 1);
        out[labels.length] = null;
        return out;
    }

    private static FittedPipeline fitOn(FeatureSpec spec, String... labels) {
        return fitPipeline(spec, table(category("x", labels)), anyTarget(labels.length));
    }

    private static FeatureMatrix transform(FittedPipeline pipeline, String... labels) {
        return pipeline.transform(table(category("x", labels)));
    }

    @Nested
    class OneHot {

        @Test
        void keepsTheTopLevelsByFrequencyThenSortsThemAlphabetically() {
            FittedPipeline pipeline = fitOn(categorySpec("x", CategoryEncoding.ONEHOT, 3), withMissing(LEVELS));
            // Top three: z (4), m (3), a (2, beats c on the tie); then sorted.
            assertEquals(List.of("x__a", "x__m", "x__z", "x__other", "x__missing"), pipeline.outputNames());
            FeatureMatrix m = transform(pipeline, "z", "a", "m", "c", "b", "unseen", null);
            assertArrayEquals(floats(0, 0, 1, 0, 0), row(m, 0));
            assertArrayEquals(floats(1, 0, 0, 0, 0), row(m, 1));
            assertArrayEquals(floats(0, 1, 0, 0, 0), row(m, 2));
            assertArrayEquals(floats(0, 0, 0, 1, 0), row(m, 3), "c was cut: other");
            assertArrayEquals(floats(0, 0, 0, 1, 0), row(m, 4), "b was cut: other");
            assertArrayEquals(floats(0, 0, 0, 1, 0), row(m, 5), "unseen: other");
            assertArrayEquals(floats(0, 0, 0, 0, 1), row(m, 6), "missing");
        }

        @Test
        void keepsEveryLevelUnderTheLimit() {
            FittedPipeline pipeline = fitOn(categorySpec("x", null, 64), LEVELS);
            assertEquals(List.of("x__a", "x__b", "x__c", "x__m", "x__z"), pipeline.outputNames(),
                    "no level was cut, so no other column");
            assertArrayEquals(floats(0, 0, 0, 0, 0), row(transform(pipeline, "unseen"), 0), "unseen: no level lit");
        }

        @Test
        void noMissingColumnWhenTrainingHadNoMissingValues() {
            FittedPipeline pipeline = fitOn(categorySpec("x", CategoryEncoding.ONEHOT, 64), LEVELS);
            assertTrue(pipeline.outputNames().stream().noneMatch(n -> n.endsWith("__missing")));
            assertArrayEquals(floats(0, 0, 0, 0, 0), row(transform(pipeline, (String) null), 0),
                    "a missing value lights nothing when there is neither a missing nor an other column");
        }

        @Test
        void aLevelNamedLikeAnExtraColumnGetsADistinctName() {
            FittedPipeline pipeline = fitOn(categorySpec("x", CategoryEncoding.ONEHOT, 64),
                    "other", "missing", "other_2", "a", null);
            List<String> names = pipeline.outputNames();
            assertEquals(List.of("x__a", "x__missing_2", "x__other", "x__other_2", "x__missing"), names,
                    "no level was cut, so the level other keeps its name");
            FeatureMatrix m = transform(pipeline, "other", "missing", "other_2", "new", null);
            assertArrayEquals(floats(0, 0, 1, 0, 0), row(m, 0));
            assertArrayEquals(floats(0, 1, 0, 0, 0), row(m, 1), "the level missing is not the missing column");
            assertArrayEquals(floats(0, 0, 0, 1, 0), row(m, 2));
            assertArrayEquals(floats(0, 0, 0, 0, 0), row(m, 3), "unseen: no level lit");
            assertArrayEquals(floats(0, 0, 0, 0, 1), row(m, 4));
        }

        @Test
        void aLevelNamedOtherIsRenamedWhenTheOtherColumnExists() {
            FittedPipeline pipeline = fitOn(categorySpec("x", CategoryEncoding.ONEHOT, 2),
                    "other", "other", "other", "a", "a", "rare");
            assertEquals(List.of("x__a", "x__other_2", "x__other"), pipeline.outputNames());
            FeatureMatrix m = transform(pipeline, "other", "rare", "new");
            assertArrayEquals(floats(0, 1, 0), row(m, 0), "the level other is not the other column");
            assertArrayEquals(floats(0, 0, 1), row(m, 1), "a cut level: other");
            assertArrayEquals(floats(0, 0, 1), row(m, 2), "unseen: other when it exists");
        }

        @Test
        void exactlyOneHotPerRow() {
            FittedPipeline pipeline = fitOn(categorySpec("x", CategoryEncoding.ONEHOT, 2), withMissing(LEVELS));
            FeatureMatrix m = transform(pipeline, withMissing(LEVELS));
            for (int r = 0; r < m.rows(); r++) {
                float sum = 0;
                for (float v : row(m, r)) {
                    assertTrue(v == 0f || v == 1f);
                    sum += v;
                }
                assertEquals(1f, sum, "row " + r);
            }
        }
    }

    @Nested
    class Ordinal {

        @Test
        void ranksLevelsByTrainingFrequency() {
            FittedPipeline pipeline = fitOn(categorySpec("x", CategoryEncoding.ORDINAL, 64), LEVELS);
            assertEquals(List.of("x__ordinal"), pipeline.outputNames());
            float[] out = output(transform(pipeline, "z", "m", "a", "c", "b", "new", null), "x__ordinal");
            assertArrayEquals(floats(0, 1, 2, 3, 4, Float.NaN, Float.NaN), out);
        }

        @Test
        void unseenIsImputedUnderALinearSpec() {
            FeatureSpec medianOnly = new FeatureSpec("x", ColumnType.CATEGORY, Imputation.MEDIAN, 0, false, Scaling.NONE,
                    CategoryEncoding.ORDINAL, 64);
            // Training ranks sorted: 0 0 0 0 1 1 1 2 2 3 3 4: the median is 1.
            assertArrayEquals(floats(1, 1), output(transform(fitOn(medianOnly, LEVELS), "new", null), "x__ordinal"));

            FeatureSpec linear = FeatureSpec.of("x", ColumnType.CATEGORY, FeatureProfile.LINEAR,
                    new ColumnConfig(null, null, null, null, null, CategoryEncoding.ORDINAL, null));
            FittedPipeline pipeline = fitOn(linear, LEVELS);
            assertEquals(List.of("x__ordinal"), pipeline.outputNames(), "no indicator: training had no missing rank");
            // mean 17/12, population variance 45/12 - (17/12)^2 = 251/144: the median 1 scales to -5/sqrt(251).
            float expected = (float) (-5 / Math.sqrt(251));
            float[] out = output(transform(pipeline, "new", null, "m"), "x__ordinal");
            assertEquals(expected, out[0], EPS);
            assertEquals(expected, out[1], EPS);
            assertEquals(expected, out[2], EPS, "m has rank 1, the median");
        }
    }

    @Nested
    class Frequency {

        @Test
        void isTheShareOfTrainingRowsAndZeroWhenUnseen() {
            FittedPipeline pipeline = fitOn(categorySpec("x", CategoryEncoding.FREQUENCY, 64), withMissing(LEVELS));
            assertEquals(List.of("x__frequency"), pipeline.outputNames());
            // 13 training rows, one of them missing.
            float[] out = output(transform(pipeline, "z", "m", "a", "b", "new", null), "x__frequency");
            assertArrayEquals(floats(4 / 13.0, 3 / 13.0, 2 / 13.0, 1 / 13.0, 0, 0), out);
        }
    }

    @Nested
    class TargetEncoding {

        private final FeatureSpec spec = categorySpec("x", CategoryEncoding.TARGET, 64);

        @Test
        void isTheSmoothedMeanWithThePriorForUnseenLevels() {
            // a: 4 of 5 positive; b: 1 of 4; solo: 1 of 1. Prior 6/10; smoothing 10 pseudo-rows.
            Table train = table(category("x", "a", "a", "a", "a", "a", "b", "b", "b", "b", "solo"));
            Target y = binary("1", "1", "1", "1", "1", "0", "0", "0", "0", "1", "1");
            FittedPipeline pipeline = fitPipeline(spec, train, y);
            assertEquals(List.of("x__target"), pipeline.outputNames());
            float[] out = output(transform(pipeline, "a", "b", "solo", "new", null), "x__target");
            assertArrayEquals(floats((4 + 6) / 15.0, (1 + 6) / 14.0, (1 + 6) / 11.0, 0.6, 0.6), out);
        }

        @Test
        void theTrainingMatrixIsOutOfFoldSoARowNeverSeesItsOwnTarget() {
            // "solo" is the only positive row: out of fold, its level is unseen and every other row is
            // negative, so its training value must be exactly 0; with its own target it would be 1.5/11.
            String[] labels = new String[20];
            String[] classes = new String[20];
            for (int i = 0; i < 20; i++) {
                labels[i] = i % 2 == 0 ? "a" : "b";
                classes[i] = "0";
            }
            labels[7] = "solo";
            classes[7] = "1";
            Table train = table(category("x", labels));
            FeaturePipeline.Fitted fitted = fit(spec, train, binary("1", classes));
            double full = (1 + 10 * (1 / 20.0)) / 11;
            assertEquals(0f, fitted.training().get(7, 0), "solo's training value leaks its own target");
            assertEquals((float) full, transform(fitted.pipeline(), "solo").get(0, 0), EPS,
                    "validation uses the statistics of all training rows");
            assertNotEquals(fitted.pipeline().transform(train).get(7, 0), fitted.training().get(7, 0));
        }

        @Test
        void scalingIsFittedOnTheOutOfFoldValuesTheModelTrainsOn() {
            FeatureSpec standard = new FeatureSpec("x", ColumnType.CATEGORY, Imputation.MEDIAN, 0, true,
                    Scaling.STANDARD, CategoryEncoding.TARGET, 64);
            Table train = table(category("x", LEVELS));
            Target y = binary("1", "1", "0", "1", "0", "0", "1", "1", "0", "1", "0", "0", "1");
            FeatureMatrix training = fit(standard, train, y).training();
            assertEquals(List.of("x__target"), training.names(), "no indicator: out-of-fold values are never missing");
            double sum = 0;
            double sumSquares = 0;
            for (float v : training.values()) {
                sum += v;
                sumSquares += v * v;
            }
            assertEquals(0, sum / training.rows(), 1e-6, "training column has zero mean");
            assertEquals(1, sumSquares / training.rows(), 1e-5, "training column has unit variance");
        }

        @Test
        void theOutOfFoldAssignmentFollowsTheSeed() {
            Table train = table(category("x", LEVELS));
            Target y = binary("1", "1", "0", "1", "0", "0", "1", "1", "0", "1", "0", "0", "1");
            FeaturePipeline pipeline = new FeaturePipeline(List.of(spec));
            float[] a = pipeline.fit(train, y, 1).training().values();
            assertArrayEquals(a, pipeline.fit(train, y, 1).training().values());
            assertTrue(!java.util.Arrays.equals(a, pipeline.fit(train, y, 2).training().values())
                    || !java.util.Arrays.equals(a, pipeline.fit(train, y, 3).training().values()),
                    "another seed gives other folds");
        }

        @Test
        void multiclassHasOneOutputPerClass() {
            Table train = table(category("x", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"));
            Target y = multiclass("red", "red", "green", "blue", "blue", "blue", "blue", "green", "green", "green");
            FittedPipeline pipeline = fitPipeline(spec, train, y);
            assertEquals(List.of("x__target_blue", "x__target_green", "x__target_red"), pipeline.outputNames());
            // Prior: blue 4/10, green 4/10, red 2/10. a: blue 1, green 1, red 2 of 4.
            FeatureMatrix m = transform(pipeline, "a", "new");
            assertArrayEquals(floats((1 + 4) / 14.0, (1 + 4) / 14.0, (2 + 2) / 14.0), row(m, 0));
            assertArrayEquals(floats(0.4, 0.4, 0.2), row(m, 1));
        }

        @Test
        void regressionUsesTheSmoothedMeanValue() {
            Table train = table(category("x", "a", "a", "b", "b", "b", "b"));
            Target y = regression(10, 20, 30, 30, 30, 40);
            FittedPipeline pipeline = fitPipeline(spec, train, y);
            double prior = 160 / 6.0;
            float[] out = output(transform(pipeline, "a", "b", "new"), "x__target");
            assertArrayEquals(floats((30 + 10 * prior) / 12, (130 + 10 * prior) / 14, prior), out);
        }
    }
}
