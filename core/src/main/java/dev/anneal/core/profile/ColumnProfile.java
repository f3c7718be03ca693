package dev.anneal.core.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Basic statistics of one column with its inferred type and the reason for it: what a person checks
 * first, and what drift checks compare new data against.
 *
 * @param numeric min, max, mean and std of a numeric column, else {@code null}
 * @param topValues the most frequent labels with their counts (categorical columns), else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnProfile(
        String name,
        String type,
        String reason,
        int missing,
        int distinct,
        Map<String, Double> numeric,
        Map<String, Integer> topValues) {
}
