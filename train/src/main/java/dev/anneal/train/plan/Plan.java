package dev.anneal.train.plan;

import dev.anneal.core.Task;
import dev.anneal.core.config.SplitMethod;
import dev.anneal.core.profile.DataProfile;
import java.util.List;
import java.util.Map;

/**
 * A project plan made from a data profile: what each column becomes, how rows are split, which models
 * are trained and judged by which metric, and every finding with its reason. {@link PlanConfig} turns it
 * into the config {@code anneal train} runs; {@link PlanMarkdown} into {@code PLAN.md}.
 *
 * @param positive the positive class of a binary task, else {@code null}
 * @param dropDuplicates whether the config removes exact duplicate rows
 */
public record Plan(
        DataProfile profile,
        PlanRequest request,
        Task task,
        String positive,
        List<ColumnPlan> columns,
        SplitPlan split,
        List<ModelPlan> models,
        String metric,
        List<String> secondaryMetrics,
        boolean dropDuplicates,
        List<Finding> findings) {

    public Plan {
        columns = List.copyOf(columns);
        models = List.copyOf(models);
        secondaryMetrics = List.copyOf(secondaryMetrics);
        findings = List.copyOf(findings);
    }

    /** The findings of one section, in the order they were made. */
    public List<Finding> findings(Finding.Section section) {
        return findings.stream().filter(f -> f.section() == section).toList();
    }

    /**
     * What one column becomes.
     *
     * @param type the config type it is given ({@code numeric}, {@code category}, {@code text},
     *     {@code date}, {@code id}, {@code ignore})
     * @param role {@code target}, {@code feature}, {@code id} (kept, never a feature), {@code dropped}
     * @param privacy {@code drop} or {@code hash} for personal data, else {@code null}
     * @param overrides further per-column config keys (such as {@code scale: robust})
     * @param transform the feature transform chosen, in words
     */
    public record ColumnPlan(String name, String type, String role, String privacy, Map<String, Object> overrides,
            String transform, String reason) {

        public ColumnPlan {
            overrides = Map.copyOf(overrides);
        }

        public boolean isFeature() {
            return role.equals("feature");
        }
    }

    /**
     * The split.
     *
     * @param column the time or group column, or {@code null}
     * @param folds the cross-validation folds suggested for small data, or 0
     */
    public record SplitPlan(SplitMethod method, List<Double> ratios, String column, int folds, String reason) {
    }

    /**
     * A candidate model.
     *
     * @param seconds a rough estimate of its training time on two cores
     */
    public record ModelPlan(String name, String type, Map<String, Object> params, double seconds, String reason) {

        public ModelPlan {
            params = Map.copyOf(params);
        }
    }
}
