package dev.anneal.core.features;

import java.util.List;
import java.util.Objects;

/**
 * A dense row-major float matrix of model inputs with one name per column ({@code column__part}).
 * {@code NaN} marks a missing value that a model handles itself (trees); linear and neural inputs have none.
 * The array is owned by the matrix: never mutate it.
 */
public record FeatureMatrix(float[] values, int rows, int cols, List<String> names) {

    public FeatureMatrix {
        Objects.requireNonNull(values, "values");
        names = List.copyOf(names);
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("values has " + values.length + " entries, expected " + rows + " x " + cols);
        }
        if (names.size() != cols) {
            throw new IllegalArgumentException(names.size() + " names for " + cols + " columns");
        }
    }

    /** The value at ({@code row}, {@code col}). */
    public float get(int row, int col) {
        return values[row * cols + col];
    }
}
