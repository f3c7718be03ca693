package dev.anneal.core.split;

import java.util.Arrays;
import java.util.Objects;

/**
 * Which data rows train, validate and test a model: 0-based data-row indices (the header is not a row),
 * each array sorted ascending, no row in two splits.
 *
 * <p>A split may leave rows out (a split file need not name every row); {@link #size()} counts only the
 * rows it holds. The arrays are copied in and out, so a {@code Split} is immutable. Jackson writes it as
 * {@code {"train": [...], "validation": [...], "test": [...]}} and reads that form back.
 */
public record Split(int[] train, int[] validation, int[] test) {

    /**
     * Copies and sorts the arrays.
     *
     * @throws IllegalArgumentException if an index is negative or appears more than once
     */
    public Split {
        train = sortedCopy(train, "train");
        validation = sortedCopy(validation, "validation");
        test = sortedCopy(test, "test");
        checkDisjoint(train, validation, test);
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    /** The number of rows in all three splits together. */
    public int size() {
        return train.length + validation.length + test.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split other
                && Arrays.equals(train, other.train)
                && Arrays.equals(validation, other.validation)
                && Arrays.equals(test, other.test);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(train), Arrays.hashCode(validation), Arrays.hashCode(test));
    }

    @Override
    public String toString() {
        return "Split[train=" + train.length + " rows, validation=" + validation.length
                + " rows, test=" + test.length + " rows]";
    }

    private static int[] sortedCopy(int[] rows, String name) {
        Objects.requireNonNull(rows, name);
        int[] copy = rows.clone();
        Arrays.sort(copy);
        if (copy.length > 0 && copy[0] < 0) {
            throw new IllegalArgumentException(name + " holds a negative row index: " + copy[0]);
        }
        return copy;
    }

    private static void checkDisjoint(int[]... splits) {
        int max = -1;
        for (int[] rows : splits) {
            if (rows.length > 0) {
                max = Math.max(max, rows[rows.length - 1]);
            }
        }
        boolean[] seen = new boolean[max + 1];
        for (int[] rows : splits) {
            for (int row : rows) {
                if (seen[row]) {
                    throw new IllegalArgumentException("row " + row + " appears more than once in the split");
                }
                seen[row] = true;
            }
        }
    }
}
