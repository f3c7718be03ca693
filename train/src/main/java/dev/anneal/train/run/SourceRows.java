package dev.anneal.train.run;

import dev.anneal.core.split.Split;
import java.util.Arrays;

/**
 * Which data-file row each row of the prepared table is. The table can hold fewer rows than the file
 * ({@code data.deduplicate} removes repeated rows), but a split is read from a file ({@code split.file})
 * and written to one ({@code splits.json}) in data-file rows, so that its indices name rows of the data
 * file whatever was removed; in memory it counts table rows.
 */
final class SourceRows {

    private final int[] rows;
    private final int fileRows;

    /**
     * @param rows the data-file row of each table row, ascending
     * @param fileRows the number of data rows in the file
     */
    SourceRows(int[] rows, int fileRows) {
        this.rows = rows.clone();
        this.fileRows = fileRows;
    }

    /** Every row of a file of {@code count} data rows, in order. */
    static SourceRows all(int count) {
        int[] rows = new int[count];
        Arrays.setAll(rows, row -> row);
        return new SourceRows(rows, count);
    }

    /** The number of data rows in the file. */
    int fileRows() {
        return fileRows;
    }

    /** How many data rows of the file the table does not hold. */
    int removed() {
        return fileRows - rows.length;
    }

    /** {@code split} of table rows as data-file rows. */
    Split toFileRows(Split split) {
        return new Split(toFile(split.train()), toFile(split.validation()), toFile(split.test()));
    }

    /** {@code split} of data-file rows as table rows; a file row the table does not hold is left out. */
    Split fromFileRows(Split split) {
        int[] tableRow = new int[fileRows];
        Arrays.fill(tableRow, -1);
        for (int row = 0; row < rows.length; row++) {
            tableRow[rows[row]] = row;
        }
        return new Split(fromFile(split.train(), tableRow), fromFile(split.validation(), tableRow),
                fromFile(split.test(), tableRow));
    }

    private int[] toFile(int[] tableRows) {
        return Arrays.stream(tableRows).map(row -> rows[row]).toArray();
    }

    private static int[] fromFile(int[] fileRows, int[] tableRow) {
        return Arrays.stream(fileRows).map(row -> tableRow[row]).filter(row -> row >= 0).toArray();
    }
}
