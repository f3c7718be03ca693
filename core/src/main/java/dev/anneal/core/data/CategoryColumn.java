package dev.anneal.core.data;

import java.util.List;
import java.util.Objects;

/**
 * A dictionary-coded column of labels: {@code codes[row]} indexes {@code levels}, and {@code -1} marks a
 * missing value. Levels are kept in the order they were first seen.
 */
public record CategoryColumn(String name, int[] codes, List<String> levels) implements Column {

    /** The code of a missing value. */
    public static final int MISSING = -1;

    public CategoryColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codes, "codes");
        levels = List.copyOf(levels);
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] == MISSING;
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORY;
    }

    /** The label at {@code row}, or {@code null} when missing. */
    public String label(int row) {
        int code = codes[row];
        return code == MISSING ? null : levels.get(code);
    }

    /** How many rows hold each level, indexed by code. */
    public int[] levelCounts() {
        int[] counts = new int[levels.size()];
        for (int code : codes) {
            if (code != MISSING) {
                counts[code]++;
            }
        }
        return counts;
    }

    @Override
    public int valueHash(int row) {
        return codes[row];
    }

    /** Levels are distinct, so equal labels have equal codes. */
    @Override
    public boolean sameValue(int row, int other) {
        return codes[row] == codes[other];
    }

    @Override
    public CategoryColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = codes[rows[i]];
        }
        return new CategoryColumn(name, out, levels);
    }

    @Override
    public CategoryColumn rename(String newName) {
        return new CategoryColumn(newName, codes, levels);
    }

    @Override
    public String format(int row) {
        return label(row);
    }
}
