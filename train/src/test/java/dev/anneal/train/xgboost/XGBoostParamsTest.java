package dev.anneal.train.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.config.ConfigException;
import dev.anneal.core.config.ConfigLoader;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.config.Problems;
import dev.anneal.train.model.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The xgboost family's parameter checks, through the real {@link ModelRegistry} as the config's catalog. */
class XGBoostParamsTest {

    private static ModelRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadRegistry() {
        registry = ModelRegistry.load();
    }

    /** The problems of one xgboost candidate, {@code models[1]}, with {@code params} (a YAML flow mapping). */
    private List<String> problems(String params) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, """
                schemaVersion: 1
                data: {path: data.csv}
                target: y
                models:
                  - {type: linear}
                  - {type: xgboost, params: %s}
                """.formatted(params));
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(registry).load(file, OptionalLong.empty()));
        return e.problems();
    }

    private ProjectConfig accepted(String params) throws IOException {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, "schemaVersion: 1\ndata: {path: d.csv}\ntarget: y\nmodels: [{type: xgboost, params: "
                + params + "}]\n");
        return new ConfigLoader(registry).load(file, OptionalLong.empty());
    }

    private static void assertOne(List<String> problems, String prefix, String... fragments) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(prefix), problems.get(0));
        for (String fragment : fragments) {
            assertTrue(problems.get(0).contains(fragment), "'" + problems.get(0) + "' should contain '" + fragment + "'");
        }
    }

    @Test
    void documentedExampleIsAccepted() throws IOException {
        ProjectConfig config = accepted("{max_depth: 6, learning_rate: 0.05}");
        assertEquals(Map.of("max_depth", 6, "learning_rate", 0.05), config.models().get(0).params());
    }

    @Test
    void passThroughParametersAreAccepted() throws IOException {
        accepted("{n_estimators: 300, early_stopping_rounds: 10, eta: 0.3, subsample: 0.8, colsample_bytree: 0.5,"
                + " min_child_weight: 2, reg_lambda: 2.0, gamma: 0, max_bin: 64, grow_policy: lossguide, seed: 3,"
                + " eval_metric: auc, tree_method: exact}");
    }

    @Test
    void misspeltParameterSuggestsTheRealOne() throws IOException {
        assertOne(problems("{max_dept: 3}"), "models[1].params.max_dept: ", "not an XGBoost parameter",
                "did you mean 'max_depth'?", "https://xgboost.readthedocs.io");
        assertOne(problems("{n_estimator: 3}"), "models[1].params.n_estimator: ", "did you mean 'n_estimators'?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "0", "abc", "2.5", "1000001", "[10]"})
    void roundsMustBeAPositiveInteger(String value) throws IOException {
        assertOne(problems("{n_estimators: " + value + "}"), "models[1].params.n_estimators: ",
                "expected an integer in [1, 1000000]");
        assertOne(problems("{early_stopping_rounds: " + value + "}"), "models[1].params.early_stopping_rounds: ",
                "expected an integer in [1, 1000000]");
    }

    @Test
    void roundBoundsAreAccepted() throws IOException {
        accepted("{n_estimators: 1, early_stopping_rounds: 1000000}");
    }

    @Test
    void valueXGBoostRejectsSurfacesItsMessage() throws IOException {
        assertOne(problems("{max_depth: -1}"), "models[1].params: ", "XGBoost rejects these parameters: ", "max_depth");
        assertOne(problems("{tree_method: nonsense}"), "models[1].params: ", "XGBoost rejects these parameters: ",
                "nonsense");
        assertOne(problems("{subsample: 1.5}"), "models[1].params: ", "XGBoost rejects", "subsample");
    }

    @Test
    void numClassIsOwnedByAnneal() throws IOException {
        assertOne(problems("{num_class: 3}"), "models[1].params.num_class: ", "set by anneal", "remove it");
    }

    @Test
    void structuredValuesAreRejectedExceptWhereXGBoostTakesThem() throws IOException {
        assertOne(problems("{max_depth: [3, 4]}"), "models[1].params.max_depth: ", "expected a single value");
        assertOne(problems("{max_depth: {a: 1}}"), "models[1].params.max_depth: ", "expected a single value");
        assertOne(problems("{eval_metric: {a: 1}}"), "models[1].params.eval_metric: ", "expected a single value");
    }

    @Test
    void eitherListOfEvalMetricsIsRejectedWithTheReason() throws IOException {
        assertOne(problems("{eval_metric: [auc, logloss]}"), "models[1].params.eval_metric: ", "expected a single value");
    }

    @Test
    void constraintListsReachXGBoostInItsOwnSyntax() throws IOException {
        accepted("{monotone_constraints: [1, 0]}");
        accepted("{interaction_constraints: [[0, 1]]}");
        assertEquals(Map.of("monotone_constraints", "(1,0,-1)", "interaction_constraints", "[[0,1],[2]]"),
                XGBoostParams.forXGBoost(Map.of("monotone_constraints", List.of(1, 0, -1),
                        "interaction_constraints", List.of(List.of(0, 1), List.of(2)))));
    }

    @Test
    void onlyObjectivesWhosePredictionsAnnealReadsAreAccepted() throws IOException {
        accepted("{objective: multi:softprob}");
        accepted("{objective: reg:absoluteerror}");
        assertOne(problems("{objective: binary:hinge}"), "models[1].params.objective: ", "expected one of",
                "binary:logistic", "got binary:hinge");
    }

    @Test
    void everyBadParameterIsReportedAndXGBoostIsNotAskedAboutAKnownBadSet() throws IOException {
        List<String> problems = problems("{max_dept: 3, num_class: 2, n_estimators: -1, max_depth: -1}");
        assertEquals(3, problems.size(), problems.toString());
        assertFalse(problems.stream().anyMatch(p -> p.contains("XGBoost rejects")), problems.toString());
    }

    @Test
    void checkParamsThroughTheRegistryUsesTheGivenPath() {
        Problems problems = new Problems();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("max_dept", 3);
        registry.checkParams("xgboost", params, "models[7].params", problems);
        assertEquals(1, problems.list().size());
        assertTrue(problems.list().get(0).startsWith("models[7].params.max_dept: "), problems.list().toString());
        Problems none = new Problems();
        registry.checkParams("xgboost", Map.of("max_depth", 2, "eta", 0.1), "p", none);
        assertTrue(none.isEmpty(), none.list().toString());
    }

    @Test
    void learnerParamsStartFromTheDefaultsAndLeaveOutAnnealsOwnKeys() {
        assertEquals(Map.of("tree_method", "hist", "max_depth", 6, "learning_rate", 0.05),
                XGBoostParams.learnerParams(Map.of()));
        Map<String, Object> learner = XGBoostParams.learnerParams(Map.of("eta", 0.3, "max_depth", 2, "n_estimators", 5,
                "early_stopping_rounds", 7));
        assertEquals(Map.of("tree_method", "hist", "max_depth", 2, "eta", 0.3), learner, "eta replaces learning_rate");
        assertEquals(5, XGBoostParams.rounds(Map.of("n_estimators", 5)));
        assertEquals(2000, XGBoostParams.rounds(Map.of()));
        assertEquals(7, XGBoostParams.patience(Map.of("early_stopping_rounds", 7)));
        assertEquals(50, XGBoostParams.patience(Map.of()));
    }
}
