package dev.anneal.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Writes YAML configs into a test's temporary folder and loads them with the {@link TestCatalog}. */
final class ConfigFiles {

    /** The smallest valid config: everything else is left to defaults. */
    static final String MINIMAL = """
            schemaVersion: 1
            data: {path: data.csv}
            target: y
            models: [{type: linear}]
            """;

    private final Path dir;

    ConfigFiles(Path dir) {
        this.dir = dir;
    }

    Path write(String name, String yaml) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProjectConfig load(String yaml) {
        return load(write("exp.yaml", yaml), OptionalLong.empty());
    }

    static ProjectConfig load(Path file, OptionalLong seed) {
        return new ConfigLoader(new TestCatalog()).load(file, seed);
    }

    /** The same config as if it had been read from nowhere, to compare configs loaded from different files. */
    static ProjectConfig withoutSource(ProjectConfig c) {
        return new ProjectConfig(c.schemaVersion(), c.name(), c.data(), c.target(), c.task(), c.positive(), c.columns(),
                c.split(), c.metric(), c.models(), c.checks(), c.seed(), c.device(), c.output(), c.bundles(), null);
    }
}
