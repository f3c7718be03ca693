package dev.anneal.train.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One candidate's line in {@code leaderboard.json}: what it was, how it did on validation (used to
 * choose) and on test (reported only), how long it took, or why it failed.
 *
 * @param status {@code ok} or {@code failed}
 * @param error why it failed, else {@code null}
 * @param testOnnx the test metrics computed by the candidate's exported ONNX graph from the raw test rows
 * @param onnxMaxDifference the largest difference between the graph's test predictions and the model's
 *     (relative for a regression)
 * @param exportProblem why the candidate has no exported graph to bundle, else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeaderboardEntry(
        String name,
        String type,
        String status,
        String error,
        Map<String, Object> params,
        int features,
        Map<String, Double> validation,
        Map<String, Double> test,
        double trainSeconds,
        Integer bestIteration,
        Map<String, Double> testOnnx,
        Double onnxMaxDifference,
        String exportProblem) {

    public boolean ok() {
        return "ok".equals(status);
    }

    static LeaderboardEntry failed(String name, String type, Map<String, Object> params, String error, double seconds) {
        return new LeaderboardEntry(name, type, "failed", error, params, 0, null, null, seconds, null, null, null, null);
    }
}
