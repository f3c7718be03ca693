package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration tier: text columns through the real command. Generated rows carry a signal in their text
 * and the hard cases (empty and missing texts, emoji, HTML, a 10,000-character row); every encoder
 * ({@code bag}, {@code cnn}, {@code transformer}, the checked-in tiny {@code pretrained} model) and the
 * TF-IDF baselines train on them and score the test split with finite, better-than-chance metrics.
 */
class TextColumnsTest {

    @TempDir
    Path tmp;

    private Path data() {
        return TextRows.write(tmp.resolve("notes.csv"));
    }

    private Path config(String name, List<String> columns, List<String> models) {
        List<String> lines = new ArrayList<>(List.of(
                "schemaVersion: 1",
                "name: " + name,
                "data: {path: notes.csv}",
                "target: liked",
                "positive: \"yes\"",
                "columns:"));
        lines.addAll(columns);
        lines.add("models:");
        lines.addAll(models);
        return TestData.write(tmp.resolve(name + ".yaml"), lines);
    }

    @Test
    void everyEncoderAndTheTfIdfBaselinesLearnFromText() throws IOException {
        data();
        Path config = config("notes", List.of(
                "  note: {type: text, max_length: 32, min_frequency: 1, encoder: {type: cnn, dim: 16, filters: 8}}",
                "  title: {type: text, max_length: 24, min_frequency: 1,"
                        + " encoder: {type: transformer, dim: 16, layers: 1, heads: 2}, tfidf: {min_df: 1}}",
                "  summary: {type: text, tokenizer: " + TextRows.TINY_ENCODER.resolve("tokenizer.json") + ","
                        + " encoder: {type: pretrained, model: " + TextRows.TINY_ENCODER.resolve("encoder.pt") + ","
                        + " onnx: " + TextRows.TINY_ENCODER.resolve("encoder.onnx") + "}}"),
                List.of(
                        "  - {name: logreg, type: linear}",
                        "  - {name: xgb, type: xgboost, params: {n_estimators: 30}}",
                        "  - {name: mlp, type: mlp, params: {epochs: 3, hidden: [16], batch_size: 32}}",
                        "  - {name: ft, type: ft_transformer, params: {epochs: 8, d_token: 16, heads: 2, layers: 1, learning_rate: 0.003}}"));
        Path run = tmp.resolve("run");
        Cli.trainOk(config, run);
        JsonNode leaderboard = Cli.json(run.resolve("leaderboard.json"));
        for (String name : List.of("logreg", "xgb", "mlp", "ft")) {
            JsonNode entry = RunFolder.entry(leaderboard, name);
            double auc = entry.path("test").path("roc_auc").asDouble(Double.NaN);
            assertTrue(auc > 0.6, name + " learned nothing from the text: test roc_auc " + auc);
        }
        // Every candidate exports: TF-IDF, cnn, transformer and the pretrained encoder's own ONNX spliced in.
        for (String name : List.of("logreg", "xgb", "mlp", "ft")) {
            JsonNode entry = RunFolder.entry(leaderboard, name);
            assertTrue(entry.path("export_problem").isMissingNode(), name + ": " + entry.path("export_problem"));
            assertEquals(entry.path("test").path("roc_auc").asDouble(), entry.path("test_onnx").path("roc_auc").asDouble(),
                    1e-4, name + ": the exported graph's test metric");
        }
        String features = Files.readString(run.resolve("models/mlp/features.json"));
        assertTrue(features.contains("\"text_tokens\""), "deep families read token ids");
        assertTrue(Files.readString(run.resolve("models/logreg/features.json")).contains("\"tfidf\""));
    }

