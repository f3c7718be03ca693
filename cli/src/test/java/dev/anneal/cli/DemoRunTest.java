package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration tier: {@code anneal train configs/demo.yaml} on the real demo data, once, and every file of the
 * run folder checked against the issue; then the run's own {@code config.yaml} is trained again to show the
 * run reproduces.
 */
class DemoRunTest {

    private static final int ROWS = 5000;

    @TempDir
    static Path tmp;

    private static Path run;
    private static Cli.Result result;

    @BeforeAll
    static void trainDemo() {
        run = tmp.resolve("run");
        result = Cli.trainOk(Cli.DEMO_CONFIG, run);
    }

    @Test
    void writesACompleteRunFolder() {
        RunFolder.assertComplete(run, "binary", "roc_auc", ROWS, List.of("logreg", "xgb", "mlp"));
        assertEquals(Set.of("logreg", "xgb", "mlp"), Cli.listing(run.resolve("models")));
    }

    @Test
    void printsTheLeaderboardAndTheWinnerOnStandardOutput() {
        String winner = Cli.json(run.resolve("metrics.json")).path("winner").asText();
        assertTrue(result.out().contains("winner: " + winner + " (chosen on validation roc_auc"), result::toString);
        assertTrue(result.out().contains("logreg") && result.out().contains("xgb"), result::toString);
        assertTrue(result.out().contains("run folder: " + run.toAbsolutePath().normalize()), result::toString);
        assertFalse(result.err().contains("error"), result::toString);
    }

    @Test
    void winnerIsTheBestValidationRocAuc() {
        JsonNode leaderboard = Cli.json(run.resolve("leaderboard.json"));
        JsonNode metrics = Cli.json(run.resolve("metrics.json"));
        String best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (String name : List.of("logreg", "xgb", "mlp")) {
            double value = RunFolder.entry(leaderboard, name).path("validation").path("roc_auc").asDouble();
            assertNotEquals(bestValue, value, "a tie would not test the choice");
            if (value > bestValue) {
                best = name;
                bestValue = value;
            }
        }
        assertEquals(best, metrics.path("winner").asText());
        assertEquals("yes", metrics.path("positive").asText());
        assertEquals(List.of("no", "yes"), List.of(metrics.path("classes").get(0).asText(),
                metrics.path("classes").get(1).asText()));
        for (String metric : List.of("roc_auc", "pr_auc", "log_loss", "brier", "accuracy", "precision", "recall",
                "f1", "f1_tuned")) {
            assertTrue(metrics.path("validation").path(metric).isNumber(), metric);
            assertTrue(metrics.path("test").path(metric).isNumber(), metric);
        }
    }

    @Test
    void leaderboardHasBothCandidatesWithTheirDetails() {
        JsonNode leaderboard = Cli.json(run.resolve("leaderboard.json"));
        JsonNode logreg = RunFolder.entry(leaderboard, "logreg");
        JsonNode xgb = RunFolder.entry(leaderboard, "xgb");
        assertEquals("linear", logreg.path("type").asText());
        assertEquals("xgboost", xgb.path("type").asText());
        assertEquals(6, xgb.path("params").path("max_depth").asInt());
        assertEquals(0.05, xgb.path("params").path("learning_rate").asDouble());
        int best = xgb.path("best_iteration").asInt(-1);
        assertTrue(best >= 0 && best < 2000, "early stopping should stop before 2000 rounds, best " + best);
        assertTrue(Files.isRegularFile(run.resolve("models/xgb/features.json")));
        assertTrue(Files.isRegularFile(run.resolve("models/logreg/features.json")));
    }

