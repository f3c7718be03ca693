package dev.anneal.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The split strategy.
 *
 * @param method the method, or {@code null} when the task is inferred later: stratified for
 *     classification, random for regression
 * @param ratios train, validation and test shares summing to 1
 * @param timeColumn the ordering column for {@link SplitMethod#TIME}, else {@code null}
 * @param groupColumn the entity column for {@link SplitMethod#GROUP}, else {@code null}
 * @param file the split file for {@link SplitMethod#FILE}, else {@code null}
 */
public record SplitConfig(SplitMethod method, List<Double> ratios, long seed, String timeColumn, String groupColumn,
        Path file) {

    public SplitConfig {
        ratios = List.copyOf(ratios);
    }

    /** This split with its method decided for {@code classification}, when the config left it open. */
    public SplitConfig resolvedFor(boolean classification) {
        if (method != null) {
            return this;
        }
        SplitMethod chosen = classification ? SplitMethod.STRATIFIED : SplitMethod.RANDOM;
        return new SplitConfig(chosen, ratios, seed, timeColumn, groupColumn, file);
    }

    /** The ratios as a primitive array, train first. */
    public double[] ratioArray() {
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
