package dev.anneal.core.data;

import java.util.Arrays;

/**
 * A block of CSV records copied out of the parser's buffer: the characters of every kept field back to
 * back, where each field ends, and the file line each record starts on. The parsing thread fills one while
 * the column thread converts the previous one.
 */
final class RowBatch {

    /** Records per batch: large enough that hand-overs are rare, small enough to stay in cache. */
    static final int ROWS = 2048;

    final int width;
    final int[] ends;
    final long[] lines = new long[ROWS];
    char[] chars = new char[1 << 16];
    int charCount;
    int rows;
    private int recordStart;

    RowBatch(int width) {
        this.width = width;
        this.ends = new int[ROWS * width];
    }

    boolean isFull() {
        return rows == ROWS;
    }

    /** Marks the start of a record, so a blank line can be taken back. */
    void beginRecord() {
        recordStart = charCount;
    }

    /** Appends field {@code column} (fields arrive in order, at most {@code width} of them) of the open record. */
    void addField(int column, char[] buf, int off, int len) {
        if (charCount + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + len));
        }
        System.arraycopy(buf, off, chars, charCount, len);
        charCount += len;
        ends[rows * width + column] = charCount;
    }

    /** Forgets the fields of the open record (a blank line). */
    void dropRecord() {
        charCount = recordStart;
    }

    /** Keeps the open record, which has exactly {@code width} fields and started on {@code line}. */
    void commitRecord(long line) {
        lines[rows++] = line;
    }

    /** Where field {@code index} ({@code row * width + column}) starts in {@link #chars}. */
    int start(int index) {
        return index == 0 ? 0 : ends[index - 1];
    }

    void clear() {
        charCount = 0;
        rows = 0;
        recordStart = 0;
    }
}
