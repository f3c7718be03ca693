package dev.anneal.core.metrics;

import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A measure of model quality that configs name, reports show and model selection compares.
 *
 * <p>Each metric knows its config name, the tasks it makes sense for and whether a higher value is better,
 * so the rest of anneal never hard-codes "lower is better for log loss". Values come from {@link Metrics}.
 */
public enum Metric {
    /** Area under the ROC curve; ties in the scores count half, as in scikit-learn. */
    ROC_AUC(true, Task.BINARY),
    /** Average precision, as scikit-learn's {@code average_precision_score} (no interpolation). */
    PR_AUC(true, Task.BINARY),
    /** Mean negative log-likelihood of the true class, probabilities clipped to [1e-15, 1 - 1e-15]. */
    LOG_LOSS(false, Task.BINARY, Task.MULTICLASS),
    /** Mean squared difference between the positive-class probability and the 0/1 label. */
    BRIER(false, Task.BINARY),
    /** Fraction of rows whose predicted class is the true class. */
    ACCURACY(true, Task.BINARY, Task.MULTICLASS),
    /** Of the rows predicted positive at the threshold, the fraction that are positive. */
    PRECISION(true, Task.BINARY),
    /** Of the positive rows, the fraction predicted positive at the threshold. */
    RECALL(true, Task.BINARY),
    /** Harmonic mean of precision and recall at the threshold. */
    F1(true, Task.BINARY),
    /** Unweighted mean of the per-class F1 over the classes present in the labels or the predictions. */
    MACRO_F1(true, Task.MULTICLASS),
    /** Per-class F1 averaged with the class counts in the labels as weights. */
    WEIGHTED_F1(true, Task.MULTICLASS),
    /** Root mean squared error, in target units. */
    RMSE(false, Task.REGRESSION),
    /** Mean absolute error, in target units. */
    MAE(false, Task.REGRESSION),
    /** Coefficient of determination: 1 is perfect, 0 is as good as predicting the mean. */
    R2(true, Task.REGRESSION),
    /** Mean absolute percentage error as a fraction (0.1 means 10%), as scikit-learn computes it. */
    MAPE(false, Task.REGRESSION);

    private final boolean higherIsBetter;
    private final Set<Task> tasks;

    Metric(boolean higherIsBetter, Task first, Task... rest) {
        this.higherIsBetter = higherIsBetter;
        this.tasks = EnumSet.of(first, rest);
    }

    /** The lower snake case name used in configs, reports and the maps {@link Metrics} returns. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this metric can score a model for {@code task}. */
    public boolean suits(Task task) {
        return tasks.contains(task);
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Whether {@code candidate} is strictly better than {@code incumbent} for this metric.
     * A NaN candidate is never better; any other candidate is better than a NaN incumbent.
     */
    public boolean isBetter(double candidate, double incumbent) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(incumbent)) {
            return true;
        }
        return higherIsBetter ? candidate > incumbent : candidate < incumbent;
    }

    /** The metric whose config name is exactly {@code name}, if any. */
    public static Optional<Metric> byName(String name) {
        for (Metric m : values()) {
            if (m.configName().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * The metric a config names for a project of {@code task}.
     *
     * @throws AnnealException if the name is unknown or the metric does not suit the task; the message lists
     *     the names that would do
     */
    public static Metric parse(String name, Task task) {
        Optional<Metric> found = byName(name);
        if (found.isPresent() && found.get().suits(task)) {
            return found.get();
        }
        List<String> allowed = new ArrayList<>();
        for (Metric m : forTask(task)) {
            allowed.add(m.configName());
        }
        String problem = found.isPresent()
                ? "metric '" + name + "' does not suit a " + task.configName() + " task"
                : "unknown metric '" + name + "'";
        throw new AnnealException(problem + "; expected one of: " + allowed);
    }

    /** The metrics that suit {@code task}, in declaration order. */
    public static List<Metric> forTask(Task task) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : values()) {
            if (m.suits(task)) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }

    /** The metric used when a config names none: roc_auc, accuracy or rmse. */
    public static Metric defaultFor(Task task) {
        return switch (task) {
            case BINARY -> ROC_AUC;
            case MULTICLASS -> ACCURACY;
            case REGRESSION -> RMSE;
        };
    }
}
