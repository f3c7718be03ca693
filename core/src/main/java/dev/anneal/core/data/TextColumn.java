package dev.anneal.core.data;

import java.util.Objects;

/** A column of free text, one string per row; {@code null} marks a missing value. */
public record TextColumn(String name, String[] values) implements Column {

    public TextColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == null;
    }

    @Override
    public ColumnType type() {
        return ColumnType.TEXT;
    }

    @Override
    public int valueHash(int row) {
        return Objects.hashCode(values[row]);
    }

    @Override
    public boolean sameValue(int row, int other) {
        return Objects.equals(values[row], values[other]);
    }

    @Override
    public TextColumn select(int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new TextColumn(name, out);
    }

    @Override
    public TextColumn rename(String newName) {
        return new TextColumn(newName, values);
    }

    @Override
    public String format(int row) {
        return values[row];
    }
}
