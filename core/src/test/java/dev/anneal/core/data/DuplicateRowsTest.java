package dev.anneal.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exact duplicate rows ({@code data.deduplicate}): every column equal, the first of each kept. */
class DuplicateRowsTest {

    @Test
    void keepsTheFirstOfEachSetOfEqualRows() {
        Table table = new Table(List.of(
                new NumericColumn("x", new double[] {1, 2, 1, 1, Double.NaN, Double.NaN, 0.0, -0.0}),
                new CategoryColumn("c", new int[] {0, 0, 0, 1, -1, -1, 0, 0}, List.of("a", "b")),
                new TextColumn("t", new String[] {"p", "p", "p", "p", null, null, "p", "p"}),
                new DateColumn("d", new long[] {5, 5, 5, 5, DateColumn.MISSING, DateColumn.MISSING, 5, 5})));
        // row 2 repeats row 0; row 3 differs in c; row 5 repeats row 4 (all missing); row 7 repeats row 6 (0 == -0)
        assertArrayEquals(new int[] {0, 1, 3, 4, 6}, DuplicateRows.firstOccurrences(table));
    }

    @Test
    void rowsThatDifferOnlyInTheTargetAreKept() {
        Table table = new Table(List.of(
                new NumericColumn("x", new double[] {1, 1, 1}),
                new CategoryColumn("target", new int[] {0, 1, 0}, List.of("no", "yes"))));
        assertArrayEquals(new int[] {0, 1}, DuplicateRows.firstOccurrences(table));
    }

    @Test
    void rowsWhoseHashesCollideAreComparedByValue() {
        // "Aa" and "BB" have the same String.hashCode.
        Table table = new Table(List.of(new TextColumn("t", new String[] {"Aa", "BB", "Aa", "BB"})));
        assertArrayEquals(new int[] {0, 1}, DuplicateRows.firstOccurrences(table));
    }

    @Test
    void anEmptyTableHasNoRows() {
        assertArrayEquals(new int[0], DuplicateRows.firstOccurrences(new Table(List.of(new NumericColumn("x", new double[0])))));
    }

    @Test
    void agreesWithComparingWholeRowsAsText() {
        Random random = new Random(7);
        int rows = 20_000;
        double[] numbers = new double[rows];
        int[] codes = new int[rows];
        for (int row = 0; row < rows; row++) {
            numbers[row] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(30);
            codes[row] = random.nextInt(12) - 1;
        }
        Table table = new Table(List.of(new NumericColumn("x", numbers),
                new CategoryColumn("c", codes, List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"))));
        List<Integer> expected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int row = 0; row < rows; row++) {
            if (seen.add(numbers[row] + "|" + codes[row])) {
                expected.add(row);
            }
        }
        int[] kept = DuplicateRows.firstOccurrences(table);
        assertEquals(expected.size(), kept.length);
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), kept);
    }
}
