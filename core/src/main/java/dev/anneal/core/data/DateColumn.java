package dev.anneal.core.data;

import java.time.Instant;
import java.util.Objects;

/**
 * A column of instants in UTC, held as epoch seconds; {@link #MISSING} marks a missing value.
 * A date without a time of day is midnight UTC.
 */
public record DateColumn(String name, long[] epochSeconds) implements Column {

    /** The stored value of a missing row. */
    public static final long MISSING = Long.MIN_VALUE;

    public DateColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(epochSeconds, "epochSeconds");
    }

    @Override
    public int size() {
        return epochSeconds.length;
    }

    @Override
    public boolean isMissing(int row) {
        return epochSeconds[row] == MISSING;
    }

    @Override
    public ColumnType type() {
        return ColumnType.DATE;
    }

    @Override
    public int valueHash(int row) {
        return Long.hashCode(epochSeconds[row]);
    }

    @Override
    public boolean sameValue(int row, int other) {
        return epochSeconds[row] == epochSeconds[other];
    }

    @Override
    public DateColumn select(int[] rows) {
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = epochSeconds[rows[i]];
        }
        return new DateColumn(name, out);
    }

    @Override
    public DateColumn rename(String newName) {
        return new DateColumn(newName, epochSeconds);
    }

    @Override
    public String format(int row) {
        return isMissing(row) ? null : Instant.ofEpochSecond(epochSeconds[row]).toString();
    }
}
