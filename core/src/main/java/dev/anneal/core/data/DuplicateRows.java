package dev.anneal.core.data;

import java.util.Arrays;
import java.util.List;

/**
 * Finds the rows of a table that repeat an earlier row exactly: every column equal, a missing value equal
 * to a missing value.
 *
 * <p>Each row is hashed once, column by column; rows are compared value by value only when their hashes
 * meet in an open-addressing table, so no row is ever turned into a string or an object.
 */
public final class DuplicateRows {

    private DuplicateRows() {
    }

    /** The rows of {@code table} that repeat no earlier row, ascending: the first row of each set of equal rows. */
    public static int[] firstOccurrences(Table table) {
        int rows = table.rowCount();
        List<Column> columns = table.columns();
        int[] hashes = new int[rows];
        for (Column column : columns) {
            for (int row = 0; row < rows; row++) {
                hashes[row] = 31 * hashes[row] + column.valueHash(row);
            }
        }
        int[] slots = new int[Integer.highestOneBit(Math.max(1, rows)) << 2];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        int[] kept = new int[rows];
        int count = 0;
        for (int row = 0; row < rows; row++) {
            int hash = hashes[row] ^ (hashes[row] >>> 16);
            hashes[row] = hash;
            int slot = hash & mask;
            boolean repeat = false;
            for (int earlier = slots[slot]; earlier >= 0; earlier = slots[slot]) {
                if (hashes[earlier] == hash && sameRow(columns, earlier, row)) {
                    repeat = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (!repeat) {
                slots[slot] = row;
                kept[count++] = row;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    private static boolean sameRow(List<Column> columns, int row, int other) {
        for (Column column : columns) {
            if (!column.sameValue(row, other)) {
                return false;
            }
        }
        return true;
    }
}
