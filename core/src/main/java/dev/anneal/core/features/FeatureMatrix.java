package dev.anneal.core.features;

import java.util.List;
import java.util.Objects;

/**
 * The model inputs of some rows: a dense row-major float part of {@code cols} columns, and optionally a
 * sparse part ({@link SparseRows}) whose columns follow the dense ones, with one name per column
 * ({@code column__part}) over both. {@code NaN} marks a missing dense value that a model handles itself
 * (trees); linear and neural inputs have none. A sparse entry that is absent is zero to a linear model
 * and missing to a tree, as scikit-learn and XGBoost treat sparse input. The arrays are owned by the
 * matrix: never mutate them.
 *
 * @param sparse the sparse columns, or {@code null} when there are none
 */
public record FeatureMatrix(float[] values, int rows, int cols, List<String> names, SparseRows sparse) {

    public FeatureMatrix {
        Objects.requireNonNull(values, "values");
        names = List.copyOf(names);
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("values has " + values.length + " entries, expected " + rows + " x " + cols);
        }
        if (sparse != null && sparse.rows() != rows) {
            throw new IllegalArgumentException("sparse part has " + sparse.rows() + " rows, expected " + rows);
        }
        if (names.size() != cols + (sparse == null ? 0 : sparse.cols())) {
            throw new IllegalArgumentException(names.size() + " names for " + cols + " dense and "
                    + (sparse == null ? 0 : sparse.cols()) + " sparse columns");
        }
    }

    /** A dense matrix. */
    public FeatureMatrix(float[] values, int rows, int cols, List<String> names) {
        this(values, rows, cols, names, null);
    }

    /** The number of columns, dense and sparse. */
    public int width() {
        return names.size();
    }

    /** The value at ({@code row}, {@code col}). */
    public float get(int row, int col) {
        return values[row * cols + col];
    }
}
