package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration tier: the real command on small generated files ({@link TestData}) for what the demo does not
 * exercise: multiclass and regression targets, JSONL input, a date column, missing values, time, group and
 * file splits, {@code --seed}, and the time-stamped run folder.
 */
class TrainVariantsTest {

    private static final List<String> CANDIDATES = List.of("lin", "xgb");

    @TempDir
    Path tmp;

    @Test
    void multiclassTarget() {
        Path config = TestData.config(TestData.csv(tmp, "data.csv"), "tiers", "tier");
        Path run = tmp.resolve("run");
        Cli.trainOk(config, run);
        RunFolder.assertComplete(run, "multiclass", "accuracy", TestData.ROWS, CANDIDATES);
        JsonNode metrics = Cli.json(run.resolve("metrics.json"));
        assertEquals(3, metrics.path("classes").size());
        for (String metric : List.of("accuracy", "macro_f1", "weighted_f1", "log_loss")) {
            assertTrue(metrics.path("test").path(metric).isNumber(), metric);
        }
        assertEquals("stratified", Cli.yaml(run.resolve("config.yaml")).path("split").path("method").asText());
    }

    @Test
    void anIgnoredColumnIsLeftOutOfTheFeatures() {
        Path config = TestData.config(TestData.csv(tmp, "data.csv"), "ignoring", "churned",
                "columns: {store: {type: ignore}}");
        Path run = tmp.resolve("run");
        Cli.trainOk(config, run);
        String features = Cli.json(run.resolve("models").resolve("lin").resolve("features.json")).toString();
        assertTrue(features.contains("\"color\"") && !features.contains("\"store\""), features);
    }

    @Test
    void regressionTargetWithAnotherMetric() {
        Path config = TestData.config(TestData.csv(tmp, "data.csv"), "amounts", "amount", "metric: mae");
        Path run = tmp.resolve("run");
        Cli.trainOk(config, run);
        RunFolder.assertComplete(run, "regression", "mae", TestData.ROWS, CANDIDATES);
        JsonNode metrics = Cli.json(run.resolve("metrics.json"));
        for (String metric : List.of("rmse", "mae", "r2", "mape")) {
            assertTrue(metrics.path("validation").path(metric).isNumber(), metric);
        }
        assertEquals("random", Cli.yaml(run.resolve("config.yaml")).path("split").path("method").asText());
    }

