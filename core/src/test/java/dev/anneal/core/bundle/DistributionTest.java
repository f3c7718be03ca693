package dev.anneal.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistributionTest {

    private static double[] normal(int rows, double mean, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = i % 50 == 0 ? Double.NaN : mean + random.nextGaussian();
        }
        return values;
    }

    private static List<Double> sharesOver(Distribution training, double[] values) {
        double[] edges = training.edges().stream().mapToDouble(Double::doubleValue).toArray();
        long[] counts = new long[edges.length + 2];
        for (double value : values) {
            counts[Distribution.numericBin(value, edges)]++;
        }
        return Distribution.shares(counts);
    }

    @Test
    void decilesSplitTheTrainingRowsEvenlyWithMissingValuesInTheLastBin() {
        Distribution training = Distribution.ofNumbers(normal(10_000, 0, 1));
        assertEquals(9, training.edges().size());
        assertEquals(11, training.shares().size());
        assertEquals(0.02, training.shares().get(10), 1e-9);
        for (int bin = 0; bin < 10; bin++) {
            assertEquals(0.098, training.shares().get(bin), 0.002);
        }
    }

    @Test
    void psiIsNearZeroForTheSameDistributionAndLargeForAShiftedOne() {
        Distribution training = Distribution.ofNumbers(normal(10_000, 0, 1));
        assertTrue(training.psi(sharesOver(training, normal(5_000, 0, 2))) < 0.02);
        assertTrue(training.psi(sharesOver(training, normal(5_000, 1, 3))) > 0.25);
    }

    @Test
    void categoriesHaveUnseenAndMissingBins() {
        Map<String, Integer> index = Map.of("a", 0, "b", 1);
        assertEquals(0, Distribution.categoryBin("a", index));
        assertEquals(2, Distribution.categoryBin("zebra", index));
        assertEquals(3, Distribution.categoryBin("", index));
        assertEquals(3, Distribution.categoryBin(null, index));
    }

    @Test
    void aValueOnAnEdgeGoesAboveIt() {
        double[] edges = {1, 2, 3};
        assertEquals(0, Distribution.numericBin(0.5, edges));
        assertEquals(1, Distribution.numericBin(1, edges));
        assertEquals(3, Distribution.numericBin(3, edges));
        assertEquals(4, Distribution.numericBin(Double.NaN, edges));
    }
}
