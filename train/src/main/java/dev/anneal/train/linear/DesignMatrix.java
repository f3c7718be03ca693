package dev.anneal.train.linear;

/** The argument checks every linear solver makes on its dense row-major input matrix. */
final class DesignMatrix {

    private DesignMatrix() {
    }

    /**
     * Checks that {@code x} holds {@code rows x cols} finite values and that there is one target per row.
     *
     * @param targets the length of the target array, or -1 when it is absent
     * @throws IllegalArgumentException naming the first problem
     */
    static void check(float[] x, int rows, int cols, int targets) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("need at least one row and one column, got " + rows + " x " + cols);
        }
        if (x == null || (long) rows * cols != x.length) {
            throw new IllegalArgumentException("x must hold rows x cols = " + rows + " x " + cols + " values, has "
                    + (x == null ? "none" : x.length));
        }
        if (targets != rows) {
            throw new IllegalArgumentException("y must have one target per row (" + rows + "), has "
                    + (targets < 0 ? "none" : targets));
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("x has a non-finite value " + x[i] + " at row " + (i / cols)
                        + ", column " + (i % cols));
            }
        }
    }
}
