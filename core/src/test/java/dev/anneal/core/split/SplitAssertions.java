package dev.anneal.core.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Checks shared by the split tests. */
final class SplitAssertions {

    private SplitAssertions() {}

    /** Every row in {@code [0, n)} is in exactly one split, and each split is sorted ascending. */
    static void assertPartition(Split split, int n) {
        int[] seen = new int[n];
        for (int[] rows : new int[][] {split.train(), split.validation(), split.test()}) {
            for (int i = 0; i < rows.length; i++) {
                assertTrue(rows[i] >= 0 && rows[i] < n, "row " + rows[i] + " outside [0, " + n + ")");
                assertTrue(i == 0 || rows[i - 1] < rows[i], "not sorted ascending at " + i);
                seen[rows[i]]++;
            }
        }
        for (int row = 0; row < n; row++) {
            if (seen[row] != 1) {
                fail("row " + row + " is in " + seen[row] + " splits");
            }
        }
        assertEquals(n, split.size());
    }

    static void assertSizes(Split split, int train, int validation, int test) {
        assertEquals(train, split.train().length, "train size");
        assertEquals(validation, split.validation().length, "validation size");
        assertEquals(test, split.test().length, "test size");
    }

    static int[][] parts(Split split) {
        return new int[][] {split.train(), split.validation(), split.test()};
    }
}