    @Test
    void splitsAreStratifiedDisjointAndCoverEveryRow() throws IOException {
        int[][] splits = RunFolder.splits(run);
        RunFolder.assertDisjointAndCovering(splits, ROWS);
        assertArrayEquals(new int[] {3500, 750, 750},
                new int[] {splits[0].length, splits[1].length, splits[2].length});
        List<String> lines = Files.readAllLines(Cli.DEMO_DATA);
        boolean[] churn = new boolean[ROWS];
        for (int row = 0; row < ROWS; row++) {
            churn[row] = lines.get(row + 1).endsWith(",\"yes\"");
        }
        for (int[] split : splits) {
            long yes = Arrays.stream(split).filter(row -> churn[row]).count();
            assertEquals(0.1414, (double) yes / split.length, 0.005, "stratified: each split keeps the 14.1 % churn");
        }
    }

    @Test
    void provenanceFingerprintsTheDataAndRecordsVersions() {
        JsonNode provenance = Cli.json(run.resolve("provenance.json"));
        JsonNode data = provenance.path("data");
        assertEquals(Cli.DEMO_DATA.toString(), data.path("path").asText());
        assertEquals(ROWS, data.path("rows").asInt());
        assertEquals(20, data.path("columns").asInt());
        assertEquals(Cli.DEMO_SHA256, data.path("sha256").asText());
        assertEquals(42, provenance.path("seeds").path("seed").asInt());
        assertEquals(42, provenance.path("seeds").path("split").asInt());
        assertTrue(provenance.path("anneal").path("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"),
                provenance.toString());
        assertTrue(provenance.path("anneal").path("commit").asText().matches("[0-9a-f]{40}|unknown"));
        assertEquals(System.getProperty("java.version"), provenance.path("jvm").path("version").asText());
        assertEquals(System.getProperty("os.name"), provenance.path("os").path("name").asText());
        JsonNode libraries = provenance.path("libraries");
        assertTrue(libraries.size() >= 3, libraries.toString());
        libraries.fields().forEachRemaining(library -> assertTrue(library.getValue().asText().matches("\\d+\\..*"),
                () -> "no version for " + library.getKey() + ": " + libraries));
    }

    @Test
    void profileHasInferredTypesWithReasonsAndStatistics() {
        JsonNode profile = Cli.json(run.resolve("profile.json"));
        assertEquals(ROWS, profile.path("rows").asInt());
        assertEquals(20, profile.path("columns").size());
        for (JsonNode column : profile.path("columns")) {
            assertTrue(column.path("name").isTextual() && column.path("type").isTextual()
                    && column.path("reason").isTextual() && column.path("missing").isInt(), column.toString());
        }
        JsonNode areaCode = column(profile, "area_code");
        assertEquals("category", areaCode.path("type").asText());
        assertEquals("declared in config", areaCode.path("reason").asText());
        assertEquals(3, areaCode.path("distinct").asInt());
        JsonNode accountLength = column(profile, "account_length");
        assertEquals("numeric", accountLength.path("type").asText());
        assertEquals(1.0, accountLength.path("numeric").path("min").asDouble());
        assertEquals(243.0, accountLength.path("numeric").path("max").asDouble());
        assertEquals("category", column(profile, "churn").path("type").asText());
    }

    @Test
    void resolvedConfigHasTheDefaultsFilledIn() {
        JsonNode config = Cli.yaml(run.resolve("config.yaml"));
        assertEquals("churn-demo", config.path("name").asText());
        assertEquals(Cli.DEMO_DATA.toString(), config.path("data").path("path").asText());
        assertTrue(config.path("data").path("na_values").isArray());
        assertEquals("stratified", config.path("split").path("method").asText());
        assertEquals(42, config.path("split").path("seed").asInt());
        assertEquals(3, config.path("split").path("ratios").size());
        assertEquals("roc_auc", config.path("metric").asText());
        assertEquals(3, config.path("models").size());
        assertEquals("auto", config.path("device").asText());
        JsonNode mlp = config.path("models").get(2).path("params");
        assertEquals(100, mlp.path("epochs").asInt(), "the mlp's defaults are written out");
        assertEquals(2, mlp.path("hidden").size());
    }

