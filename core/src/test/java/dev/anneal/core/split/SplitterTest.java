package dev.anneal.core.split;

import static dev.anneal.core.split.SplitAssertions.assertPartition;
import static dev.anneal.core.split.SplitAssertions.assertSizes;
import static dev.anneal.core.split.SplitAssertions.parts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SplitterTest {

    private static final double[] RATIOS = {0.7, 0.15, 0.15};

    @Nested
    class Ratios {

        @Test
        void mustBeThreeFiniteNonNegativeNumbersSummingToOne() {
            assertThrows(IllegalArgumentException.class, () -> Splitter.random(10, new double[] {0.5, 0.5}, 1));
            assertThrows(IllegalArgumentException.class, () -> Splitter.random(10, new double[] {0.7, 0.2, 0.2}, 1));
            assertThrows(IllegalArgumentException.class, () -> Splitter.random(10, new double[] {1.2, -0.1, -0.1}, 1));
            assertThrows(IllegalArgumentException.class,
                    () -> Splitter.random(10, new double[] {Double.NaN, 0.5, 0.5}, 1));
            assertThrows(IllegalArgumentException.class, () -> Splitter.random(10, null, 1));
            assertThrows(IllegalArgumentException.class, () -> Splitter.random(-1, RATIOS, 1));
        }

        @Test
        void toleratesRoundingInTheSum() {
            assertPartition(Splitter.random(10, new double[] {0.7, 0.2, 0.1 + 5e-7}, 1), 10);
        }

        @Test
        void sizesRoundValidationAndTestAndGiveTrainTheRest() {
            assertArrayEquals(new int[] {700, 150, 150}, Splitter.sizes(1000, RATIOS));
            assertArrayEquals(new int[] {6, 2, 2}, Splitter.sizes(10, RATIOS));
            assertArrayEquals(new int[] {7, 2, 1}, Splitter.sizes(10, new double[] {0.7, 0.16, 0.14}));
            // a positive ratio that rounds to no rows still gets one, from the largest split
            assertArrayEquals(new int[] {1, 1, 1}, Splitter.sizes(3, new double[] {0.98, 0.01, 0.01}));
            // a zero ratio stays empty
            assertArrayEquals(new int[] {8, 2, 0}, Splitter.sizes(10, new double[] {0.8, 0.2, 0}));
            assertArrayEquals(new int[] {0, 2, 1}, Splitter.sizes(3, new double[] {0, 0.5, 0.5}));
        }
    }

    @Nested
    class Shuffled {

        @Test
        void partitionsTheRowsWithTheRatioSizes() {
            Split split = Splitter.random(1000, RATIOS, 42);
            assertPartition(split, 1000);
            assertSizes(split, 700, 150, 150);
        }

        @Test
        void sameSeedSameSplitOtherSeedOtherSplit() {
            assertEquals(Splitter.random(500, RATIOS, 7), Splitter.random(500, RATIOS, 7));
            assertNotEquals(Splitter.random(500, RATIOS, 7), Splitter.random(500, RATIOS, 8));
        }

        @Test
        void isPinnedAcrossRuns() {
            // SplittableRandom's sequence for a seed is fixed, so this must never change: if it does, every
            // recorded run's split changed with it.
            assertEquals(new Split(new int[] {0, 3, 4, 5, 7, 8}, new int[] {2, 9}, new int[] {1, 6}),
                    Splitter.random(10, RATIOS, 42));
        }

        @Test
        void everySplitIsNonEmptyFromThreeRows() {
            Split split = Splitter.random(3, new double[] {0.9, 0.05, 0.05}, 1);
            assertSizes(split, 1, 1, 1);
            assertPartition(split, 3);
        }

        @Test
        void tooFewRowsForThreeSplitsIsAUserError() {
            AnnealException e = assertThrows(AnnealException.class, () -> Splitter.random(2, RATIOS, 1));
            assertTrue(e.getMessage().contains("cannot split 2 row(s) into 3 non-empty splits"), e.getMessage());
        }

        @Test
        void aZeroRatioLeavesThatSplitEmpty() {
            Split split = Splitter.random(20, new double[] {0.8, 0.2, 0}, 3);
            assertSizes(split, 16, 4, 0);
            assertPartition(split, 20);
        }
    }

    @Nested
    class Stratified {

        private int[] classes(int... counts) {
            int n = Arrays.stream(counts).sum();
            int[] codes = new int[n];
            int row = 0;
            for (int c = 0; c < counts.length; c++) {
                for (int k = 0; k < counts[c]; k++) {
                    codes[row++] = c;
                }
            }
            // interleave so classes are not in blocks
            Random random = new Random(99);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = codes[i];
                codes[i] = codes[j];
                codes[j] = tmp;
            }
            return codes;
        }

        @Test
        void totalsMatchTheRandomSizesAndEachClassKeepsItsShare() {
            int[] codes = classes(853, 131, 12, 3, 1);
            Split split = Splitter.stratified(codes, RATIOS, 5);
            assertPartition(split, 1000);
            assertSizes(split, 700, 150, 150);
            assertClassShares(codes, RATIOS, split);
        }

        @Test
        void classSharesHoldForManyShapes() {
            Random random = new Random(1);
            for (int trial = 0; trial < 300; trial++) {
                int classCount = 1 + random.nextInt(trial < 150 ? 4 : 40);
                int[] counts = new int[classCount];
                for (int c = 0; c < classCount; c++) {
                    counts[c] = 1 + random.nextInt(random.nextBoolean() ? 5 : 300);
                }
                int[] codes = classes(counts);
                if (codes.length < 3) {
                    continue;
                }
                double validation = 0.05 + 0.3 * random.nextDouble();
                double test = 0.05 + 0.3 * random.nextDouble();
                double[] ratios = {1 - validation - test, validation, test};
                Split split = Splitter.stratified(codes, ratios, trial);
                assertPartition(split, codes.length);
                int[] sizes = Splitter.sizes(codes.length, ratios);
                assertSizes(split, sizes[0], sizes[1], sizes[2]);
                assertClassShares(codes, ratios, split);
            }
        }

        @Test
        void aClassTooSmallForATrainRowStillGetsOne() {
            // 203 rows: train 143; the big class's share is 140.9, so plain rounding could give it 141 and
            // leave a singleton out of train. Rounding the singletons' 0.7 train shares up fits exactly.
            int[] codes = classes(200, 1, 1, 1);
            for (long seed = 0; seed < 10; seed++) {
                Split split = Splitter.stratified(codes, RATIOS, seed);
                assertEquals(Set.of(0, 1, 2, 3), classesIn(codes, split.train()));
                assertClassShares(codes, RATIOS, split);
            }
        }

        @Test
        void tinyClassesGetTrainRowsOnlyAsFarAsTheRoundingRuleAllows() {
            // 96 rows: train 68, the big class needs at least 63 of them, so 5 singletons fit and 1 does not
            int[] codes = classes(90, 1, 1, 1, 1, 1, 1);
            Split split = Splitter.stratified(codes, RATIOS, 11);
            assertPartition(split, 96);
            assertEquals(6, classesIn(codes, split.train()).size());
            assertClassShares(codes, RATIOS, split);
        }

        private Set<Integer> classesIn(int[] codes, int[] rows) {
            Set<Integer> found = new HashSet<>();
            for (int row : rows) {
                found.add(codes[row]);
            }
            return found;
        }

        @Test
        void sameSeedSameSplitOtherSeedOtherSplit() {
            int[] codes = classes(300, 100, 50);
            assertEquals(Splitter.stratified(codes, RATIOS, 3), Splitter.stratified(codes, RATIOS, 3));
            assertNotEquals(Splitter.stratified(codes, RATIOS, 3), Splitter.stratified(codes, RATIOS, 4));
        }

        @Test
        void missingLabelIsItsOwnStratum() {
            int[] codes = classes(80, 20);
            for (int i = 0; i < 20; i++) {
                codes[i * 5] = -1;
            }
            Split split = Splitter.stratified(codes, RATIOS, 2);
            assertPartition(split, 100);
            assertClassShares(codes, RATIOS, split);
        }

        private void assertClassShares(int[] codes, double[] ratios, Split split) {
            int n = codes.length;
            int[] totals = Splitter.sizes(n, ratios);
            Map<Integer, Integer> counts = new HashMap<>();
            for (int code : codes) {
                counts.merge(code, 1, Integer::sum);
            }
            int[][] parts = parts(split);
            for (int s = 0; s < 3; s++) {
                Map<Integer, Integer> inSplit = new HashMap<>();
                for (int row : parts[s]) {
                    inSplit.merge(codes[row], 1, Integer::sum);
                }
                for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
                    double share = (double) entry.getValue() * totals[s] / n;
                    int got = inSplit.getOrDefault(entry.getKey(), 0);
                    assertTrue(Math.abs(got - share) < 1,
                            "class " + entry.getKey() + " in split " + s + ": " + got + " rows, share " + share);
                }
            }
        }
    }

    @Nested
    class Time {

        @Test
        void trainIsEarliestThenValidationThenTest() {
            Random random = new Random(4);
            double[] times = new double[200];
            for (int i = 0; i < times.length; i++) {
                times[i] = random.nextDouble() * 1e9;
            }
            Split split = Splitter.time(times, RATIOS, "date");
            assertPartition(split, 200);
            assertSizes(split, 140, 30, 30);
            assertOrdered(times, split);
        }

        @Test
        void rowsWithEqualTimeNeverStraddleACut() {
            double[] times = new double[100];
            for (int i = 0; i < times.length; i++) {
                times[(i * 37) % 100] = i / 8; // runs of 8 equal times, rows out of order
            }
            Split split = Splitter.time(times, RATIOS, "day");
            assertPartition(split, 100);
            assertOrdered(times, split);
            // 70 falls inside the tie run 64..71, so the cut moves forward to 72
            assertEquals(72, split.train().length);
        }

        @Test
        void tiesThatSwallowASplitAreAUserError() {
            double[] times = new double[20];
            Arrays.fill(times, 5);
            times[0] = 1;
            AnnealException e = assertThrows(AnnealException.class, () -> Splitter.time(times, RATIOS, "day"));
            assertTrue(e.getMessage().startsWith("column 'day': the time split leaves validation empty"),
                    e.getMessage());
        }

        @Test
        void missingTimeNamesTheColumnAndHowManyRows() {
            double[] times = {1, Double.NaN, 3, 4, Double.NaN, 6};
            AnnealException e = assertThrows(AnnealException.class,
                    () -> Splitter.time(times, RATIOS, "signup_date"));
            assertEquals("column 'signup_date': 2 of 6 rows have no time value;"
                    + " a time split needs a time on every row", e.getMessage());
        }

        private void assertOrdered(double[] times, Split split) {
            int[][] parts = parts(split);
            for (int s = 0; s + 1 < 3; s++) {
                double max = Arrays.stream(parts[s]).mapToDouble(row -> times[row]).max().orElseThrow();
                double min = Arrays.stream(parts[s + 1]).mapToDouble(row -> times[row]).min().orElseThrow();
                assertTrue(max < min, "split " + s + " ends at " + max + ", next starts at " + min);
            }
        }
    }

    @Nested
    class Group {

        private int[] groups(int groupCount, int seed) {
            Random random = new Random(seed);
            int[] codes = new int[1000];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = random.nextInt(groupCount);
            }
            return codes;
        }

        @Test
        void noGroupSpansTwoSplitsAndSizesNearTheirTargets() {
            int[] codes = groups(200, 8);
            Split split = Splitter.group(codes, RATIOS, 13, "customer");
            assertPartition(split, 1000);
            Map<Integer, Integer> splitOfGroup = new HashMap<>();
            int[][] parts = parts(split);
            for (int s = 0; s < 3; s++) {
                for (int row : parts[s]) {
                    Integer earlier = splitOfGroup.put(codes[row], s);
                    assertTrue(earlier == null || earlier == s, "group " + codes[row] + " in splits " + earlier
                            + " and " + s);
                }
            }
            int largestGroup = Arrays.stream(codes).boxed()
                    .collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.stream.Collectors.counting()))
                    .values().stream().mapToInt(Long::intValue).max().orElseThrow();
            int[] targets = {700, 150, 150};
            for (int s = 0; s < 3; s++) {
                assertTrue(Math.abs(parts[s].length - targets[s]) <= largestGroup,
                        "split " + s + " has " + parts[s].length + " rows, target " + targets[s]);
            }
        }

        @Test
        void sameSeedSameSplitOtherSeedOtherSplit() {
            int[] codes = groups(100, 2);
            assertEquals(Splitter.group(codes, RATIOS, 1, "g"), Splitter.group(codes, RATIOS, 1, "g"));
            assertNotEquals(Splitter.group(codes, RATIOS, 1, "g"), Splitter.group(codes, RATIOS, 2, "g"));
        }

        @Test
        void oneHugeGroupStillLeavesEverySplitNonEmpty() {
            int[] codes = new int[100];
            codes[0] = 1;
            codes[1] = 2;
            codes[2] = 3;
            for (long seed = 0; seed < 20; seed++) {
                Split split = Splitter.group(codes, RATIOS, seed, "store");
                assertPartition(split, 100);
                for (int[] part : parts(split)) {
                    assertTrue(part.length > 0, split.toString());
                }
            }
        }

        @Test
        void missingGroupNamesTheColumn() {
            int[] codes = {0, 1, -1, 2, 3, -1, 4};
            AnnealException e = assertThrows(AnnealException.class,
                    () -> Splitter.group(codes, RATIOS, 1, "patient_id"));
            assertEquals("column 'patient_id': 2 of 7 rows have no group; a group split needs a group on every row",
                    e.getMessage());
        }

        @Test
        void fewerGroupsThanSplitsIsAUserError() {
            int[] codes = {0, 0, 0, 1, 1, 1};
            AnnealException e = assertThrows(AnnealException.class, () -> Splitter.group(codes, RATIOS, 1, "site"));
            assertTrue(e.getMessage().startsWith("column 'site' has 2 distinct group(s); a group split needs at least 3"),
                    e.getMessage());
        }
    }
}
