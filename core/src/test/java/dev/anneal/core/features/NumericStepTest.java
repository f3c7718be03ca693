package dev.anneal.core.features;

import static dev.anneal.core.features.Fixtures.NA;
import static dev.anneal.core.features.Fixtures.fitPipeline;
import static dev.anneal.core.features.Fixtures.numeric;
import static dev.anneal.core.features.Fixtures.output;
import static dev.anneal.core.features.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.Table;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hand-computed imputation and scaling of {@link NumericStep}, and the numeric feature built on it. */
class NumericStepTest {

    private static final double EPS = 1e-12;

    /** Present values sorted: 1, 2, 4, 10. */
    private static final double[] TRAINING = {4, NA, 10, 1, 2};

    private static NumericStep fit(double[] values, Imputation impute, Scaling scaling) {
        return NumericStep.fit(values, impute, 0.0, false, scaling);
    }

    private static float apply(NumericStep step, double raw) {
        float[] out = new float[step.width()];
        step.apply(raw, out, 0);
        return out[0];
    }

    @Nested
    class Imputing {

        @Test
        void medianInterpolatesBetweenTheMiddleValues() {
            NumericStep step = fit(TRAINING, Imputation.MEDIAN, Scaling.NONE);
            assertEquals(3.0, step.fill(), EPS); // (2 + 4) / 2
            assertEquals(3f, apply(step, NA));
            assertEquals(2f, apply(step, 2), "present values pass unchanged");
        }

        @Test
        void medianOfAnOddCountIsTheMiddleValue() {
            assertEquals(4.0, fit(new double[] {10, 4, 1, NA, 7, 0}, Imputation.MEDIAN, Scaling.NONE).fill(), EPS);
        }

        @Test
        void meanOfThePresentValues() {
            assertEquals(4.25, fit(TRAINING, Imputation.MEAN, Scaling.NONE).fill(), EPS); // 17 / 4
        }

        @Test
        void mostFrequentValueWithTiesToTheSmallest() {
            assertEquals(2.0, fit(new double[] {5, 2, NA, 1, 2, NA, NA}, Imputation.MOST_FREQUENT, Scaling.NONE).fill());
            assertEquals(1.0, fit(new double[] {3, 3, 1, 1, NA}, Imputation.MOST_FREQUENT, Scaling.NONE).fill());
        }

        @Test
        void constantUsesTheFillValue() {
            NumericStep step = NumericStep.fit(TRAINING, Imputation.CONSTANT, 7.5, false, Scaling.NONE);
            assertEquals(7.5f, apply(step, NA));
        }

        @Test
        void noneLeavesMissingValuesMissing() {
            NumericStep step = fit(TRAINING, Imputation.NONE, Scaling.STANDARD);
            assertTrue(Float.isNaN(apply(step, NA)));
            assertFalse(Float.isNaN(apply(step, 3)));
        }

        @Test
        void anAllMissingTrainingColumnFillsZero() {
            double[] allMissing = {NA, NA, NA};
            for (Imputation impute : List.of(Imputation.MEDIAN, Imputation.MEAN, Imputation.MOST_FREQUENT)) {
                NumericStep step = fit(allMissing, impute, Scaling.STANDARD);
                assertEquals(0f, apply(step, NA), impute.configName());
                assertEquals(1.0, step.scale(), impute.configName());
            }
        }
    }

    @Nested
    class Scalings {

        private static final double[] PRESENT = {1, 2, 4, 10};

        @Test
        void standardUsesThePopulationStandardDeviation() {
            NumericStep step = fit(PRESENT, Imputation.NONE, Scaling.STANDARD);
            // mean 4.25; squared deviations 10.5625 + 5.0625 + 0.0625 + 33.0625 = 48.75; / 4 (not 3)
            assertEquals(4.25, step.center(), EPS);
            assertEquals(Math.sqrt(12.1875), step.scale(), EPS);
            assertEquals((float) (5.75 / Math.sqrt(12.1875)), apply(step, 10));
            float[] scaled = new float[PRESENT.length];
            double sum = 0;
            double sumSquares = 0;
            for (int i = 0; i < PRESENT.length; i++) {
                scaled[i] = apply(step, PRESENT[i]);
                sum += scaled[i];
                sumSquares += scaled[i] * scaled[i];
            }
            assertEquals(0, sum / PRESENT.length, 1e-6, "zero mean");
            assertEquals(1, sumSquares / PRESENT.length, 1e-6, "unit variance");
        }

        @Test
        void minmaxMapsTheTrainingRangeToZeroOne() {
            NumericStep step = fit(PRESENT, Imputation.NONE, Scaling.MINMAX);
            assertEquals(1.0, step.center());
            assertEquals(9.0, step.scale());
            assertEquals(0f, apply(step, 1));
            assertEquals(1f, apply(step, 10));
            assertEquals((float) (3.0 / 9), apply(step, 4));
            assertEquals(2f, apply(step, 19), "outside the training range is not clipped");
        }

