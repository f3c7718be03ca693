package dev.anneal.train.run;

import dev.anneal.core.Task;
import dev.anneal.core.metrics.Metric;
import java.nio.file.Path;
import java.util.List;

/**
 * What a completed run produced: its folder, the leaderboard in training order, and the winner chosen
 * on validation ({@code null} when every candidate failed), and the winner's bundle in the model repository
 * ({@code null} when there is none).
 */
public record RunResult(Path folder, Task task, Metric metric, String winner, List<LeaderboardEntry> leaderboard,
        List<String> warnings, Path bundle) {

    public RunResult {
        leaderboard = List.copyOf(leaderboard);
        warnings = List.copyOf(warnings);
    }
}
