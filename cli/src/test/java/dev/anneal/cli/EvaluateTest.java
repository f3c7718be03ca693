package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal evaluate}: metrics on labelled rows, and drift against the training rows. */
class EvaluateTest {

    @TempDir
    static Path tmp;

    private static Path run;
    private static Path bundle;
    private static List<String> lines;

    @BeforeAll
    static void trainALinearBundle() throws IOException {
        bundle = Cli.trainLinearBundle(tmp).resolve("1");
        run = tmp.resolve("run");
        lines = Files.readAllLines(Cli.DEMO_DATA);
    }

    /** The header and the data rows of a split of the run, as a CSV file. */
    private static Path split(String name) throws IOException {
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (JsonNode row : Cli.json(run.resolve("splits.json")).path(name)) {
            out.add(lines.get(row.asInt() + 1));
        }
        Path file = tmp.resolve(name + ".csv");
        Files.write(file, out);
        return file;
    }

    @Test
    void onTheTestRowsItGivesTheRunsTestMetrics() throws IOException {
        Path report = tmp.resolve("test-report.json");
        Cli.Result result = Cli.run("evaluate", "--model", bundle, "--data", split("test"), "--json", report,
                "--no-progress");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode metrics = Cli.json(report).path("metrics");
        Map<String, Double> trained = ModelBundle.read(bundle).manifest().metrics().get("test");
        for (String metric : List.of("roc_auc", "pr_auc", "log_loss", "accuracy", "f1")) {
            assertEquals(trained.get(metric), metrics.path(metric).asDouble(), 5e-5, metric);
        }
        assertEquals(0, Cli.json(report).path("drifted").size(), result::toString);
    }

    @Test
    void aShiftedColumnIsReportedAsDrifted() throws IOException {
        List<String> shifted = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            fields[6] = Double.toString(Double.parseDouble(fields[6]) + 120);   // total_day_minutes
            shifted.add(String.join(",", fields));
        }
        Path data = tmp.resolve("shifted.csv");
        Files.write(data, shifted);
        Path report = tmp.resolve("shifted-report.json");
        Cli.Result result = Cli.run("evaluate", "--model", bundle, "--data", data, "--json", report, "--no-progress");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("[\"total_day_minutes\"]", Cli.json(report).path("drifted").toString(), result::toString);
        assertTrue(result.out().contains("total_day_minutes") && result.out().contains("drifted"), result::toString);
    }

    @Test
    void anUnknownLabelIsABadRow() throws IOException {
        List<String> bad = new ArrayList<>(lines.subList(0, 10));
        bad.set(5, bad.get(5).replaceAll("\"(yes|no)\"$", "\"maybe\""));
        Path data = tmp.resolve("maybe.csv");
        Files.write(data, bad);
        Cli.Result result = Cli.run("evaluate", "--model", bundle, "--data", data, "--no-progress");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("maybe.csv line 6, column 'churn': 'maybe' is not one of the model's classes"),
                result::toString);
    }
}
