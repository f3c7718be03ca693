package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration tier: text columns through the real command. Generated rows carry a signal in their text
 * and the hard cases (empty and missing texts, emoji, HTML, a 10,000-character row); every encoder
 * ({@code bag}, {@code cnn}, {@code transformer}, the checked-in tiny {@code pretrained} model) and the
 * TF-IDF baselines train on them and score the test split with finite, better-than-chance metrics.
 */
class TextColumnsTest {

    private static final Path TINY_ENCODER = Cli.REPO.resolve("train/src/test/resources/pretrained/tiny-encoder");
    private static final String[] GOOD = {"great", "love", "delicious", "perfect"};
    private static final String[] BAD = {"awful", "stale", "broken", "refund"};
    private static final String[] FILLER = {"the", "coffee", "tea", "box", "arrived", "taste", "price", "bag"};

    @TempDir
    Path tmp;

    /** 600 rows: the label is whether the note holds a good word; the title is noise with the same signal. */
    private Path data() {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>(List.of("note,title,summary,amount,liked"));
        for (int row = 0; row < 600; row++) {
            boolean liked = random.nextBoolean();
            String note = switch (row % 50) {
                case 0 -> "";
                case 1 -> "\"\"";
                case 2 -> "\"😀👍🏽 " + (liked ? "love" : "refund") + " 🙂\"";
                case 3 -> "\"" + "x".repeat(10_000) + " " + (liked ? "great" : "awful") + "\"";
                case 4 -> "\"<b>" + (liked ? "perfect" : "stale") + "</b><br /><br />box\"";
                default -> sentence(random, liked);
            };
            String title = row % 7 == 0 ? "" : sentence(random, liked);
            lines.add(note + "," + title + "," + sentence(random, liked) + "," + random.nextInt(100) + ","
                    + (liked ? "yes" : "no"));
        }
        return TestData.write(tmp.resolve("notes.csv"), lines);
    }

    private static String sentence(Random random, boolean liked) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4 + random.nextInt(12); i++) {
            text.append(FILLER[random.nextInt(FILLER.length)]).append(' ');
        }
        String[] words = liked ? GOOD : BAD;
        text.append(words[random.nextInt(words.length)]).append(random.nextInt(3) == 0 ? "!" : ".");
        return text.toString();
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
                "  summary: {type: text, tokenizer: " + TINY_ENCODER.resolve("tokenizer.json") + ","
                        + " encoder: {type: pretrained, model: " + TINY_ENCODER.resolve("encoder.pt") + "}}"),
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
        String features = Files.readString(run.resolve("models/mlp/features.json"));
        assertTrue(features.contains("\"text_tokens\""), "deep families read token ids");
        assertTrue(Files.readString(run.resolve("models/logreg/features.json")).contains("\"tfidf\""));
    }

    @Test
    void aRowWithOnlyTextTrainsWithTheBagEncoder() {
        data();
        Path config = config("only-text", List.of(
                "  title: {type: ignore}", "  summary: {type: ignore}", "  amount: {type: ignore}",
                "  note: {type: text, min_frequency: 1}"),
                List.of("  - {name: bag, type: mlp, params: {epochs: 3, hidden: [16], batch_size: 32}}"));
        Path run = tmp.resolve("run");
        Cli.trainOk(config, run);
        double auc = RunFolder.entry(Cli.json(run.resolve("leaderboard.json")), "bag").path("test").path("roc_auc")
                .asDouble(Double.NaN);
        assertTrue(auc > 0.6, "test roc_auc " + auc);
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
