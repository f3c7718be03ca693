package dev.anneal.core.config;

import dev.anneal.core.Task;
import dev.anneal.core.checks.DataCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated experiment config ({@code schemaVersion: 1}): what to learn from which data, how to split
 * it, how to judge candidates and which candidates to train. Paths are already resolved against the
 * config file's folder.
 *
 * @param task the declared task, or {@code null} to infer it from the target column
 * @param positive the positive label of a binary task, or {@code null} for the minority class
 * @param metric the selection metric's config name, or {@code null} for the task's default
 * @param checks the data checks {@code anneal train} runs on the data file before anything else (none by default)
 * @param device where deep models train: {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:0,1}
 *     (see {@link DeviceSpec})
 * @param bundles the model repository the winner's bundle is written to, as {@code <bundles>/<name>/<version>/}
 */
public record ProjectConfig(
        int schemaVersion,
        String name,
        DataConfig data,
        String target,
        Task task,
        String positive,
        Map<String, ColumnConfig> columns,
        SplitConfig split,
        String metric,
        List<ModelConfig> models,
        List<DataCheck> checks,
        long seed,
        String device,
        Path output,
        Path bundles,
        Path source) {

    /** The only schema version this release reads. */
    public static final int SCHEMA_VERSION = 1;

    public ProjectConfig {
        columns = Map.copyOf(columns);
        models = List.copyOf(models);
        checks = List.copyOf(checks);
    }

    /** The overrides for {@code column}, never {@code null}. */
    public ColumnConfig column(String column) {
        return columns.getOrDefault(column, ColumnConfig.NONE);
    }

    /**
     * This config with everything that was left open decided: the task, the positive label and the
     * selection metric (from the data), the split method, and each candidate's parameters with the
     * family's defaults filled in.
     */
    public ProjectConfig resolved(Task inferredTask, String positiveLabel, String selectionMetric,
            List<ModelConfig> resolvedModels) {
        return new ProjectConfig(schemaVersion, name, data, target, inferredTask, positiveLabel, columns,
                split.resolvedFor(inferredTask.isClassification()), selectionMetric, resolvedModels, checks, seed, device,
                output, bundles, source);
    }

    /** This config with another device (the {@code --device} option); the caller checks it with {@link DeviceSpec}. */
    public ProjectConfig withDevice(String newDevice) {
        return new ProjectConfig(schemaVersion, name, data, target, task, positive, columns, split, metric, models, checks,
                seed, newDevice, output, bundles, source);
    }

    /** This config writing its bundles into another model repository (the {@code --bundles} option). */
    public ProjectConfig withBundles(Path newBundles) {
        return new ProjectConfig(schemaVersion, name, data, target, task, positive, columns, split, metric, models, checks,
                seed, device, output, newBundles, source);
    }
}
