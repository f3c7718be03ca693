package dev.anneal.core.config;

import static dev.anneal.core.config.ConfigFiles.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.core.AnnealException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invalid configs: every problem names its path and what was expected, and all problems of a config are
 * reported together in one {@link ConfigException}.
 */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    private ConfigException rejected(String yaml) {
        Path file = new ConfigFiles(dir).write("exp.yaml", yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.load(file, OptionalLong.empty()));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath().normalize().toString()), e.getMessage());
        for (String problem : e.problems()) {
            assertTrue(e.getMessage().contains(problem), "the message lists every problem: " + e.getMessage());
        }
        return e;
    }

    /** The problem at {@code path}; it must mention every one of {@code expected}. */
    private static String problem(ConfigException e, String path, String... expected) {
        for (String problem : e.problems()) {
            if (problem.startsWith(path + ": ")) {
                for (String text : expected) {
                    assertTrue(problem.contains(text), "'" + problem + "' should contain '" + text + "'");
                }
                return problem;
            }
        }
        return fail("no problem at " + path + " in " + e.problems());
    }

    private static void only(ConfigException e, String path, String... expected) {
        assertEquals(1, e.problems().size(), () -> "one problem expected: " + e.problems());
        problem(e, path, expected);
    }

    private AnnealException notLoaded(Path file) {
        AnnealException e = assertThrows(AnnealException.class, () -> ConfigFiles.load(file, OptionalLong.empty()));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        return e;
    }

    // ---- the file itself

    @Test
    void missingFile() {
        AnnealException e = notLoaded(dir.resolve("nope.yaml"));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void folderInsteadOfFile() {
        AnnealException e = notLoaded(dir);
        assertTrue(e.getMessage().contains("cannot read the config"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n  \n", "# only a comment\n", "~\n"})
    void emptyFile(String text) {
        AnnealException e = notLoaded(new ConfigFiles(dir).write("empty.yaml", text));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertTrue(e.getMessage().contains("schemaVersion: 1"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorGivesLineAndColumn() {
        Path file = new ConfigFiles(dir).write("broken.yaml", "schemaVersion: 1\ndata: {path: a.csv\ntarget: y\n");
        AnnealException e = notLoaded(file);
        assertFalse(e instanceof ConfigException);
        assertTrue(e.getMessage().contains("not valid YAML at line "), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*at line \\d+, column \\d+: .+"), e.getMessage());
    }

    @Test
    void badIndentationIsASyntaxErrorOnItsLine() {
        Path file = new ConfigFiles(dir).write("indent.yaml", "schemaVersion: 1\ndata:\n  path: a.csv\n na_values: [x]\n");
        AnnealException e = notLoaded(file);
        assertTrue(e.getMessage().contains("not valid YAML at line 4"), e.getMessage());
    }

    @Test
    void duplicateKeyIsAnErrorNotASilentOverride() {
        Path file = new ConfigFiles(dir).write("dup.yaml", MINIMAL + "seed: 1\nseed: 2\n");
        AnnealException e = notLoaded(file);
        assertTrue(e.getMessage().contains("line 6"), e.getMessage());
        assertTrue(e.getMessage().contains("'seed'"), e.getMessage());
    }

    @Test
    void duplicateNestedKey() {
        Path file = new ConfigFiles(dir).write("dup.yaml", MINIMAL + "columns: {a: {type: id, type: numeric}}\n");
        AnnealException e = notLoaded(file);
        assertTrue(e.getMessage().contains("'type'"), e.getMessage());
    }

    @Test
    void topLevelMustBeAMapping() {
        ConfigException e = rejected("- schemaVersion: 1\n- target: y\n");
        assertTrue(e.problems().get(0).startsWith("expected a mapping of keys to values, got a list"), e.problems().toString());
    }

    // ---- schemaVersion

    @Test
    void schemaVersionMissing() {
        only(rejected(MINIMAL.replace("schemaVersion: 1\n", "")), "schemaVersion", "required", "schemaVersion: 1");
    }

    @Test
    void schemaVersionWrong() {
        only(rejected(MINIMAL.replace("schemaVersion: 1", "schemaVersion: 2")), "schemaVersion", "only schemaVersion 1", "got 2");
    }

    @Test
    void schemaVersionNotAnInteger() {
        only(rejected(MINIMAL.replace("schemaVersion: 1", "schemaVersion: one")), "schemaVersion", "expected an integer", "'one'");
        only(rejected(MINIMAL.replace("schemaVersion: 1", "schemaVersion: 1.0")), "schemaVersion", "expected an integer", "1.0");
    }

    // ---- unknown keys

    @Test
    void unknownTopLevelKeySuggestsTheClosest() {
        ConfigException e = rejected(MINIMAL.replace("target: y", "tagret: y"));
        problem(e, "tagret", "unknown key", "did you mean 'target'?", "allowed: schemaVersion, name, data, target");
        problem(e, "target", "required");
    }

    @Test
    void unknownKeyFarFromAnyGetsNoSuggestion() {
        String message = problem(rejected(MINIMAL + "colour: blue\n"), "colour", "unknown key", "allowed:");
        assertFalse(message.contains("did you mean"), message);
    }

    @Test
    void unknownNestedKeys() {
        ConfigException e = rejected("""
                schemaVersion: 1
                data: {pth: data.csv}
                target: y
                columns: {x: {typ: numeric}}
                split: {ratio: [0.8, 0.1, 0.1], method: time, time: {colum: t}}
                models: [{type: linear, parms: {}}]
                """);
        problem(e, "data.pth", "did you mean 'path'?", "allowed: path, na_values");
        problem(e, "data.path", "required");
        problem(e, "columns.x.typ", "did you mean 'type'?", "allowed: type, impute");
        problem(e, "split.ratio", "did you mean 'ratios'?", "allowed: method, ratios");
        problem(e, "models[0].parms", "did you mean 'params'?", "allowed: name, type, params");
        problem(e, "split.time.colum", "did you mean 'column'?");
    }

    // ---- value types

    @Test
    void ratiosNotAList() {
        only(rejected(MINIMAL + "split: {ratios: abc}\n"), "split.ratios", "expected a list of numbers", "'abc'");
    }

    @Test
    void ratiosWithANonNumber() {
        only(rejected(MINIMAL + "split: {ratios: [0.7, x, 0.15]}\n"), "split.ratios[1]", "expected a number", "'x'");
    }

    @Test
    void seedNotAnInteger() {
        only(rejected(MINIMAL + "seed: 1.5\n"), "seed", "expected an integer", "1.5");
        only(rejected(MINIMAL + "split: {seed: abc}\n"), "split.seed", "expected an integer", "'abc'");
    }

    @Test
    void modelsNotAList() {
        only(rejected(MINIMAL.replace("models: [{type: linear}]", "models: {}")), "models", "non-empty list", "a mapping");
        only(rejected(MINIMAL.replace("models: [{type: linear}]", "models: xgboost")), "models", "non-empty list", "'xgboost'");
    }

    @Test
    void modelsEmpty() {
        only(rejected(MINIMAL.replace("models: [{type: linear}]", "models: []")), "models", "non-empty list", "got an empty list");
    }

    @Test
    void modelsMissing() {
        only(rejected(MINIMAL.replace("models: [{type: linear}]\n", "")), "models", "required");
        only(rejected(MINIMAL.replace("models: [{type: linear}]\n", "models:\n")), "models", "required");
    }

    @Test
    void modelEntryNotAMapping() {
        ConfigException e = rejected(MINIMAL.replace("models: [{type: linear}]", "models: [xgboost]"));
        problem(e, "models[0]", "expected a mapping", "'xgboost'");
    }

    @Test
    void columnTypeNotAName() {
        only(rejected(MINIMAL + "columns: {x: {type: 42}}\n"), "columns.x.type",
                "expected one of [numeric, category, text, date, id, ignore]", "got '42'");
    }

    @Test
    void columnsNotAMapping() {
        only(rejected(MINIMAL + "columns: [x]\n"), "columns", "expected a mapping", "a list");
        only(rejected(MINIMAL + "columns: {x: numeric}\n"), "columns.x", "expected a mapping", "'numeric'");
    }

    @Test
    void otherWrongTypes() {
        ConfigException e = rejected("""
                schemaVersion: 1
                name: [a]
                data: {path: {file: x}, na_values: NA}
                target: y
                columns: {x: {fill_value: zero, missing_indicator: maybe, max_cardinality: 2.5}}
                models: [{type: [linear]}]
                output: {dir: x}
                """);
        problem(e, "name", "expected a string", "a list");
        problem(e, "data.path", "expected a string", "a mapping");
        problem(e, "data.na_values", "expected a list of strings", "'NA'");
        problem(e, "columns.x.fill_value", "expected a number", "'zero'");
        problem(e, "columns.x.missing_indicator", "expected true or false", "'maybe'");
        problem(e, "columns.x.max_cardinality", "expected an integer", "2.5");
        problem(e, "models[0].type", "expected a string", "a list");
        problem(e, "output", "expected a string", "a mapping");
    }

    @Test
    void requiredValues() {
        ConfigException e = rejected("schemaVersion: 1\ntarget: ''\nmodels: [{name: a}]\n");
        problem(e, "data", "required", "path");
        problem(e, "target", "must not be empty");
        problem(e, "models[0].type", "required");
        assertEquals(3, e.problems().size(), e.problems().toString());
    }

    @Test
    void dataWithoutPath() {
        only(rejected(MINIMAL.replace("data: {path: data.csv}", "data: {na_values: [NA]}")), "data.path", "required");
    }

    @Test
    void nullParamValue() {
        only(rejected(MINIMAL.replace("{type: linear}", "{type: linear, params: {l2: }}")),
                "models[0].params.l2", "expected a value");
    }

    @Test
    void paramsNotAMapping() {
        only(rejected(MINIMAL.replace("{type: linear}", "{type: linear, params: [l2]}")), "models[0].params",
                "expected a mapping", "a list");
    }

    // ---- choices

    @Test
    void badTaskListsTheTasksAndSuggestsOne() {
        only(rejected(MINIMAL + "task: binry\n"), "task", "expected one of [binary, multiclass, regression]", "got 'binry'",
                "did you mean 'binary'?");
    }

    @Test
    void badColumnChoices() {
        ConfigException e = rejected(MINIMAL + "columns: {x: {impute: meen, scale: std, encode: one_hot}}\n");
        problem(e, "columns.x.impute", "[median, mean, most_frequent, constant, none]", "did you mean 'mean'?");
        problem(e, "columns.x.scale", "[standard, minmax, robust, none]", "got 'std'");
        problem(e, "columns.x.encode", "[onehot, ordinal, frequency, target, index]", "did you mean 'onehot'?");
        assertEquals(3, e.problems().size(), e.problems().toString());
    }

    @Test
    void badSplitMethod() {
        only(rejected(MINIMAL + "split: {method: stratifed}\n"), "split.method",
                "[random, stratified, time, group, file]", "did you mean 'stratified'?");
    }

    @Test
    void invalidName() {
        only(rejected(MINIMAL + "name: my run/1\n"), "name", "letters, digits", "'my run/1'");
    }

    // ---- ratios

    @Test
    void ratiosNotSummingToOne() {
        only(rejected(MINIMAL + "split: {ratios: [0.5, 0.3, 0.3]}\n"), "split.ratios", "sum to 1", "[0.5, 0.3, 0.3]", "1.1");
    }

    @Test
    void ratiosWithTwoEntries() {
        only(rejected(MINIMAL + "split: {ratios: [0.8, 0.2]}\n"), "split.ratios", "three shares", "got 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1.0, 0, 0]", "[0.5, 0.5, 0]", "[1.2, -0.1, -0.1]"})
    void ratiosOutsideTheOpenInterval(String ratios) {
        only(rejected(MINIMAL + "split: {ratios: " + ratios + "}\n"), "split.ratios", "in (0, 1)");
    }

    // ---- metric, task and positive

    @Test
    void unknownMetricListsAllAndSuggests() {
        only(rejected(MINIMAL + "metric: roc_acu\n"), "metric", "expected one of [roc_auc, pr_auc", "mape]", "got 'roc_acu'",
                "did you mean 'roc_auc'?");
    }

    @Test
    void metricUnsuitedToTheDeclaredTask() {
        only(rejected(MINIMAL + "task: binary\nmetric: rmse\n"), "metric", "rmse does not suit a binary task",
                "[roc_auc, pr_auc, log_loss, brier, accuracy, precision, recall, f1]");
        only(rejected(MINIMAL + "task: regression\nmetric: accuracy\n"), "metric", "regression", "[rmse, mae, r2, mape]");
    }

    @Test
    void positiveNeedsABinaryTask() {
        only(rejected(MINIMAL + "task: regression\npositive: 'yes'\n"), "positive", "only a binary task", "regression");
        only(rejected(MINIMAL + "task: multiclass\npositive: 'yes'\n"), "positive", "multiclass");
    }

    @Test
    void targetCannotBeGivenAFeatureType() {
        only(rejected(MINIMAL + "columns: {y: {type: category}}\n"), "columns.y", "target");
    }

    // ---- split

    @Test
    void timeSplitWithoutTimeColumn() {
        only(rejected(MINIMAL + "split: {method: time}\n"), "split.time", "required when method is time", "{column: <name>}");
    }

    @Test
    void groupSplitWithoutGroupColumn() {
        only(rejected(MINIMAL + "split: {method: group}\n"), "split.group", "required when method is group");
    }

    @Test
    void timeColumnWithoutColumnName() {
        only(rejected(MINIMAL + "split: {method: time, time: {}}\n"), "split.time.column", "required");
    }

    @Test
    void timeColumnWithAnotherMethod() {
        only(rejected(MINIMAL + "split: {method: random, time: {column: t}}\n"), "split.time", "only used when method is time");
    }

    @Test
    void fileSplitWithoutFile() {
        only(rejected(MINIMAL + "split: {method: file}\n"), "split.file", "required when method is file", "JSON");
    }

    @Test
    void fileWithAnotherMethod() {
        only(rejected(MINIMAL + "split: {method: random, file: s.json}\n"), "split.file", "only used when method is file");
    }

    @Test
    void stratifiedRegression() {
        only(rejected(MINIMAL + "task: regression\nsplit: {method: stratified}\n"), "split.method", "regression", "random");
    }

    // ---- columns

    @Test
    void constantImputeWithoutFillValue() {
        only(rejected(MINIMAL + "columns: {x: {impute: constant}}\n"), "columns.x.fill_value", "required when impute is constant");
    }

    @Test
    void fillValueWithoutConstantImputeWouldBeIgnored() {
        only(rejected(MINIMAL + "columns: {x: {impute: median, fill_value: 0}}\n"), "columns.x.fill_value",
                "only used with impute: constant");
        only(rejected(MINIMAL + "columns: {x: {fill_value: 0}}\n"), "columns.x.fill_value", "only used with impute: constant");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3, 100_001})
    void maxCardinalityOutOfRange(int value) {
        only(rejected(MINIMAL + "columns: {x: {max_cardinality: " + value + "}}\n"), "columns.x.max_cardinality",
                "[1, 100000]", "got " + value);
    }

    // ---- models

    @Test
    void duplicateModelNames() {
        ConfigException e = rejected(MINIMAL.replace("models: [{type: linear}]",
                "models: [{name: a, type: linear}, {name: a, type: xgboost}, {type: xgboost}, {type: xgboost}]"));
        problem(e, "models[1].name", "'a' is already the name of another candidate");
        problem(e, "models[3].name", "'xgboost' is already");
        assertEquals(2, e.problems().size(), e.problems().toString());
    }

    @Test
    void modelNameWithBadCharacters() {
        only(rejected(MINIMAL.replace("{type: linear}", "{name: 'my model', type: linear}")), "models[0].name",
                "letters, digits", "'my model'");
    }

    @Test
    void unknownModelTypeSuggestsAndLists() {
        only(rejected(MINIMAL.replace("{type: linear}", "{type: linear}, {type: xgbost}")), "models[1].type",
                "unknown model family 'xgbost'", "did you mean 'xgboost'?", "expected one of [linear, xgboost]");
    }

    @Test
    void unknownModelTypeWithoutSuggestion() {
        String message = problem(rejected(MINIMAL.replace("{type: linear}", "{type: transformer}")), "models[0].type",
                "unknown model family 'transformer'", "expected one of [linear, xgboost]");
        assertFalse(message.contains("did you mean"), message);
    }

    @Test
    void modelParamsProblemsCarryTheModelsPath() {
        only(rejected(MINIMAL.replace("models: [{type: linear}]",
                "models: [{type: linear}, {name: x, type: xgboost, params: {bad: 1, max_depth: 3}}]")),
                "models[1].params.bad", "not a xgboost parameter");
    }

    @Test
    void paramsOfAnUnknownFamilyAreNotChecked() {
        only(rejected(MINIMAL.replace("{type: linear}", "{type: nope, params: {bad: 1}}")), "models[0].type", "unknown");
    }

    // ---- personal data and duplicates

    private static final String SALTED = MINIMAL.replace("{path: data.csv}", "{path: data.csv, hash_salt: 0123456789abcdef}");

    @Test
    void unknownPrivacySuggestsTheClosest() {
        only(rejected(MINIMAL + "columns: {email: {privacy: hsh}}\n"), "columns.email.privacy", "[drop, hash]",
                "did you mean 'hash'?");
    }

    @Test
    void misspeltPrivacyKeySuggestsIt() {
        only(rejected(MINIMAL + "columns: {email: {privcy: drop}}\n"), "columns.email.privcy", "did you mean 'privacy'?");
    }

    @Test
    void hashingNeedsASaltAndSuggestsARandomOne() {
        String problem = problem(rejected(MINIMAL + "columns: {email: {privacy: hash}, phone: {privacy: hash}}\n"),
                "data.hash_salt", "required when a column has privacy: hash (columns.email, columns.phone)",
                "at least 16 characters");
        assertTrue(problem.matches(".*for example hash_salt: [0-9a-f]{32}$"), problem);
    }

    @Test
    void aShortSaltIsRejected() {
        only(rejected(MINIMAL.replace("{path: data.csv}", "{path: data.csv, hash_salt: pepper}")
                + "columns: {email: {privacy: hash}}\n"), "data.hash_salt", "at least 16 characters, got 6");
    }

    @Test
    void aSaltWithoutAHashedColumnWouldBeIgnored() {
        only(rejected(SALTED + "columns: {email: {privacy: drop}}\n"), "data.hash_salt",
                "only used when a column has privacy: hash");
    }

    @Test
    void aHashedColumnIsAnIdAndNothingElse() {
        only(rejected(SALTED + "columns: {email: {privacy: hash, type: category}}\n"), "columns.email.privacy",
                "makes the column an id", "type: category");
    }

    @Test
    void aDroppedColumnHasNoType() {
        only(rejected(MINIMAL + "columns: {email: {privacy: drop, type: text}}\n"), "columns.email.privacy",
                "drop leaves the column out", "type: text");
    }

    @Test
    void theTargetCannotBeDroppedOrHashed() {
        only(rejected(MINIMAL + "columns: {y: {privacy: drop}}\n"), "columns.y.privacy", "target");
        only(rejected(SALTED + "columns: {y: {privacy: hash}}\n"), "columns.y.privacy", "target");
    }

    @Test
    void aDroppedColumnCannotGroupTheSplit() {
        only(rejected(MINIMAL + "columns: {email: {privacy: drop}}\nsplit: {method: group, group: {column: email}}\n"),
                "split.group.column", "privacy: drop", "use privacy: hash");
    }

    @Test
    void personalDataCannotOrderATimeSplit() {
        only(rejected(SALTED + "columns: {born: {privacy: hash}}\nsplit: {method: time, time: {column: born}}\n"),
                "split.time.column", "'born' has privacy: hash");
        only(rejected(MINIMAL + "columns: {born: {privacy: drop}}\nsplit: {method: time, time: {column: born}}\n"),
                "split.time.column", "'born' has privacy: drop");
    }

    @Test
    void deduplicateIsABoolean() {
        only(rejected(MINIMAL.replace("{path: data.csv}", "{path: data.csv, deduplicate: yes}")), "data.deduplicate",
                "expected true or false");
    }

    // ---- all at once

    @Test
    void manyProblemsAreReportedTogether() {
        ConfigException e = rejected("""
                schemaVersion: 2
                data: {pth: data.csv}
                tagret: churn
                task: binry
                columns: {x: {impute: constant, max_cardinality: 0}}
                split: {method: time, ratios: [0.5, 0.5]}
                metric: rmse
                models: [{type: xgbost}, {type: linear, params: {bad: 1}}, {type: linear}]
                seed: 1.5
                """);
        List<String> problems = e.problems();
        assertTrue(problems.size() > 10, problems.toString());
        for (String path : List.of("schemaVersion", "data.pth", "data.path", "tagret", "target", "task",
                "columns.x.fill_value", "columns.x.max_cardinality", "split.ratios", "split.time", "models[0].type",
                "models[1].params.bad", "models[2].name", "seed")) {
            problem(e, path);
        }
        assertTrue(e.getMessage().contains(" has " + problems.size() + " problems:"), e.getMessage());
        assertEquals(problems.size() + 1, e.getMessage().lines().count(), "one line per problem after the summary");
    }

    @Test
    void oneProblemIsOneLine() {
        ConfigException e = rejected(MINIMAL + "seed: x\n");
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().endsWith(": seed: expected an integer, got 'x'"), e.getMessage());
    }

    @Test
    void configExceptionIsAnAnnealException() {
        assertInstanceOf(AnnealException.class, rejected(MINIMAL + "seed: x\n"));
    }

    @Test
    void problemsAreCopied() {
        Problems problems = new Problems();
        problems.add("a", "x");
        problems.add("", "root problem");
        ConfigException e = assertThrows(ConfigException.class, () -> problems.throwIfAny("src"));
        problems.add("b", "later");
        assertEquals(List.of("a: x", "root problem"), e.problems());
        assertThrows(UnsupportedOperationException.class, () -> e.problems().add("c"));
        new Problems().throwIfAny("nothing to throw");
    }
}