    @Test
    void theRunsOwnConfigReproducesIt() {
        Path again = tmp.resolve("again");
        Cli.trainOk(run.resolve("config.yaml"), again);
        assertEquals(RunFolder.testMetrics(run), RunFolder.testMetrics(again), "same config and seed, same result");
        assertEquals(Cli.json(run.resolve("splits.json")), Cli.json(again.resolve("splits.json")));
        assertEquals(Cli.json(run.resolve("metrics.json")), Cli.json(again.resolve("metrics.json")));
        assertEquals(RunFolder.entry(Cli.json(run.resolve("leaderboard.json")), "xgb").path("best_iteration"),
                RunFolder.entry(Cli.json(again.resolve("leaderboard.json")), "xgb").path("best_iteration"));
    }

    /** The demo pins {@code split.seed: 42}; {@code --seed} replaces only the top-level seed (docs/config.md). */
    @Test
    void endsWithTheWinnersBundleWhoseGraphScoresTheTestSplitAsTheModelDid() {
        Path version = Cli.bundles(run).resolve("churn-demo").resolve("1");
        assertTrue(result.out().contains("model bundle: " + version), result::toString);
        ModelBundle bundle = ModelBundle.read(version);
        BundleManifest manifest = bundle.manifest();
        assertEquals(Cli.json(run.resolve("metrics.json")).path("winner").asText(), manifest.candidate().get("name"));
        assertEquals(List.of("no", "yes"), manifest.classes());
        assertEquals("yes", manifest.positive());
        assertEquals(19, manifest.inputs().size());
        for (var metric : manifest.metrics().get("test").entrySet()) {
            assertEquals(metric.getValue(), manifest.metrics().get("test_onnx").get(metric.getKey()), 5e-5,
                    metric.getKey());
        }
        assertEquals(Set.of("model.onnx", "preprocessor.json", "MODEL_CARD.md"), manifest.files().keySet());
        // The run folder keeps the same bundle.
        assertEquals(manifest, ModelBundle.read(run.resolve("bundle")).manifest());
    }

    @Test
    void exportWritesTheBundleOfAnyCandidate() throws IOException {
        Path out = tmp.resolve("mlp-bundle");
        Cli.Result exported = Cli.run("export", "--run", run, "--model", "mlp", "--out", out);
        assertEquals(0, exported.exitCode(), exported::toString);
        BundleManifest manifest = ModelBundle.read(out).manifest();
        assertEquals("mlp", manifest.candidate().get("name"));
        JsonNode entry = Cli.json(run.resolve("models").resolve("mlp").resolve("entry.json"));
        assertEquals(entry.path("test").path("roc_auc").asDouble(), manifest.metrics().get("test").get("roc_auc"));
        assertEquals(entry.path("test_onnx").path("roc_auc").asDouble(), manifest.metrics().get("test_onnx").get("roc_auc"),
                1e-12);

        Cli.Result again = Cli.run("export", "--run", run, "--model", "mlp", "--out", out);
        assertEquals(2, again.exitCode(), again::toString);
        assertTrue(again.err().contains("exists already"), again::toString);
        Cli.Result unknown = Cli.run("export", "--run", run, "--model", "nope");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("has no finished candidate 'nope'"), unknown::toString);
    }

    @Test
    void seedOptionReplacesTheSeedButNotAPinnedSplitSeed() {
        Path seven = tmp.resolve("seed7");
        Cli.trainOk(Cli.DEMO_CONFIG, seven, "--seed", 7);
        JsonNode provenance = Cli.json(seven.resolve("provenance.json"));
        assertEquals(7, provenance.path("seeds").path("seed").asInt());
        assertEquals(42, provenance.path("seeds").path("split").asInt());
        assertEquals(7, Cli.yaml(seven.resolve("config.yaml")).path("seed").asInt());
        assertEquals(Cli.json(run.resolve("splits.json")), Cli.json(seven.resolve("splits.json")));
    }

    private static JsonNode column(JsonNode profile, String name) {
        for (JsonNode column : profile.path("columns")) {
            if (column.path("name").asText().equals(name)) {
                return column;
            }
        }
        throw new AssertionError("no column " + name + " in profile.json");
    }
}