    @Test
    void aRowWithOnlyTextTrainsWithTheBagEncoderAndItsBundlePredictsTheHardRows() throws IOException {
        Path notes = data();
        Path config = config("only-text", List.of(
                "  title: {type: ignore}", "  summary: {type: ignore}", "  amount: {type: ignore}",
                "  note: {type: text, min_frequency: 1}"),
                List.of("  - {name: bag, type: mlp, params: {epochs: 3, hidden: [16], batch_size: 32}}"));
        Path run = tmp.resolve("run");
        Cli.trainOk(config, run);
        double auc = RunFolder.entry(Cli.json(run.resolve("leaderboard.json")), "bag").path("test").path("roc_auc")
                .asDouble(Double.NaN);
        assertTrue(auc > 0.6, "test roc_auc " + auc);
        // Empty, missing, emoji, HTML and 10,000-character notes through the bundle's tokenizer and graph.
        Path bundle = Cli.bundles(run).resolve("only-text").resolve("1");
        assertTrue(Files.isRegularFile(bundle.resolve("tokenizer_0.json")), "the bundle carries the tokenizer");
        Path predictions = tmp.resolve("predictions.csv");
        Cli.Result predicted = Cli.run("predict", "--model", bundle, "--data", notes, "-o", predictions, "--no-progress");
        assertEquals(0, predicted.exitCode(), predicted::toString);
        List<String> lines = Files.readAllLines(predictions);
        assertEquals(601, lines.size());
        assertEquals("label,probability_no,probability_yes", lines.get(0));
        long right = 0;
        List<String> rows = Files.readAllLines(notes);
        for (int row = 1; row < rows.size(); row++) {
            right += rows.get(row).endsWith(lines.get(row).split(",")[0]) ? 1 : 0;
        }
        assertTrue(right > 420, right + " of 600 labels right");
        // Texts of another length drift: their token counts are the text column's distribution.
        Path report = tmp.resolve("report.json");
        Cli.Result same = Cli.run("evaluate", "--model", bundle, "--data", notes, "--json", report, "--no-progress");
        assertEquals(0, same.exitCode(), same::toString);
        assertEquals("[]", Cli.json(report).path("drifted").toString(), same::toString);
        List<String> longer = new ArrayList<>(List.of(rows.get(0)));
        rows.subList(1, rows.size()).forEach(row -> longer.add("\"" + "the box arrived ".repeat(8) + "\"" + row.substring(
                row.startsWith("\"") ? row.indexOf('"', 1) + 1 : row.indexOf(','))));
        Cli.Result shifted = Cli.run("evaluate", "--model", bundle, "--data", TestData.write(tmp.resolve("longer.csv"),
                longer), "--json", report, "--no-progress");
        assertEquals(0, shifted.exitCode(), shifted::toString);
        assertEquals("[\"note\"]", Cli.json(report).path("drifted").toString(), shifted::toString);
    }

    @Test
    void aPretrainedEncoderWithoutItsOnnxExportTrainsButIsNotBundled() {
        data();
        Path config = config("no-onnx", List.of("  title: {type: ignore}", "  note: {type: ignore}",
                "  summary: {type: text, tokenizer: " + TextRows.TINY_ENCODER.resolve("tokenizer.json") + ","
                        + " encoder: {type: pretrained, model: " + TextRows.TINY_ENCODER.resolve("encoder.pt") + "}}"),
                List.of("  - {name: mlp, type: mlp, params: {epochs: 1, hidden: [8]}}"));
        Path run = tmp.resolve("run");
        Cli.Result result = Cli.trainOk(config, run);
        String problem = RunFolder.entry(Cli.json(run.resolve("leaderboard.json")), "mlp").path("export_problem").asText();
        assertTrue(problem.contains("give encoder.onnx"), problem);
        assertTrue(result.err().contains("note: no model bundle: the winner 'mlp' has no ONNX export"), result::toString);
    }

    @Test
    void aPretrainedEncoderWithoutItsTokenizerIsAConfigError() {
        data();
        Path config = config("no-tokenizer", List.of("  note: {type: text, encoder: {type: pretrained, model: x.pt}}"),
                List.of("  - {name: mlp, type: mlp}"));
        Cli.Result result = Cli.train(config, tmp.resolve("run"));
        assertEquals(AnnealCommand.USAGE, result.exitCode(), result::toString);
        Cli.assertUserError(result, "columns.note.tokenizer: required with encoder type pretrained");
    }

}
