package dev.anneal.core.data;

/**
 * One named column of a {@link Table}, stored as a primitive array of its kind.
 *
 * <p>Columns are immutable; {@link #select(int[])} makes a new column from a subset of rows.
 */
public sealed interface Column permits NumericColumn, CategoryColumn, TextColumn, DateColumn {

    String name();

    /** The number of rows. */
    int size();

    /** Whether row {@code row} holds no value. */
    boolean isMissing(int row);

    /** The storage type of this column; {@link ColumnType#ID} and {@link ColumnType#IGNORE} are roles, not storage. */
    ColumnType type();

    /** A new column holding the given rows, in the given order. */
    Column select(int[] rows);

    /** The same data under another name. */
    Column rename(String newName);

    /** The value of {@code row} as text, as a reader would show it; {@code null} when missing. */
    String format(int row);

    /** A hash of the value of {@code row}, the same for any two rows {@link #sameValue} finds equal. */
    int valueHash(int row);

    /** Whether rows {@code row} and {@code other} hold the same value; two missing values are the same. */
    boolean sameValue(int row, int other);

    /** The number of missing rows. */
    default int missingCount() {
        int missing = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                missing++;
            }
        }
        return missing;
    }
}
