package dev.anneal.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import dev.anneal.core.config.ConfigException;
import dev.anneal.core.config.ConfigLoader;
import dev.anneal.core.config.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The families found through {@code META-INF/services}, and the registry as the config's catalog. */
class ModelRegistryTest {

    private final ModelRegistry registry = ModelRegistry.load();

    @TempDir
    Path dir;

    @Test
    void typesAreTheRegisteredFamiliesSorted() {
        assertEquals(List.of("ft_transformer", "linear", "mlp", "resnet", "xgboost"), registry.types());
        for (String type : registry.types()) {
            assertEquals(type, registry.family(type).type());
        }
    }

    @Test
    void unknownFamilyListsTheRegisteredNames() {
        AnnealException e = assertThrows(AnnealException.class, () -> registry.family("nope"));
        assertEquals("unknown model family 'nope'; expected one of [ft_transformer, linear, mlp, resnet, xgboost]", e.getMessage());
    }

    @Test
    void configWithBothFamiliesLoads() throws Exception {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, """
                schemaVersion: 1
                data: {path: data.csv}
                target: y
                models:
                  - {name: logreg, type: linear, params: {l2: [0.01, 1]}}
                  - {name: xgb, type: xgboost, params: {max_depth: 6, learning_rate: 0.05}}
                """);
        ProjectConfig config = new ConfigLoader(registry).load(file, OptionalLong.empty());
        assertEquals(List.of("logreg", "xgb"), config.models().stream().map(m -> m.name()).toList());
    }

    @Test
    void configProblemsOfSeveralFamiliesComeTogether() throws Exception {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, """
                schemaVersion: 1
                data: {path: data.csv}
                target: y
                models:
                  - {type: linear, params: {l2: -1}}
                  - {type: xgboost, params: {max_dept: 6}}
                  - {type: xgbost}
                """);
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(registry).load(file, OptionalLong.empty()));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("models[0].params.l2: "), e.problems().toString());
        assertTrue(e.problems().get(1).startsWith("models[1].params.max_dept: "), e.problems().toString());
        assertTrue(e.problems().get(2).startsWith("models[2].type: unknown model family 'xgbost'; did you mean 'xgboost'?"),
                e.problems().toString());
    }
}
