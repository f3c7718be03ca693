package dev.anneal.serve.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Calls that refill the same reused input tensors (one thread, one row count, other values) each score their
 * own values, on one thread and on several at once, and calls too large for reuse score as before.
 */
class BundleSessionTest {

    /** The golden rows, one graph-input batch per row, and the recorded probability of "yes" per row. */
    private record Golden(List<Map<String, Object>> rows, float[] yes) {
    }

    private static Golden golden() throws Exception {
        List<String> expected = Files.readAllLines(GoldenRows.golden("expected.csv"));
        float[] yes = new float[expected.size() - 1];
        for (int row = 0; row < yes.length; row++) {
            yes[row] = Float.parseFloat(expected.get(row + 1).split(",")[2]);
        }
        return new Golden(GoldenRows.singleRows(), yes);
    }

    private static BundleSession open() throws Exception {
        return BundleSession.open(GoldenRows.model(), "cpu", 1, w -> { });
    }

    @Test
    void callsOfTheSameSizeEachScoreTheirOwnValues() throws Exception {
        Golden golden = golden();
        try (BundleSession session = open()) {
            for (int round = 0; round < 3; round++) {
                for (int row = 0; row < golden.rows().size(); row++) {
                    float yes = session.score(golden.rows().get(row)).probabilities()[0][1];
                    assertEquals(golden.yes()[row], yes, 1e-6f, "row " + row + " in round " + round);
                }
                // Two rows at a time: the pairs of another row count, in both orders.
                for (int row = 0; row + 1 < golden.rows().size(); row++) {
                    float[][] pair = session.score(InputBatches.join(
                            List.of(golden.rows().get(row + 1), golden.rows().get(row)))).probabilities();
                    assertArrayEquals(new float[] {golden.yes()[row + 1], golden.yes()[row]},
                            new float[] {pair[0][1], pair[1][1]}, 1e-6f);
                }
            }
        }
    }

    @Test
    void threadsScoringAtOnceEachGetTheirOwnScores() throws Exception {
        Golden golden = golden();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (BundleSession session = open()) {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int row = (i + offset) % golden.rows().size();
                        assertEquals(golden.yes()[row], session.score(golden.rows().get(row)).probabilities()[0][1],
                                1e-6f, "row " + row);
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aCallLargerThanTheReusedTensorsScoresAsRowsAlone() throws Exception {
        Golden golden = golden();
        List<Map<String, Object>> many = new ArrayList<>();
        for (int copy = 0; copy < 10; copy++) {
            many.addAll(golden.rows());
        }
        Collections.rotate(many, 3);
        try (BundleSession session = open()) {
            float[][] probabilities = session.score(InputBatches.join(many)).probabilities();
            assertEquals(many.size(), probabilities.length);
            for (int i = 0; i < many.size(); i++) {
                int row = Math.floorMod(i - 3, golden.rows().size());
                assertEquals(golden.yes()[row], probabilities[i][1], 1e-6f, "row " + i);
            }
        }
    }
}
