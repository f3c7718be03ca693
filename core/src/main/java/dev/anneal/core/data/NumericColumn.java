package dev.anneal.core.data;

import java.util.Objects;

/** A numeric column; {@code NaN} marks a missing value. The array is owned by the column: never mutate it. */
public record NumericColumn(String name, double[] values) implements Column {

    public NumericColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    /** The value at {@code row}; NaN when missing. */
    public double get(int row) {
        return values[row];
    }

    /** {@code -0.0} and {@code 0.0} hash alike, as do all NaNs. */
    @Override
    public int valueHash(int row) {
        return Double.hashCode(values[row] + 0.0);
    }

    @Override
    public boolean sameValue(int row, int other) {
        double a = values[row];
        double b = values[other];
        return a == b || (Double.isNaN(a) && Double.isNaN(b));
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new NumericColumn(name, out);
    }

    @Override
    public NumericColumn rename(String newName) {
        return new NumericColumn(newName, values);
    }

    @Override
    public String format(int row) {
        double v = values[row];
        if (Double.isNaN(v)) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
