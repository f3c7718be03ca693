package dev.anneal.train.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The leaderboard as a plain-text table for the console, winner marked. */
public final class LeaderboardTable {

    private LeaderboardTable() {
    }

    public static String format(RunResult result) {
        String metric = result.metric().configName();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "candidate", "type", "validation " + metric, "test " + metric, "seconds", "best iter"});
        for (LeaderboardEntry entry : result.leaderboard()) {
            boolean winner = entry.name().equals(result.winner());
            if (entry.ok()) {
                rows.add(new String[] {winner ? "*" : "", entry.name(), entry.type(),
                    number(entry.validation().get(metric)), number(entry.test().get(metric)),
                    String.format(Locale.ROOT, "%.1f", entry.trainSeconds()),
                    entry.bestIteration() == null ? "" : Integer.toString(entry.bestIteration())});
            } else {
                rows.add(new String[] {"", entry.name(), entry.type(), "failed", "", "", ""});
            }
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", row[i])).append(i == row.length - 1 ? "" : "  ");
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        text.append(System.lineSeparator());
        text.append(result.winner() == null ? "every candidate failed" : "winner: " + result.winner()
                + " (chosen on validation " + metric + "; test figures are reported, never used to choose)");
        text.append(System.lineSeparator()).append("run folder: ").append(result.folder()).append(System.lineSeparator());
        if (result.bundle() != null) {
            text.append("model bundle: ").append(result.bundle()).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }
}
