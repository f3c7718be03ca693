package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration tier: the deep families ({@code mlp}, {@code resnet}, {@code ft_transformer}) through the
 * real command on the small generated data, for every task: the run completes, each network saves its
 * weights, description and learning curve, the device is recorded, the same seed gives the same
 * metrics, and bad architecture parameters or an absent GPU are one-line errors.
 */
class DeepFamiliesTest {

    private static final List<String> CANDIDATES = List.of("mlp", "resnet", "ft");

    @TempDir
    Path tmp;

    private Path config(String name, String target, String... extra) {
        Path data = TestData.csv(tmp, "data.csv");
        List<String> lines = new java.util.ArrayList<>(List.of(
                "schemaVersion: 1",
                "name: " + name,
                "data: {path: " + data.getFileName() + "}",
                "target: " + target));
        lines.addAll(List.of(extra));
        lines.addAll(List.of(
                "models:",
                "  - {name: mlp, type: mlp, params: {epochs: 4, hidden: [32, 32], batch_size: 32}}",
                "  - {name: resnet, type: resnet, params: {epochs: 3, d_main: 16, d_hidden: 32, blocks: 1,"
                        + " numeric_embedding: periodic}}",
                "  - {name: ft, type: ft_transformer, params: {epochs: 2, d_token: 16, heads: 2, layers: 1,"
                        + " numeric_embedding: ple}}"));
        return TestData.write(tmp.resolve(name + ".yaml"), lines);
    }

    @Test
    void everyFamilyTrainsABinaryTaskAndSavesItsNetwork() {
        Path run = tmp.resolve("run");
        Cli.trainOk(config("binary", "churned"), run);
        RunFolder.assertComplete(run, "binary", "roc_auc", TestData.ROWS, CANDIDATES);
        JsonNode leaderboard = Cli.json(run.resolve("leaderboard.json"));
        for (String name : CANDIDATES) {
            Path model = run.resolve("models").resolve(name);
            assertTrue(Files.isRegularFile(model.resolve("network-0000.params")), name + " has no weights");
            JsonNode network = Cli.json(model.resolve("network.json"));
            assertEquals(1, network.path("outputs").asInt());
            assertEquals(3, network.path("category_cardinalities").size(), "color, store and tier are embedded");
            JsonNode curve = Cli.json(model.resolve("learning_curve.json"));
            JsonNode entry = RunFolder.entry(leaderboard, name);
            assertEquals(entry.path("params").path("epochs_trained").asInt(), curve.size());
            assertTrue(entry.path("best_iteration").asInt() >= 1, name);
            for (JsonNode epoch : curve) {
                assertTrue(epoch.path("train_loss").isNumber() && epoch.path("validation_metric").isNumber(), name);
            }
            assertEquals("cpu()", entry.path("params").path("device").asText());
        }
        assertEquals("cpu()", Cli.json(run.resolve("provenance.json")).path("device").asText());
        JsonNode resolved = Cli.yaml(run.resolve("config.yaml"));
        assertEquals("auto", resolved.path("device").asText());
        assertEquals(0.001, resolved.path("models").get(0).path("params").path("learning_rate").asDouble(), 1e-12,
                "deep defaults are resolved into config.yaml");
    }

    @Test
    void multiclassAndRegressionTargets() {
        Path multiclass = tmp.resolve("multiclass");
        Cli.trainOk(config("tiers", "tier"), multiclass);
        RunFolder.assertComplete(multiclass, "multiclass", "accuracy", TestData.ROWS, CANDIDATES);
        assertEquals(3, Cli.json(multiclass.resolve("models/mlp/network.json")).path("outputs").asInt());
        Path regression = tmp.resolve("regression");
        Cli.trainOk(config("amounts", "amount"), regression);
        RunFolder.assertComplete(regression, "regression", "rmse", TestData.ROWS, CANDIDATES);
        JsonNode network = Cli.json(regression.resolve("models/resnet/network.json"));
        assertTrue(network.path("target_scale").asDouble() > 0, "the regression target is standardised");
    }

    @Test
    void theSameSeedGivesTheSameMetrics() {
        Path config = config("again", "churned");
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        Cli.trainOk(config, first);
        Cli.trainOk(config, second);
        assertEquals(RunFolder.testMetrics(first), RunFolder.testMetrics(second));
    }

    @Test
    void badArchitectureParametersAreConfigErrorsWithPaths() {
        Path data = TestData.csv(tmp, "data.csv");
        Path config = TestData.write(tmp.resolve("bad.yaml"), List.of(
                "schemaVersion: 1",
                "data: {path: " + data.getFileName() + "}",
                "target: churned",
                "models:",
                "  - {type: mlp, params: {hidden: [32, -4], dropout: 1.5, activaton: relu}}",
                "  - {type: ft_transformer, params: {d_token: 30, heads: 4}}"));
        Cli.Result result = Cli.run("train", config.toString(), "--out", tmp.resolve("run").toString());
        assertEquals(AnnealCommand.USAGE, result.exitCode(), result::toString);
        String err = result.err();
        assertTrue(err.contains("models[0].params.hidden"), err);
        assertTrue(err.contains("models[0].params.dropout"), err);
        assertTrue(err.contains("models[0].params.activaton: unknown parameter; did you mean 'activation'?"), err);
        assertTrue(err.contains("models[1].params"), err);
        assertTrue(!Files.exists(tmp.resolve("run")) && !Files.exists(tmp.resolve("run.partial")));
    }

    @Test
    void askingForAGpuWithoutOneIsAClearError() {
        Cli.assertUserError(Cli.train(config("gpu", "churned"), tmp.resolve("run"), "--device", "gpu"),
                "device: gpu was asked for, but the PyTorch engine sees no GPU");
        Cli.assertUserError(Cli.train(config("bad", "churned"), tmp.resolve("run2"), "--device", "tpu"),
                "--device: expected auto, cpu, gpu or gpu:<ids>");
    }
}
