package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/** Checks a run folder against what the issue says one holds. */
final class RunFolder {

    static final List<String> FILES = List.of("config.yaml", "provenance.json", "splits.json", "profile.json",
            "leaderboard.json", "metrics.json");
    static final List<String> SPLITS = List.of("train", "validation", "test");
    private static final Set<String> LOWER_IS_BETTER = Set.of("rmse", "mae", "mape", "log_loss", "brier");

    private RunFolder() {
    }

    /**
     * Asserts that {@code run} is a complete, self-consistent run of every candidate in {@code candidates}
     * (all {@code ok}) on {@code rows} data rows, whose splits cover every row.
     */
    static void assertComplete(Path run, String task, String metric, int rows, List<String> candidates) {
        assertTrue(Files.isDirectory(run), run + " is not a folder");
        assertFalse(Files.exists(partial(run)), "the .partial folder is left beside the completed run");
        for (String file : FILES) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file + " missing from " + run);
        }

        JsonNode leaderboard = Cli.json(run.resolve("leaderboard.json"));
        assertEquals(candidates, names(leaderboard));
        for (JsonNode entry : leaderboard) {
            String name = entry.path("name").asText();
            assertEquals("ok", entry.path("status").asText(), () -> name + " failed: " + entry.path("error"));
            assertTrue(entry.path("type").isTextual(), name);
            assertTrue(entry.path("params").isObject(), name);
            assertTrue(entry.path("validation").path(metric).isNumber(), name + " has no validation " + metric);
            assertTrue(entry.path("test").path(metric).isNumber(), name + " has no test " + metric);
            assertTrue(entry.path("train_seconds").asDouble(-1) >= 0, name);
            if ("xgboost".equals(entry.path("type").asText())) {
                assertTrue(entry.path("best_iteration").isInt(), name + " has no best_iteration");
            }
            Path model = run.resolve("models").resolve(name);
            assertTrue(Files.isDirectory(model) && !Cli.listing(model).isEmpty(), "no model files in " + model);
        }

        JsonNode metrics = Cli.json(run.resolve("metrics.json"));
        assertEquals(task, metrics.path("task").asText());
        assertEquals(metric, metrics.path("selection_metric").asText());
        assertEquals("validation", metrics.path("selected_on").asText());
        String winner = metrics.path("winner").asText();
        assertEquals(bestOnValidation(leaderboard, metric), winner);
        JsonNode winning = entry(leaderboard, winner);
        assertEquals(winning.path("validation"), metrics.path("validation"));
        assertEquals(winning.path("test"), metrics.path("test"));

        int[][] splits = splits(run);
        assertDisjointAndCovering(splits, rows);

        JsonNode config = Cli.yaml(run.resolve("config.yaml"));
        assertEquals(1, config.path("schemaVersion").asInt());
        assertEquals(task, config.path("task").asText());
        assertEquals(metric, config.path("metric").asText());
        assertTrue(config.path("split").path("method").isTextual(), "split.method is not resolved");
        assertTrue(config.path("seed").isIntegralNumber(), "seed is not resolved");

        JsonNode provenance = Cli.json(run.resolve("provenance.json"));
        JsonNode data = provenance.path("data");
        assertEquals(rows, data.path("rows").asInt());
        Path dataFile = Path.of(data.path("path").asText());
        assertEquals(sha256(dataFile), data.path("sha256").asText());
        assertEquals(config.path("seed").asLong(), provenance.path("seeds").path("seed").asLong());

        JsonNode profile = Cli.json(run.resolve("profile.json"));
        assertEquals(rows, profile.path("rows").asInt());
        assertEquals(data.path("columns").asInt(), profile.path("columns").size());
    }

    /** The winner by the rule: the best validation value of the selection metric, the first on a tie. */
    static String bestOnValidation(JsonNode leaderboard, String metric) {
        boolean lower = LOWER_IS_BETTER.contains(metric);
        String best = null;
        double bestValue = Double.NaN;
        for (JsonNode entry : leaderboard) {
            double value = entry.path("validation").path(metric).asDouble();
            if (best == null || (lower ? value < bestValue : value > bestValue)) {
                best = entry.path("name").asText();
                bestValue = value;
            }
        }
        return best;
    }

    static JsonNode entry(JsonNode leaderboard, String name) {
        for (JsonNode entry : leaderboard) {
            if (entry.path("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no leaderboard entry " + name);
    }

    static List<String> names(JsonNode leaderboard) {
        return StreamSupport.stream(leaderboard.spliterator(), false).map(e -> e.path("name").asText()).toList();
    }

    /** train, validation and test row indices from {@code splits.json}. */
    static int[][] splits(Path run) {
        JsonNode splits = Cli.json(run.resolve("splits.json"));
        int[][] out = new int[3][];
        for (int s = 0; s < 3; s++) {
            JsonNode indices = splits.path(SPLITS.get(s));
            assertTrue(indices.isArray(), "splits.json has no array " + SPLITS.get(s));
            out[s] = StreamSupport.stream(indices.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
        }
        return out;
    }

    static void assertDisjointAndCovering(int[][] splits, int rows) {
        Set<Integer> seen = new HashSet<>();
        for (int s = 0; s < 3; s++) {
            assertNotEquals(0, splits[s].length, SPLITS.get(s) + " is empty");
            for (int row : splits[s]) {
                assertTrue(row >= 0 && row < rows, "row " + row + " out of range");
                assertTrue(seen.add(row), "row " + row + " is in two splits");
            }
        }
        assertEquals(rows, seen.size(), "the splits do not cover every row");
    }

    static Path partial(Path run) {
        return run.resolveSibling(run.getFileName() + ".partial");
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every metric value of every candidate on test, in leaderboard order, to compare runs exactly. */
    static List<JsonNode> testMetrics(Path run) {
        List<JsonNode> out = new ArrayList<>();
        Cli.json(run.resolve("leaderboard.json")).forEach(entry -> out.add(entry.path("test")));
        return out;
    }
}
