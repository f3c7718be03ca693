package dev.anneal.core.data;

import java.util.Arrays;

/**
 * Builds one column from fields handed over row by row, without row objects.
 *
 * <p>It starts numeric (a growing {@code double[]}) unless the column is declared otherwise. At the first
 * field that is not a number it switches to dictionary-coded labels; if numbers had already been taken by
 * then, their original text is gone ({@code "007"} became 7), so the column is marked {@link Mode#REREAD}
 * and the reader fills it from a second pass over the file. Rows are written at an index the caller
 * chooses, so a row can be rewritten (a blank line that turns out to be no record).
 */
final class ColumnAccumulator {

    enum Mode {
        /** Numbers so far. */
        NUMERIC,
        /** Dictionary-coded labels. */
        LABELS,
        /** Switched after numbers were taken: the second pass reads it as labels. */
        REREAD,
        /** Declared ignore: not kept. */
        SKIP
    }

    /** Thrown when a column declared numeric holds a field that is not a number. */
    static final class NotANumber extends RuntimeException {
        NotANumber() {
            super(null, null, false, false);
        }
    }

    private final String name;
    private final boolean mustBeNumeric;
    private final char[][] naTokens;
    private Mode mode;
    private boolean tookNumber;
    private double[] numbers;
    private int[] codes;
    private LevelDictionary dictionary;

    ColumnAccumulator(String name, ColumnType declared, char[][] naTokens, int capacity) {
        this.name = name;
        this.naTokens = naTokens;
        this.mustBeNumeric = declared == ColumnType.NUMERIC;
        if (declared == ColumnType.IGNORE) {
            mode = Mode.SKIP;
        } else if (declared == null || declared == ColumnType.NUMERIC) {
            mode = Mode.NUMERIC;
            numbers = new double[capacity];
        } else {
            startLabels(capacity);
        }
    }

    /** A column for the second pass: labels from the start. */
    static ColumnAccumulator labels(String name, char[][] naTokens, int capacity) {
        return new ColumnAccumulator(name, ColumnType.CATEGORY, naTokens, capacity);
    }

    String name() {
        return name;
    }

    Mode mode() {
        return mode;
    }

    /** Makes room for rows {@code [0, rows)}. */
    void ensureCapacity(int rows) {
        if (mode == Mode.NUMERIC && numbers.length < rows) {
            numbers = Arrays.copyOf(numbers, grow(numbers.length, rows));
        } else if (mode == Mode.LABELS && codes.length < rows) {
            codes = Arrays.copyOf(codes, grow(codes.length, rows));
        }
    }

    /**
     * Stores the field {@code buf[off, off + len)} at {@code row}; rows before it are already stored.
     *
     * @throws NotANumber when the column is declared numeric and the field is not a number
     */
    void accept(int row, char[] buf, int off, int len) {
        switch (mode) {
            case NUMERIC -> {
                if (len == 0 || isNaToken(buf, off, len)) {
                    numbers[row] = Double.NaN;
                    return;
                }
                double value = Numbers.parse(buf, off, len);
                if (!Double.isNaN(value)) {
                    numbers[row] = value;
                    tookNumber = true;
                    return;
                }
                if (mustBeNumeric) {
                    throw new NotANumber();
                }
                if (tookNumber) {
                    mode = Mode.REREAD;
                    numbers = null;
                    return;
                }
                int capacity = numbers.length;
                numbers = null;
                startLabels(capacity);
                Arrays.fill(codes, 0, row, CategoryColumn.MISSING);
                codes[row] = dictionary.code(buf, off, len);
            }
            case LABELS -> {
                if (len == 0 || isNaToken(buf, off, len)) {
                    codes[row] = CategoryColumn.MISSING;
                } else {
                    codes[row] = dictionary.code(buf, off, len);
                }
            }
            default -> {
                // REREAD and SKIP keep nothing on this pass.
            }
        }
    }

    /** The finished column of {@code rows} rows; only for {@link Mode#NUMERIC} and {@link Mode#LABELS}. */
    Column build(int rows) {
        return switch (mode) {
            case NUMERIC -> new NumericColumn(name, numbers.length == rows ? numbers : Arrays.copyOf(numbers, rows));
            case LABELS -> new CategoryColumn(name, codes.length == rows ? codes : Arrays.copyOf(codes, rows),
                    dictionary.levels());
            default -> throw new IllegalStateException("column " + name + " is " + mode);
        };
    }

    private void startLabels(int capacity) {
        mode = Mode.LABELS;
        codes = new int[capacity];
        dictionary = new LevelDictionary();
    }

    private boolean isNaToken(char[] buf, int off, int len) {
        for (char[] token : naTokens) {
            if (token.length == len && Arrays.equals(token, 0, len, buf, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    private static int grow(int current, int needed) {
        long grown = Math.max((long) needed, current + (current >> 1) + 16L);
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many rows for one column: " + needed);
        }
        return (int) grown;
    }
}
