package dev.anneal.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.config.ConfigLoader;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.io.Json;
import dev.anneal.train.model.ModelRegistry;
import dev.anneal.train.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Writes generated data and configs into a test's folder and trains them in-process, capturing what a run prints. */
final class Runs {

    static final ModelRegistry REGISTRY = ModelRegistry.load();

    private Runs() {
    }

    /** A finished run: its folder and what it printed for the user. */
    record Finished(Path folder, String messages) {
    }

    static Path write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A config in {@code folder} training one linear candidate, with {@code data} the YAML mapping of its
     * {@code data} key ({@code {path: file.csv, ...}}) and {@code more} lines added.
     */
    static ProjectConfig config(Path folder, String data, String target, String... more) {
        List<String> lines = new ArrayList<>(List.of(
                "schemaVersion: 1",
                "name: test",
                "data: " + data,
                "target: " + target,
                "models: [{name: lin, type: linear, params: {l2: 0.01}}]",
                "bundles: bundles"));
        lines.addAll(List.of(more));
        return new ConfigLoader(REGISTRY).load(write(folder.resolve("exp.yaml"), lines), OptionalLong.empty());
    }

    /** Trains {@code config} into {@code folder}. */
    static Finished train(ProjectConfig config, Path folder) {
        StringWriter messages = new StringWriter();
        new TrainingRun(REGISTRY, Progress.SILENT, new PrintWriter(messages, true), 1).run(config, folder);
        return new Finished(folder, messages.toString());
    }

    static JsonNode json(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code splits.json} of a run: train, validation and test row indices. */
    static int[][] splits(Path run) {
        JsonNode splits = json(run.resolve("splits.json"));
        int[][] out = new int[3][];
        List<String> names = List.of("train", "validation", "test");
        for (int s = 0; s < 3; s++) {
            JsonNode indices = splits.path(names.get(s));
            out[s] = new int[indices.size()];
            for (int i = 0; i < out[s].length; i++) {
                out[s][i] = indices.get(i).asInt();
            }
        }
        return out;
    }
}
