package dev.anneal.core.config;

import static dev.anneal.core.config.ConfigFiles.MINIMAL;
import static dev.anneal.core.config.ConfigFiles.withoutSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.Task;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.features.CategoryEncoding;
import dev.anneal.core.features.Imputation;
import dev.anneal.core.features.Scaling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid configs: what the loader reads, the defaults it fills in, path resolution and the seed override. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    private ConfigFiles files() {
        return new ConfigFiles(dir);
    }

    /** {@code full.yaml} copied to {@code <tmp>/configs/full.yaml}, so its {@code ../} paths land in the temp folder. */
    private Path fullConfig() throws IOException {
        Path file = dir.resolve("configs/full.yaml");
        Files.createDirectories(file.getParent());
        try (InputStream in = getClass().getResourceAsStream("/config/full.yaml")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void readsEveryKeyOfAFullConfig() throws IOException {
        Path file = fullConfig();
        ProjectConfig config = ConfigFiles.load(file, OptionalLong.empty());

        assertEquals(1, config.schemaVersion());
        assertEquals("churn-full", config.name());
        assertEquals(dir.resolve("data/churn.csv").toAbsolutePath().normalize(), config.data().path());
        assertEquals(List.of("NA", "?"), config.data().naValues());
        assertTrue(config.data().deduplicate());
        assertEquals("7f3c9a0e5b1d4c28a6e2f09b", config.data().hashSalt());
        assertEquals("churn", config.target());
        assertEquals(Task.BINARY, config.task());
        assertEquals("yes", config.positive());
        assertEquals(new ColumnConfig(ColumnType.CATEGORY, null, null, null, null, CategoryEncoding.TARGET, 10),
                config.column("area_code"));
        assertEquals(new ColumnConfig(null, Imputation.CONSTANT, 0.5, true, Scaling.ROBUST, null, null),
                config.column("total_day_minutes"));
        assertEquals(new ColumnConfig(ColumnType.DATE, Imputation.MOST_FREQUENT, null, null, null, null, null),
                config.column("signup"));
        assertEquals(ColumnType.ID, config.column("customer_id").type());
        assertEquals(Privacy.HASH, config.column("email").privacy());
        assertEquals(ColumnType.ID, config.column("email").readType());
        assertNull(config.column("email").type(), "hashing makes it an id without declaring one");
        assertEquals(Privacy.DROP, config.column("phone").privacy());
        assertNull(config.column("customer_id").privacy());
        assertEquals(ColumnConfig.NONE, config.column("not_mentioned"));
        assertEquals(new SplitConfig(SplitMethod.GROUP, List.of(0.6, 0.2, 0.2), 7, null, "customer_id", null), config.split());
        assertEquals("pr_auc", config.metric());
        assertEquals(List.of(
                new ModelConfig("logreg", "linear", Map.of("l2", List.of(0.001, 0.1), "max_iter", 200)),
                new ModelConfig("xgb", "xgboost", Map.of("max_depth", 4, "learning_rate", 0.1, "tree_method", "hist"))),
                config.models());
        assertEquals(123, config.seed());
        assertEquals(dir.resolve("runs").toAbsolutePath().normalize(), config.output());
        assertEquals(file.toAbsolutePath().normalize(), config.source());
    }

    @Test
    void fullConfigRoundTripsThroughTheWriter() throws IOException {
        ProjectConfig first = ConfigFiles.load(fullConfig(), OptionalLong.empty());
        Path written = files().write("elsewhere/deeper/config.yaml", ConfigWriter.toYaml(first));
        ProjectConfig second = ConfigFiles.load(written, OptionalLong.empty());
        assertEquals(withoutSource(first), withoutSource(second));
        assertEquals(written.toAbsolutePath().normalize(), second.source());
    }

    @Test
    void minimalConfigRoundTripsWithItsDefaultsWrittenOut() {
        ProjectConfig first = files().load(MINIMAL);
        String yaml = ConfigWriter.toYaml(first);
        assertTrue(yaml.contains("seed: 42"), yaml);
        assertTrue(yaml.contains("name: exp"), yaml);
        ProjectConfig second = ConfigFiles.load(files().write("other/run-config.yaml", yaml), OptionalLong.empty());
        assertEquals(withoutSource(first), withoutSource(second));
    }

    @Test
    void splitFileAndTimeColumnRoundTrip() {
        ProjectConfig time = files().load(MINIMAL + "split: {method: time, time: {column: when}}\n");
        ProjectConfig file = files().load(MINIMAL + "split: {method: file, file: splits/s.json}\n");
        for (ProjectConfig first : List.of(time, file)) {
            Path written = files().write("rt/config.yaml", ConfigWriter.toYaml(first));
            assertEquals(withoutSource(first), withoutSource(ConfigFiles.load(written, OptionalLong.empty())));
        }
    }

    @Test
    void fillsInDefaults() {
        ProjectConfig config = files().load(MINIMAL);
        assertEquals("exp", config.name());
        assertEquals(42, config.seed());
        assertEquals(List.of(0.70, 0.15, 0.15), config.split().ratios());
        assertEquals(42, config.split().seed());
        assertNull(config.split().method(), "left open until the task is known");
        assertNull(config.split().timeColumn());
        assertNull(config.split().groupColumn());
        assertNull(config.split().file());
        assertEquals(dir.resolve("runs").toAbsolutePath().normalize(), config.output());
        assertNull(config.task());
        assertNull(config.positive());
        assertNull(config.metric());
        assertEquals(Map.of(), config.columns());
        assertEquals(List.of(), config.data().naValues());
        assertFalse(config.data().deduplicate());
        assertNull(config.data().hashSalt());
        assertEquals(List.of(new ModelConfig("linear", "linear", Map.of())), config.models());
    }

    @Test
    void aHashedColumnCanGroupTheSplit() {
        ProjectConfig config = files().load(MINIMAL.replace("{path: data.csv}", "{path: data.csv, hash_salt: 0123456789abcdef}")
                + "columns: {email: {privacy: hash, type: id}}\nsplit: {method: group, group: {column: email}}\n");
        assertEquals("email", config.split().groupColumn());
        assertEquals(Privacy.HASH, config.column("email").privacy());
        assertEquals("0123456789abcdef", config.data().hashSalt());
    }

    @Test
    void splitSeedFollowsTheTopLevelSeed() {
        assertEquals(5, files().load(MINIMAL + "seed: 5\n").split().seed());
        ProjectConfig both = files().load(MINIMAL + "seed: 5\nsplit: {seed: 9}\n");
        assertEquals(5, both.seed());
        assertEquals(9, both.split().seed());
    }

    @Test
    void splitMethodDefaultsFromTheDeclaredTask() {
        assertEquals(SplitMethod.STRATIFIED, files().load(MINIMAL + "task: binary\n").split().method());
        assertEquals(SplitMethod.STRATIFIED, files().load(MINIMAL + "task: multiclass\n").split().method());
        assertEquals(SplitMethod.RANDOM, files().load(MINIMAL + "task: regression\n").split().method());
        assertEquals(SplitMethod.RANDOM, files().load(MINIMAL + "task: binary\nsplit: {method: random}\n").split().method());
    }

    @Test
    void nameDefaultsToTheFileNameMadeSafeForAFolder() {
        Path file = files().write("my churn.v2.yaml", MINIMAL);
        assertEquals("my_churn.v2", ConfigFiles.load(file, OptionalLong.empty()).name());
        Path noExtension = files().write("plain", MINIMAL);
        assertEquals("plain", ConfigFiles.load(noExtension, OptionalLong.empty()).name());
    }

    @Test
    void relativePathsResolveAgainstTheConfigFolderNotTheWorkingDirectory() {
        Path file = files().write("a/b/exp.yaml", """
                schemaVersion: 1
                data: {path: ../data/x.csv}
                target: y
                split: {method: file, file: splits.json}
                models: [{type: linear}]
                output: ../../out
                """);
        ProjectConfig config = ConfigFiles.load(file, OptionalLong.empty());
        Path folder = file.toAbsolutePath().getParent();
        assertEquals(folder.resolve("../data/x.csv").normalize(), config.data().path());
        assertEquals(folder.resolve("splits.json"), config.split().file());
        assertEquals(dir.resolve("out").toAbsolutePath().normalize(), config.output());
        assertTrue(config.data().path().isAbsolute());
    }

    @Test
    void absolutePathsAreKept() {
        Path data = dir.resolve("elsewhere/d.csv").toAbsolutePath();
        Path out = dir.resolve("out").toAbsolutePath();
        ProjectConfig config = files().load("schemaVersion: 1\ndata: {path: '" + data + "'}\ntarget: y\n"
                + "models: [{type: linear}]\noutput: '" + out + "'\n");
        assertEquals(data, config.data().path());
        assertEquals(out, config.output());
    }

    @Test
    void seedOverrideReplacesSeedAndTheSplitSeedWhenTheConfigSetsNone() {
        Path file = files().write("exp.yaml", MINIMAL + "seed: 5\n");
        ProjectConfig config = ConfigFiles.load(file, OptionalLong.of(77));
        assertEquals(77, config.seed());
        assertEquals(77, config.split().seed());
    }

    @Test
    void seedOverrideLeavesAnExplicitSplitSeedAlone() {
        Path file = files().write("exp.yaml", MINIMAL + "seed: 5\nsplit: {seed: 9}\n");
        ProjectConfig config = ConfigFiles.load(file, OptionalLong.of(77));
        assertEquals(77, config.seed());
        assertEquals(9, config.split().seed());
    }

    @Test
    void seedOverrideStillReportsAMalformedSeed() {
        Path file = files().write("exp.yaml", MINIMAL + "seed: 1.5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.load(file, OptionalLong.of(77)));
        assertEquals(List.of("seed: expected an integer, got 1.5"), e.problems());
    }

    @Test
    void yamlYesAndNoStayLabels() {
        // YAML 1.1 reads unquoted yes/no/on/off as booleans; a label "yes" must not become "true".
        ProjectConfig config = files().load("""
                schemaVersion: 1
                data: {path: data.csv, na_values: [NA, no, off]}
                target: churn
                task: binary
                positive: yes
                models: [{type: linear}]
                """);
        assertEquals("yes", config.positive());
        assertEquals(List.of("NA", "no", "off"), config.data().naValues());
    }

    @Test
    void scalarsAreReadAsTextWhereTextIsExpected() {
        ProjectConfig config = files().load("""
                schemaVersion: 1
                name: 2024.1
                data: {path: data.csv, na_values: [-999, 1.5]}
                target: 7
                positive: 1
                models: [{type: linear}]
                """);
        assertEquals("2024.1", config.name());
        assertEquals(List.of("-999", "1.5"), config.data().naValues());
        assertEquals("7", config.target());
        assertEquals("1", config.positive());
    }

    @Test
    void boundaryValuesAreAccepted() {
        ProjectConfig config = files().load(MINIMAL + """
                columns:
                  a: {max_cardinality: 1}
                  b: {max_cardinality: 100000, impute: constant, fill_value: 0}
                  c:
                split: {ratios: [0.98, 0.01, 0.01]}
                """);
        assertEquals(1, config.column("a").maxCardinality());
        assertEquals(100000, config.column("b").maxCardinality());
        assertEquals(0.0, config.column("b").fillValue());
        assertEquals(ColumnConfig.NONE, config.column("c"));
    }

    @Test
    void metricSuitingTheTaskOrAnUndeclaredTaskIsAccepted() {
        assertEquals("rmse", files().load(MINIMAL + "task: regression\nmetric: rmse\n").metric());
        assertEquals("rmse", files().load(MINIMAL + "metric: rmse\n").metric(), "checked once the task is inferred");
        assertEquals("log_loss", files().load(MINIMAL + "task: multiclass\nmetric: log_loss\n").metric());
    }

    @Test
    void modelParamsKeepTheirYamlTypes() {
        ProjectConfig config = files().load("""
                schemaVersion: 1
                data: {path: data.csv}
                target: y
                models:
                  - {name: a, type: xgboost, params: {max_depth: 6, eta: 0.3, tree_method: hist, eval_metric: [auc, logloss]}}
                  - {name: b, type: xgboost}
                """);
        assertEquals(Map.of("max_depth", 6, "eta", 0.3, "tree_method", "hist", "eval_metric", List.of("auc", "logloss")),
                config.models().get(0).params());
        assertEquals(Map.of(), config.models().get(1).params());
    }
}
