package dev.anneal.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.core.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; the scikit-learn comparisons are in {@link MetricsGoldenTest}. */
class MetricsTest {

    /** Passes when {@code actual} is within 1e-9 of {@code expected}, absolutely or relatively. */
    static void assertClose(double expected, double actual, String what) {
        double diff = Math.abs(expected - actual);
        if (!(diff <= 1e-9 || diff <= 1e-9 * Math.abs(expected))) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    @Test
    void perfectRankingHasAucAndAveragePrecisionOne() {
        int[] y = {0, 0, 1, 1, 0, 1};
        double[] p = {0.1, 0.2, 0.8, 0.9, 0.3, 0.7};
        assertEquals(1.0, Metrics.rocAuc(y, p));
        assertEquals(1.0, Metrics.averagePrecision(y, p));
        double[] reversed = {0.9, 0.8, 0.2, 0.1, 0.7, 0.3};
        assertEquals(0.0, Metrics.rocAuc(y, reversed));
    }

    @Test
    void identicalPredictionsHaveAucOneHalf() {
        int[] y = {0, 1, 1, 0, 0};
        double[] p = {0.4, 0.4, 0.4, 0.4, 0.4};
        assertEquals(0.5, Metrics.rocAuc(y, p));
        // One threshold: precision is the prevalence and recall jumps from 0 to 1.
        assertEquals(0.4, Metrics.averagePrecision(y, p), 1e-15);
    }

    @Test
    void tiesCountHalf() {
        // Pairs (pos, neg): 0.8 beats both negatives, 0.4 ties 0.4 and beats 0.1: (2 + 1.5) / 4.
        int[] y = {0, 0, 1, 1};
        double[] p = {0.1, 0.4, 0.4, 0.8};
        assertEquals(0.875, Metrics.rocAuc(y, p));
        // Thresholds 0.8: P=1, R=1/2; 0.4: P=2/3, R=1. AP = 1/2 * 1 + 1/2 * 2/3.
        assertEquals(0.5 + 1.0 / 3, Metrics.averagePrecision(y, p), 1e-15);
        // -0.0 and 0.0 are the same score.
        assertEquals(0.5, Metrics.rocAuc(new int[] {0, 1}, new double[] {-0.0, 0.0}));
    }

    @Test
    void oneClassLeavesRankingMetricsUndefined() {
        assertTrue(Double.isNaN(Metrics.rocAuc(new int[] {1, 1}, new double[] {0.2, 0.9})));
        assertTrue(Double.isNaN(Metrics.rocAuc(new int[] {0, 0}, new double[] {0.2, 0.9})));
        assertTrue(Double.isNaN(Metrics.averagePrecision(new int[] {0, 0}, new double[] {0.2, 0.9})));
        assertEquals(1.0, Metrics.averagePrecision(new int[] {1, 1}, new double[] {0.2, 0.9}));
    }

    @Test
    void aucMatchesCountingPairsOnRandomTiedScores() {
        Random random = new Random(7);
        int n = 1500;
        int[] y = new int[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(4) == 0 ? 1 : 0;
            p[i] = Math.round((random.nextDouble() + 0.3 * y[i]) * 20) / 20.0;
        }
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                }
            }
        }
        assertClose(wins / pairs, Metrics.rocAuc(y, p), "roc_auc");
    }

    @Test
    void rankingMetricsScaleToMillionsOfRows() {
        Random random = new Random(3);
        int n = 2_000_000;
        int[] y = new int[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(10) == 0 ? 1 : 0;
            p[i] = random.nextDouble();
        }
        Map<String, Double> m = assertTimeout(Duration.ofSeconds(20), () -> Metrics.binary(y, p, 0.5));
        assertEquals(0.5, m.get("roc_auc"), 0.01);
        assertEquals(0.1, m.get("pr_auc"), 0.01);
    }

    @Test
    void bestF1Threshold() {
        // Thresholds 0.9, 0.7, 0.5, 0.4, 0.1 give F1 1/2, 4/5, 2/3, 6/7, 3/4.
        assertEquals(0.4, Metrics.bestF1Threshold(new int[] {0, 1, 0, 1, 1}, new double[] {0.1, 0.4, 0.5, 0.7, 0.9}));
        // 0.9 and 0.6 both give F1 2/3; the higher wins.
        assertEquals(0.9, Metrics.bestF1Threshold(new int[] {1, 0, 0, 1}, new double[] {0.9, 0.8, 0.7, 0.6}));
        // The best threshold reaches the F1 that binary reports for it.
        int[] y = {1, 0, 1, 1, 0, 0, 1, 0};
        double[] p = {0.3, 0.3, 0.6, 0.2, 0.1, 0.55, 0.9, 0.8};
        double best = Metrics.bestF1Threshold(y, p);
        double bestF1 = Metrics.binary(y, p, best).get("f1");
        for (double t : p) {
            assertTrue(Metrics.binary(y, p, t).get("f1") <= bestF1, "threshold " + t);
        }
    }

    @Test
    void binaryAtThreshold() {
        int[] y = {1, 0, 1, 0, 1};
        double[] p = {0.5, 0.49, 0.2, 0.7, 0.9};
        Map<String, Double> m = Metrics.binary(y, p, 0.5);
        assertEquals(List.of("roc_auc", "pr_auc", "log_loss", "brier", "accuracy", "precision", "recall", "f1",
                "threshold"), List.copyOf(m.keySet()));
        // Positive predicted at p >= 0.5: rows 0, 3, 4. tp = 2, fp = 1, fn = 1, tn = 1.
        assertEquals(3.0 / 5, m.get("accuracy"));
        assertEquals(2.0 / 3, m.get("precision"));
        assertEquals(2.0 / 3, m.get("recall"));
        assertEquals(2.0 / 3, m.get("f1"), 1e-15);
        assertEquals(0.5, m.get("threshold"));
        double brier = (0.25 + 0.49 * 0.49 + 0.64 + 0.49 + 0.01) / 5;
        assertEquals(brier, m.get("brier"), 1e-15);
    }

    @Test
    void zeroDivisionGivesZero() {
        Map<String, Double> m = Metrics.binary(new int[] {1, 0, 1}, new double[] {0.2, 0.3, 0.4}, 0.99);
        assertEquals(0.0, m.get("precision"));
        assertEquals(0.0, m.get("recall"));
        assertEquals(0.0, m.get("f1"));
        Map<String, Double> noPositives = Metrics.binary(new int[] {0, 0}, new double[] {0.2, 0.6}, 0.5);
        assertEquals(0.0, noPositives.get("recall"));
        assertEquals(0.0, noPositives.get("f1"));
    }

    @Test
    void logLossClipsCertainMistakes() {
        double clipped = -Math.log(1e-15);
        assertEquals(clipped, Metrics.binary(new int[] {1}, new double[] {0.0}, 0.5).get("log_loss"), 1e-12);
        assertEquals(clipped, Metrics.binary(new int[] {0}, new double[] {1.0}, 0.5).get("log_loss"), 1e-3);
        assertEquals(clipped,
                Metrics.multiclass(new int[] {2}, new double[] {0.5, 0.5, 0.0}, 3).get("log_loss"), 1e-12);
    }

    @Test
    void multiclassArgmaxTakesTheFirstMaximum() {
        // Row 0 ties classes 1 and 2 and predicts 1; row 1 predicts 0; row 2 predicts 2.
        int[] y = {2, 0, 2};
        double[] probs = {0.2, 0.4, 0.4, 0.6, 0.3, 0.1, 0.1, 0.1, 0.8};
        Map<String, Double> m = Metrics.multiclass(y, probs, 3);
        assertEquals(List.of("accuracy", "macro_f1", "weighted_f1", "log_loss"), List.copyOf(m.keySet()));
        assertEquals(2.0 / 3, m.get("accuracy"));
        // F1: class 0 = 1, class 1 = 0 (predicted, never true), class 2 = 2/3.
        assertEquals((1 + 0 + 2.0 / 3) / 3, m.get("macro_f1"), 1e-15);
        assertEquals((1 + 2 * 2.0 / 3) / 3, m.get("weighted_f1"), 1e-15);
        assertEquals(-(Math.log(0.4) + Math.log(0.6) + Math.log(0.8)) / 3, m.get("log_loss"), 1e-15);
    }

    @Test
    void macroF1SkipsClassesNeitherTrueNorPredicted() {
        Map<String, Double> m = Metrics.multiclass(new int[] {0, 1}, new double[] {0.9, 0.1, 0, 0, 0.1, 0.9, 0, 0}, 4);
        assertEquals(1.0, m.get("macro_f1"));
    }

    @Test
    void regression() {
        Map<String, Double> m = Metrics.regression(new double[] {1, 2, 3, 0}, new double[] {1, 3, 1, 0});
        assertEquals(List.of("rmse", "mae", "r2", "mape"), List.copyOf(m.keySet()));
        assertEquals(Math.sqrt(5.0 / 4), m.get("rmse"), 1e-15);
        assertEquals(3.0 / 4, m.get("mae"));
        // Mean 1.5: total sum of squares 5, residual 5.
        assertEquals(0.0, m.get("r2"));
        assertEquals((0 + 0.5 + 2.0 / 3 + 0) / 4, m.get("mape"), 1e-15);

        assertEquals(1.0, Metrics.regression(new double[] {1, 2}, new double[] {1, 2}).get("r2"));
        assertEquals(1.0, Metrics.regression(new double[] {4, 4}, new double[] {4, 4}).get("r2"));
        assertEquals(0.0, Metrics.regression(new double[] {4, 4}, new double[] {4, 5}).get("r2"));
        assertTrue(Double.isNaN(Metrics.regression(new double[] {4}, new double[] {5}).get("r2")));
        // A zero target divides by machine epsilon, as scikit-learn does.
        assertEquals(1 / Math.ulp(1.0), Metrics.regression(new double[] {0}, new double[] {1}).get("mape"));
    }

    @Test
    void evaluateDispatchesOnTask() {
        int[] y = {0, 1, 1};
        double[] p = {0.2, 0.6, 0.4};
        assertEquals(Metrics.binary(y, p, 0.5), Metrics.evaluate(Task.BINARY, y, null, p, 0, 0.5));
        double[] probs = {0.5, 0.5, 0.1, 0.9, 0.7, 0.3};
        assertEquals(Metrics.multiclass(y, probs, 2), Metrics.evaluate(Task.MULTICLASS, y, null, probs, 2, 0.5));
        double[] real = {1.0, 2.0, 3.0};
        assertEquals(Metrics.regression(real, p), Metrics.evaluate(Task.REGRESSION, null, real, p, 0, 0.5));
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.binary(new int[] {0, 1}, new double[] {0.5}, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.binary(new int[] {0, 2}, new double[] {0.5, 0.5}, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.rocAuc(new int[] {0, 1}, new double[] {0.5, Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.binary(new int[] {0, 1}, new double[] {0.5, 0.5}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Metrics.binary(new int[0], new double[0], 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.multiclass(new int[] {0, 1}, new double[] {0.5, 0.5, 0.5}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.multiclass(new int[] {0, 3}, new double[] {0.5, 0.5, 0, 0.5, 0.5, 0}, 3));
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.multiclass(new int[] {0}, new double[] {1}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.regression(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertEquals("y has 3 rows but prediction has 2", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.regression(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }
}
