package dev.anneal.train.plan;

import dev.anneal.core.Task;
import dev.anneal.core.config.SplitMethod;

/**
 * What the person asked {@code anneal plan} for: the target, and optionally the task, the time and group
 * columns and a split method. Anything left {@code null} the planner decides from the data.
 *
 * @param name the project name the config gets
 * @param dataPath the data file as the generated config names it (relative to the config's folder)
 */
public record PlanRequest(String name, String dataPath, String target, Task task, String timeColumn,
        String groupColumn, SplitMethod split, long seed) {
}
