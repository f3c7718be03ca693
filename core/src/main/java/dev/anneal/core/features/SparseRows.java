package dev.anneal.core.features;

import java.util.Objects;

/**
 * A sparse row-major float matrix in compressed sparse row form: row {@code r}'s entries are
 * {@code values[rowStarts[r] .. rowStarts[r + 1])} in the columns {@code columns[...]} (ascending).
 * Wide, mostly empty features (TF-IDF of text) travel this way so that no dense copy is ever made.
 * The arrays are owned by the instance: never mutate them.
 */
public record SparseRows(long[] rowStarts, int[] columns, float[] values, int cols) {

    public SparseRows {
        Objects.requireNonNull(rowStarts, "rowStarts");
        if (rowStarts.length == 0 || rowStarts[0] != 0 || rowStarts[rowStarts.length - 1] != values.length
                || columns.length != values.length) {
            throw new IllegalArgumentException("inconsistent CSR arrays: " + rowStarts.length + " row starts, "
                    + columns.length + " columns, " + values.length + " values");
        }
    }

    /** The number of rows. */
    public int rows() {
        return rowStarts.length - 1;
    }

    /** The number of stored entries. */
    public long entries() {
        return values.length;
    }

    /** These rows and {@code right}'s side by side (same row count); {@code right}'s columns follow ours. */
    public SparseRows beside(SparseRows right) {
        if (right.rows() != rows()) {
            throw new IllegalArgumentException(rows() + " rows beside " + right.rows());
        }
        long[] starts = new long[rowStarts.length];
        int[] outColumns = new int[columns.length + right.columns.length];
        float[] outValues = new float[outColumns.length];
        int at = 0;
        for (int r = 0; r < rows(); r++) {
            for (long i = rowStarts[r]; i < rowStarts[r + 1]; i++) {
                outColumns[at] = columns[(int) i];
                outValues[at++] = values[(int) i];
            }
            for (long i = right.rowStarts[r]; i < right.rowStarts[r + 1]; i++) {
                outColumns[at] = cols + right.columns[(int) i];
                outValues[at++] = right.values[(int) i];
            }
            starts[r + 1] = at;
        }
        return new SparseRows(starts, outColumns, outValues, cols + right.cols);
    }
}
