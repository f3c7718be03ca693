package dev.anneal.core.config;

import static dev.anneal.core.config.ConfigFiles.withoutSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolved {@code config.yaml} of a run must load back to the same config, whatever its strings look like. */
class ConfigWriterTest {

    @TempDir
    Path dir;

    private ProjectConfig roundTrip(ProjectConfig config) {
        Path written = new ConfigFiles(dir).write("run/config.yaml", ConfigWriter.toYaml(config));
        return ConfigFiles.load(written, OptionalLong.empty());
    }

    @Test
    void stringsThatLookLikeNumbersOrBooleansStayStrings() {
        List<String> tricky = List.of("007", "1.0", "0x1F", "1e-6", "1_000", "+1", ".5", "yes", "no", "true", "on",
                "null", "~", "", "12:30", "2024-01-01", "# not a comment", "a: b", "[x]");
        ProjectConfig config = new ConfigFiles(dir).load("""
                schemaVersion: 1
                name: '1.0'
                data: {path: 'data dir/x: y.csv'}
                target: '1e3'
                task: binary
                positive: '007'
                models: [{type: xgboost, params: {tree_method: '0x1F', max_depth: 3, eta: 1e-6}}]
                """);
        ProjectConfig withTricky = new ProjectConfig(config.schemaVersion(), config.name(),
                new DataConfig(config.data().path(), tricky, false, null), config.target(), config.task(), config.positive(),
                config.columns(), config.split(), config.metric(), config.models(), config.checks(), config.seed(),
                config.device(), config.output(), config.bundles(), config.source());

        ProjectConfig back = roundTrip(withTricky);

        assertEquals(tricky, back.data().naValues());
        assertEquals("007", back.positive());
        assertEquals("1e3", back.target());
        assertEquals("1.0", back.name());
        assertEquals(Map.of("tree_method", "0x1F", "max_depth", 3, "eta", 1e-6), back.models().get(0).params());
        assertEquals(withoutSource(withTricky), withoutSource(back));
    }

    @Test
    void writesEveryDefaultInTheDocumentedShape() {
        ProjectConfig config = new ConfigFiles(dir).load(ConfigFiles.MINIMAL + "task: regression\n");
        String yaml = ConfigWriter.toYaml(config);
        assertTrue(yaml.startsWith("schemaVersion: 1\nname: exp\n"), yaml);
        for (String line : List.of("target: ", "task: regression", "method: random", "seed: 42", "- 0.7", "- 0.15",
                "type: linear", "output: " + dir.resolve("runs").toAbsolutePath().normalize())) {
            assertTrue(yaml.contains(line), line + " in\n" + yaml);
        }
        assertEquals(withoutSource(config), withoutSource(roundTrip(config)));
    }
}