    @Test
    void aFailingCandidateIsMarkedFailedAndTheOthersGoOn() {
        Path data = TestData.csv(tmp, "data.csv");
        Path config = TestData.write(tmp.resolve("fails.yaml"), List.of(
                "schemaVersion: 1",
                "data: {path: " + data.getFileName() + "}",
                "target: churned",
                "models:",
                "  - {name: lin, type: linear}",
                "  - {name: xgb, type: xgboost, params: {objective: reg:absoluteerror, n_estimators: 20}}"));
        Path run = tmp.resolve("run");
        Cli.Result result = Cli.run("train", config.toString(), "--out", run.toString(), "--no-progress");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.err().contains("candidate 'xgb' failed: xgboost candidate 'xgb': objective reg:absoluteerror"
                + " does not suit a binary task"), result::toString);
        JsonNode xgb = RunFolder.entry(Cli.json(run.resolve("leaderboard.json")), "xgb");
        assertEquals("failed", xgb.path("status").asText());
        assertTrue(xgb.path("error").asText().contains("does not suit a binary task"), xgb.toString());
        assertEquals("lin", Cli.json(run.resolve("metrics.json")).path("winner").asText());
        assertTrue(result.out().contains("failed"), result::toString);
    }

    @Test
    void jsonlInputGivesTheSameRunAsTheSameCsv() {
        Path csvRun = tmp.resolve("csv-run");
        Path jsonlRun = tmp.resolve("jsonl-run");
        Cli.trainOk(TestData.config(TestData.csv(tmp, "data.csv"), "from-csv", "churned"), csvRun);
        Cli.trainOk(TestData.config(TestData.jsonl(tmp, "data.jsonl"), "from-jsonl", "churned"), jsonlRun);
        RunFolder.assertComplete(jsonlRun, "binary", "roc_auc", TestData.ROWS, CANDIDATES);
        assertEquals(types(csvRun), types(jsonlRun));
        assertEquals(Cli.json(csvRun.resolve("splits.json")), Cli.json(jsonlRun.resolve("splits.json")));
        assertEquals(RunFolder.testMetrics(csvRun), RunFolder.testMetrics(jsonlRun));
    }

    @Test
    void dateColumnAndMissingValuesBecomeFeatures() {
        Path config = TestData.config(TestData.csv(tmp, "data.csv"), "dates", "churned");
        Path run = tmp.resolve("run");
        Cli.trainOk(config, run);
        RunFolder.assertComplete(run, "binary", "roc_auc", TestData.ROWS, CANDIDATES);
        Map<String, String> types = types(run);
        assertEquals(Map.of("a", "numeric", "b", "numeric", "color", "category", "day", "date", "store", "category",
                "churned", "category", "tier", "category", "amount", "numeric"), types);
        JsonNode profile = Cli.json(run.resolve("profile.json"));
        long missingA = TestData.rows().stream().filter(r -> r.a() == null).count();
        long missingColor = TestData.rows().stream().filter(r -> r.color() == null).count();
        assertEquals(missingA, column(profile, "a").path("missing").asLong());
        assertEquals(missingColor, column(profile, "color").path("missing").asLong());
        String features = Cli.json(run.resolve("models/xgb/features.json")).toString();
        assertTrue(features.contains("\"column\":\"day\""), features);
    }

    @Test
    void naValuesAreMissing() throws Exception {
        Path data = TestData.csv(tmp, "data.csv");
        Files.writeString(data, Files.readString(data).replace(",green,", ",?,"));
        Path run = tmp.resolve("run");
        Cli.trainOk(naConfig(data), run);
        JsonNode color = column(Cli.json(run.resolve("profile.json")), "color");
        long expected = TestData.rows().stream().filter(r -> r.color() == null || r.color().equals("green")).count();
        assertEquals(expected, color.path("missing").asLong());
        assertEquals(2, color.path("distinct").asInt());
    }

    @Test
    void timeSplitPutsTheEarliestRowsInTrain() {
        Path config = TestData.config(TestData.csv(tmp, "data.csv"), "timed", "amount",
                "split: {method: time, time: {column: day}}");
        Path run = tmp.resolve("run");
        Cli.trainOk(config, run);
        RunFolder.assertComplete(run, "regression", "rmse", TestData.ROWS, CANDIDATES);
        List<TestData.Row> rows = TestData.rows();
        int[][] splits = RunFolder.splits(run);
        for (int s = 0; s < 2; s++) {
            LocalDate latest = latest(rows, splits[s]);
            LocalDate earliestNext = earliest(rows, splits[s + 1]);
            assertTrue(latest.isBefore(earliestNext), RunFolder.SPLITS.get(s) + " ends " + latest + " but "
                    + RunFolder.SPLITS.get(s + 1) + " starts " + earliestNext);
        }
    }

    @Test
    void groupSplitKeepsEachGroupInOneSplit() {
        Path config = TestData.config(TestData.csv(tmp, "data.csv"), "grouped", "churned",
                "split: {method: group, group: {column: store}}");
        Path run = tmp.resolve("run");
        Cli.trainOk(config, run);
        RunFolder.assertComplete(run, "binary", "roc_auc", TestData.ROWS, CANDIDATES);
        List<TestData.Row> rows = TestData.rows();
        int[][] splits = RunFolder.splits(run);
        Map<String, Integer> splitOfStore = new HashMap<>();
        for (int s = 0; s < 3; s++) {
            for (int row : splits[s]) {
                Integer previous = splitOfStore.put(rows.get(row).store(), s);
                assertTrue(previous == null || previous == s, "store " + rows.get(row).store() + " is in two splits");
            }
        }
        assertEquals("group", Cli.yaml(run.resolve("config.yaml")).path("split").path("method").asText());
    }

    @Test
    void fileSplitUsesExactlyTheGivenRows() {
        Path data = TestData.csv(tmp, "data.csv");
        StringBuilder train = new StringBuilder();
        for (int row = 0; row < 150; row++) {
            train.append(row == 0 ? "" : ", ").append(row);
        }
        TestData.write(tmp.resolve("split.json"), "{\"train\": [" + train + "], \"validation\": ["
                + range(150, 190) + "], \"test\": [" + range(190, 230) + "], \"note\": \"rows 230+ left out\"}");
        Path run = tmp.resolve("run");
        Cli.trainOk(TestData.config(data, "filed", "churned", "split: {method: file, file: split.json}"), run);
        int[][] splits = RunFolder.splits(run);
        assertEquals(List.of(150, 40, 40), List.of(splits[0].length, splits[1].length, splits[2].length));
        assertEquals(150, splits[1][0]);
        assertEquals(229, splits[2][39]);
    }

    @Test
    void seedOptionChangesAnUnpinnedSplit() {
        Path config = TestData.config(TestData.csv(tmp, "data.csv"), "seeded", "churned");
        Path run42 = tmp.resolve("run42");
        Path run7 = tmp.resolve("run7");
        Cli.trainOk(config, run42);
        Cli.trainOk(config, run7, "--seed", 7);
        assertEquals(7, Cli.json(run7.resolve("provenance.json")).path("seeds").path("split").asInt());
        assertNotEquals(Cli.json(run42.resolve("splits.json")), Cli.json(run7.resolve("splits.json")));
        RunFolder.assertDisjointAndCovering(RunFolder.splits(run7), TestData.ROWS);
    }

    @Test
    void withoutOutTheRunGoesToATimeStampedFolderUnderOutput() {
        Path config = TestData.config(TestData.csv(tmp, "data.csv"), "stamped", "churned");
        Cli.Result result = Cli.run("train", config, "--no-progress");
        assertEquals(0, result.exitCode(), result::toString);
        Path runs = tmp.resolve("runs");
        Set<String> folders = Cli.listing(runs);
        assertEquals(1, folders.size(), folders.toString());
        String name = folders.iterator().next();
        assertTrue(name.matches("stamped-\\d{8}-\\d{6}"), name);
        Matcher printed = Pattern.compile("run folder: (.*)").matcher(result.out());
        assertTrue(printed.find(), result::toString);
        assertEquals(runs.resolve(name).toAbsolutePath().normalize().toString(), printed.group(1).strip());
        RunFolder.assertComplete(runs.resolve(name), "binary", "roc_auc", TestData.ROWS, CANDIDATES);
    }

    private static Path naConfig(Path data) {
        return TestData.write(data.resolveSibling("na.yaml"), List.of("schemaVersion: 1",
                "data: {path: " + data.getFileName() + ", na_values: ['?']}", "target: churned", "models:",
                "  - {name: xgb, type: xgboost, params: {n_estimators: 50}}"));
    }

    private static String range(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int row = from; row < to; row++) {
            out.append(row == from ? "" : ", ").append(row);
        }
        return out.toString();
    }

    private static Map<String, String> types(Path run) {
        Map<String, String> types = new HashMap<>();
        Cli.json(run.resolve("profile.json")).path("columns")
                .forEach(c -> types.put(c.path("name").asText(), c.path("type").asText()));
        return types;
    }

    private static JsonNode column(JsonNode profile, String name) {
        for (JsonNode column : profile.path("columns")) {
            if (column.path("name").asText().equals(name)) {
                return column;
            }
        }
        throw new AssertionError("no column " + name + " in profile.json");
    }

    private static LocalDate latest(List<TestData.Row> rows, int[] split) {
        return new TreeSet<>(Arrays.stream(split).mapToObj(r -> rows.get(r).day()).toList()).last();
    }

    private static LocalDate earliest(List<TestData.Row> rows, int[] split) {
        return new TreeSet<>(Arrays.stream(split).mapToObj(r -> rows.get(r).day()).toList()).first();
    }
}