        @Test
        void robustCentresOnTheMedianAndDividesByTheInterquartileRange() {
            NumericStep step = fit(PRESENT, Imputation.NONE, Scaling.ROBUST);
            // q25 = 1 + 0.75 * (2 - 1) = 1.75; q50 = 3; q75 = 4 + 0.25 * (10 - 4) = 5.5
            assertEquals(3.0, step.center(), EPS);
            assertEquals(3.75, step.scale(), EPS);
            assertEquals((float) (7 / 3.75), apply(step, 10));
        }

        @Test
        void aConstantColumnKeepsScaleOne() {
            for (Scaling scaling : List.of(Scaling.STANDARD, Scaling.MINMAX, Scaling.ROBUST)) {
                NumericStep step = fit(new double[] {5, 5, NA, 5}, Imputation.MEDIAN, scaling);
                assertEquals(1.0, step.scale(), scaling.configName());
                assertEquals(5.0, step.center(), scaling.configName());
                assertEquals(0f, apply(step, 5), scaling.configName());
                assertEquals(2f, apply(step, 7), scaling.configName());
            }
        }

        @Test
        void noneIsTheIdentity() {
            NumericStep step = fit(PRESENT, Imputation.NONE, Scaling.NONE);
            assertEquals(0.0, step.center());
            assertEquals(1.0, step.scale());
            assertEquals(-123.5f, apply(step, -123.5));
        }

        @Test
        void hugeAndInfiniteValuesClampToTheFloatRange() {
            NumericStep step = fit(PRESENT, Imputation.MEDIAN, Scaling.STANDARD);
            assertEquals(Float.MAX_VALUE, apply(step, 1e300));
            assertEquals(Float.MAX_VALUE, apply(step, Double.POSITIVE_INFINITY));
            assertEquals(-Float.MAX_VALUE, apply(step, Double.NEGATIVE_INFINITY));
        }

        @Test
        void infiniteTrainingValuesDoNotSpoilTheStatistics() {
            double[] training = {1, Double.POSITIVE_INFINITY, 2, 4, Double.NEGATIVE_INFINITY, 10};
            NumericStep step = NumericStep.fit(training, Imputation.MEAN, 0, true, Scaling.STANDARD);
            assertEquals(4.25, step.center(), EPS);
            assertEquals(Math.sqrt(12.1875), step.scale(), EPS);
            assertEquals(4.25, step.fill(), EPS);
            assertFalse(step.indicator(), "an infinite value is not missing");
        }
    }

    @Nested
    class Indicator {

        @Test
        void onlyWhenWantedAndTrainingHasMissingValues() {
            assertTrue(NumericStep.fit(TRAINING, Imputation.MEDIAN, 0, true, Scaling.NONE).indicator());
            assertFalse(NumericStep.fit(TRAINING, Imputation.MEDIAN, 0, false, Scaling.NONE).indicator());
            assertFalse(NumericStep.fit(new double[] {1, 2, 3}, Imputation.MEDIAN, 0, true, Scaling.NONE).indicator());
        }

        @Test
        void followsTheValueAndMarksMissingRows() {
            NumericStep step = NumericStep.fit(TRAINING, Imputation.MEDIAN, 0, true, Scaling.MINMAX);
            assertEquals(2, step.width());
            float[] out = {9, 9, 9, 9, 9};
            step.apply(NA, out, 1);
            step.apply(10, out, 3);
            assertArrayEquals(new float[] {9, (float) (2.0 / 9), 1, 1, 0}, out);
        }

        @Test
        void namedColumnMissingInThePipeline() {
            Table train = table(numeric("age", 30, NA, 50, 40));
            FeatureSpec spec = Fixtures.spec("age", ColumnType.NUMERIC, Imputation.MEAN, Scaling.NONE, true);
            FittedPipeline pipeline = fitPipeline(spec, train, Fixtures.anyTarget(4));
            assertEquals(List.of("age", "age__missing"), pipeline.outputNames());
            FeatureMatrix matrix = pipeline.transform(table(numeric("age", NA, 20)));
            assertArrayEquals(new float[] {40, 20}, output(matrix, "age"));
            assertArrayEquals(new float[] {1, 0}, output(matrix, "age__missing"));

            FittedPipeline complete = fitPipeline(spec, table(numeric("age", 30, 50, 40)), Fixtures.anyTarget(3));
            assertEquals(List.of("age"), complete.outputNames());
            assertArrayEquals(new float[] {40, 20}, output(complete.transform(table(numeric("age", NA, 20))), "age"),
                    "missing at transform time is still imputed");
        }
    }
}
