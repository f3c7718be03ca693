package dev.anneal.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void configNamesAreLowerSnakeCase() {
        assertEquals("roc_auc", Metric.ROC_AUC.configName());
        assertEquals("pr_auc", Metric.PR_AUC.configName());
        assertEquals("weighted_f1", Metric.WEIGHTED_F1.configName());
        for (Metric m : Metric.values()) {
            assertTrue(m.configName().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), m.configName());
        }
    }

    @Test
    void byNameFindsExactConfigNamesOnly() {
        assertEquals(Optional.of(Metric.LOG_LOSS), Metric.byName("log_loss"));
        assertEquals(Optional.of(Metric.R2), Metric.byName("r2"));
        assertEquals(Optional.empty(), Metric.byName("LOG_LOSS"));
        assertEquals(Optional.empty(), Metric.byName("auc"));
        assertEquals(Optional.empty(), Metric.byName(null));
        for (Metric m : Metric.values()) {
            assertEquals(Optional.of(m), Metric.byName(m.configName()));
        }
    }

    @Test
    void suitability() {
        assertTrue(Metric.ACCURACY.suits(Task.BINARY));
        assertTrue(Metric.ACCURACY.suits(Task.MULTICLASS));
        assertFalse(Metric.ACCURACY.suits(Task.REGRESSION));
        assertTrue(Metric.LOG_LOSS.suits(Task.BINARY));
        assertTrue(Metric.LOG_LOSS.suits(Task.MULTICLASS));
        assertFalse(Metric.ROC_AUC.suits(Task.MULTICLASS));
        assertFalse(Metric.F1.suits(Task.MULTICLASS));
        assertFalse(Metric.MACRO_F1.suits(Task.BINARY));
        assertFalse(Metric.RMSE.suits(Task.BINARY));

        assertEquals(List.of(Metric.ROC_AUC, Metric.PR_AUC, Metric.LOG_LOSS, Metric.BRIER, Metric.ACCURACY,
                Metric.PRECISION, Metric.RECALL, Metric.F1), Metric.forTask(Task.BINARY));
        assertEquals(List.of(Metric.LOG_LOSS, Metric.ACCURACY, Metric.MACRO_F1, Metric.WEIGHTED_F1),
                Metric.forTask(Task.MULTICLASS));
        assertEquals(List.of(Metric.RMSE, Metric.MAE, Metric.R2, Metric.MAPE), Metric.forTask(Task.REGRESSION));
    }

    @Test
    void defaults() {
        assertEquals(Metric.ROC_AUC, Metric.defaultFor(Task.BINARY));
        assertEquals(Metric.ACCURACY, Metric.defaultFor(Task.MULTICLASS));
        assertEquals(Metric.RMSE, Metric.defaultFor(Task.REGRESSION));
        for (Task t : Task.values()) {
            assertTrue(Metric.defaultFor(t).suits(t));
        }
    }

    @Test
    void direction() {
        for (Metric m : List.of(Metric.ROC_AUC, Metric.PR_AUC, Metric.ACCURACY, Metric.PRECISION, Metric.RECALL,
                Metric.F1, Metric.MACRO_F1, Metric.WEIGHTED_F1, Metric.R2)) {
            assertTrue(m.higherIsBetter(), m.configName());
        }
        for (Metric m : List.of(Metric.LOG_LOSS, Metric.BRIER, Metric.RMSE, Metric.MAE, Metric.MAPE)) {
            assertFalse(m.higherIsBetter(), m.configName());
        }
    }

    @Test
    void isBetterFollowsDirectionAndNeverPrefersNaN() {
        assertTrue(Metric.ROC_AUC.isBetter(0.9, 0.8));
        assertFalse(Metric.ROC_AUC.isBetter(0.8, 0.9));
        assertFalse(Metric.ROC_AUC.isBetter(0.8, 0.8));
        assertTrue(Metric.RMSE.isBetter(1.0, 2.0));
        assertFalse(Metric.RMSE.isBetter(2.0, 1.0));

        assertFalse(Metric.ROC_AUC.isBetter(Double.NaN, 0.1));
        assertFalse(Metric.RMSE.isBetter(Double.NaN, 100.0));
        assertFalse(Metric.RMSE.isBetter(Double.NaN, Double.NaN));
        assertTrue(Metric.ROC_AUC.isBetter(0.1, Double.NaN));
        assertTrue(Metric.RMSE.isBetter(1e9, Double.NaN));
    }

    @Test
    void parseAcceptsSuitableNamesAndListsTheAlternatives() {
        assertEquals(Metric.MACRO_F1, Metric.parse("macro_f1", Task.MULTICLASS));

        AnnealException unknown = assertThrows(AnnealException.class, () -> Metric.parse("auc", Task.BINARY));
        assertEquals("unknown metric 'auc'; expected one of: "
                + "[roc_auc, pr_auc, log_loss, brier, accuracy, precision, recall, f1]", unknown.getMessage());

        AnnealException unsuitable =
                assertThrows(AnnealException.class, () -> Metric.parse("roc_auc", Task.REGRESSION));
        assertEquals("metric 'roc_auc' does not suit a regression task; expected one of: [rmse, mae, r2, mape]",
                unsuitable.getMessage());
    }

    @Test
    void evaluationReportsExactlyTheMetricsThatSuitTheTask() {
        Map<String, Double> binary = Metrics.binary(new int[] {0, 1}, new double[] {0.2, 0.7}, 0.5);
        Map<String, Double> multiclass = Metrics.multiclass(new int[] {0, 2}, new double[] {.5, .3, .2, .1, .1, .8}, 3);
        Map<String, Double> regression = Metrics.regression(new double[] {1, 2}, new double[] {1, 3});

        Set<String> binaryMetrics = new HashSet<>(binary.keySet());
        assertTrue(binaryMetrics.remove("threshold"));
        assertEquals(names(Task.BINARY), binaryMetrics);
        assertEquals(names(Task.MULTICLASS), multiclass.keySet());
        assertEquals(names(Task.REGRESSION), regression.keySet());
    }

    private static Set<String> names(Task task) {
        Set<String> out = new HashSet<>();
        for (Metric m : Metric.forTask(task)) {
            out.add(m.configName());
        }
        return out;
    }
}
