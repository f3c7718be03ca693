package dev.anneal.core.split;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Decides how many rows of each class go to each split, for {@link Splitter#stratified}.
 *
 * <p>Class {@code c} with {@code m} rows has the exact share {@code q = m * total[s] / n} of split
 * {@code s}. Each cell gets {@code floor(q)} or {@code ceil(q)}, and row and column sums come out exact.
 * Such a rounding always exists (the fractional parts themselves are a feasible flow in a bipartite
 * network with unit capacities, so an integral one exists too); it is found by augmenting paths,
 * preferring the largest fractional parts first. Arithmetic is integral, so there is no float drift.
 * The unconstrained problem is always feasible, so {@link #allocate} always returns a rounding.
 */
final class StratifiedAllocation {

    private StratifiedAllocation() {}

    /** Returns {@code allocation[class][split]} for class sizes {@code counts} and split sizes {@code totals}. */
    static int[][] allocate(int[] counts, int[] totals) {
        long n = 0;
        for (int count : counts) {
            n += count;
        }
        if (n == 0) {
            return new int[counts.length][3];
        }
        int classes = counts.length;
        int[][] floor = new int[classes][3];
        long[][] remainder = new long[classes][3];
        for (int c = 0; c < classes; c++) {
            for (int s = 0; s < 3; s++) {
                long share = (long) counts[c] * totals[s];
                floor[c][s] = (int) (share / n);
                remainder[c][s] = share % n;
            }
        }
        // A class whose train share is under one row would often get no train row, and a class the model
        // never trains on cannot be predicted. So such classes, smallest first, are given one train row
        // (their share rounded up), as many as the rounding rule allows; feasibility only shrinks as more
        // are forced, so a binary search finds the most.
        Integer[] tiny = IntStream.range(0, classes)
                .filter(c -> counts[c] > 0 && floor[c][0] == 0 && remainder[c][0] > 0)
                .boxed()
                .sorted(Comparator.comparingInt((Integer c) -> counts[c]).thenComparingInt(c -> c))
                .toArray(Integer[]::new);
        int[][] best = solve(counts, totals, floor, remainder, new boolean[classes]);
        int low = 0;
        int high = tiny.length;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            boolean[] forced = new boolean[classes];
            for (int k = 0; k < mid; k++) {
                forced[tiny[k]] = true;
            }
            int[][] attempt = solve(counts, totals, floor, remainder, forced);
            if (attempt != null) {
                best = attempt;
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return best;
    }

    /** A rounding with the {@code forced} classes' train cells rounded up, or {@code null} if none exists. */
    private static int[][] solve(int[] counts, int[] totals, int[][] floor, long[][] remainder, boolean[] forced) {
        int classes = counts.length;
        int[][] base = new int[classes][];
        boolean[][] open = new boolean[classes][3];
        int[] rowLeft = new int[classes];
        int[] colLeft = totals.clone();
        for (int c = 0; c < classes; c++) {
            base[c] = floor[c].clone();
            for (int s = 0; s < 3; s++) {
                open[c][s] = remainder[c][s] > 0;
            }
            if (forced[c]) {
                base[c][0] = 1;
                open[c][0] = false;
            }
            rowLeft[c] = counts[c] - base[c][0] - base[c][1] - base[c][2];
            for (int s = 0; s < 3; s++) {
                colLeft[s] -= base[c][s];
            }
        }
        for (int s = 0; s < 3; s++) {
            if (colLeft[s] < 0) {
                return null;
            }
        }
        boolean[][] extra = new boolean[classes][3];
        // Greedy pass: each class takes its largest fractional parts while the split has room.
        for (int c = 0; c < classes; c++) {
            for (int s : byRemainder(remainder[c])) {
                if (rowLeft[c] > 0 && open[c][s] && colLeft[s] > 0) {
                    extra[c][s] = true;
                    rowLeft[c]--;
                    colLeft[s]--;
                }
            }
        }
        for (int c = 0; c < classes; c++) {
            while (rowLeft[c] > 0) {
                if (!augment(c, open, extra, colLeft, remainder)) {
                    return null;
                }
                rowLeft[c]--;
            }
        }
        int[][] result = new int[classes][3];
        for (int c = 0; c < classes; c++) {
            for (int s = 0; s < 3; s++) {
                result[c][s] = base[c][s] + (extra[c][s] ? 1 : 0);
            }
        }
        return result;
    }

    /**
     * Finds a path start → split → class → split ... ending at a split with room, alternating unused and
     * used cells, and flips it: class {@code start} gains one extra row and every other count is unchanged.
     */
    private static boolean augment(int start, boolean[][] open, boolean[][] extra, int[] colLeft,
            long[][] remainder) {
        int classes = open.length;
        int[] splitFrom = new int[3];
        int[] classFrom = new int[classes];
        Arrays.fill(splitFrom, -1);
        Arrays.fill(classFrom, -2);
        classFrom[start] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            int c = queue.poll();
            for (int s : byRemainder(remainder[c])) {
                if (!open[c][s] || extra[c][s] || splitFrom[s] >= 0) {
                    continue;
                }
                splitFrom[s] = c;
                if (colLeft[s] > 0) {
                    colLeft[s]--;
                    flip(s, splitFrom, classFrom, extra);
                    return true;
                }
                for (int other = 0; other < classes; other++) {
                    if (extra[other][s] && classFrom[other] == -2) {
                        classFrom[other] = s;
                        queue.add(other);
                    }
                }
            }
        }
        return false;
    }

    private static void flip(int split, int[] splitFrom, int[] classFrom, boolean[][] extra) {
        int s = split;
        while (true) {
            int c = splitFrom[s];
            extra[c][s] = true;
            int previous = classFrom[c];
            if (previous < 0) {
                return;
            }
            extra[c][previous] = false;
            s = previous;
        }
    }

    private static int[] byRemainder(long[] remainder) {
        Integer[] order = {0, 1, 2};
        Arrays.sort(order, (a, b) -> Long.compare(remainder[b], remainder[a]));
        return new int[] {order[0], order[1], order[2]};
    }
}
