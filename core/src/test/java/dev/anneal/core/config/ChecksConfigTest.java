package dev.anneal.core.config;

import static dev.anneal.core.config.ConfigFiles.MINIMAL;
import static dev.anneal.core.config.ConfigFiles.withoutSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import dev.anneal.core.checks.DataCheck;
import dev.anneal.core.checks.Severity;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.io.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code checks:} list of a config and the {@code "checks"} of a profile: what is read, what is refused. */
class ChecksConfigTest {

    @TempDir
    Path dir;

    private static final String EVERY_RULE = """
            checks:
              - {column: churn, rule: present}
              - {column: age, rule: type, type: numeric, severity: error}
              - {column: age, rule: range, min: 0, max: 120.5, severity: warn}
              - {column: age, rule: range, max: 120}
              - {column: state, rule: categories, values: [CA, NY, '007'], severity: warn, redact: true}
              - {column: age, rule: missing, max_rate: 0.05, severity: warn}
            """;

    private static final List<DataCheck> EVERY_RULE_CHECKS = List.of(
            DataCheck.present("churn", Severity.ERROR),
            DataCheck.type("age", ColumnType.NUMERIC, Severity.ERROR),
            DataCheck.range("age", 0.0, 120.5, Severity.WARN),
            DataCheck.range("age", null, 120.0, Severity.ERROR),
            DataCheck.categories("state", List.of("CA", "NY", "007"), Severity.WARN).redacted(),
            DataCheck.missing("age", 0.05, Severity.WARN));

    private ConfigException rejected(String checks) {
        Path file = new ConfigFiles(dir).write("exp.yaml", MINIMAL + checks);
        return assertThrows(ConfigException.class, () -> ConfigFiles.load(file, OptionalLong.empty()));
    }

    /** The one problem of {@code checks}, which must be at {@code path} and mention every fragment. */
    private void refused(String checks, String path, String... fragments) {
        ConfigException e = rejected(checks);
        assertEquals(1, e.problems().size(), () -> "one problem expected: " + e.problems());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith(path + ": "), problem);
        for (String fragment : fragments) {
            assertTrue(problem.contains(fragment), () -> "'" + fragment + "' missing from: " + problem);
        }
    }

    @Test
    void readsEveryRuleWithErrorAsTheDefaultSeverity() {
        ProjectConfig config = new ConfigFiles(dir).load(MINIMAL + EVERY_RULE);
        assertEquals(EVERY_RULE_CHECKS, config.checks());
    }

    @Test
    void aConfigWithoutChecksHasNone() {
        assertEquals(List.of(), new ConfigFiles(dir).load(MINIMAL).checks());
    }

    @Test
    void theResolvedConfigKeepsTheChecks() {
        ProjectConfig config = new ConfigFiles(dir).load(MINIMAL + EVERY_RULE);
        String yaml = ConfigWriter.toYaml(config);
        ProjectConfig back = ConfigFiles.load(new ConfigFiles(dir).write("run/config.yaml", yaml), OptionalLong.empty());
        assertEquals(withoutSource(config), withoutSource(back));
        assertTrue(yaml.contains("  min: 0\n"), "a whole bound is written as an integer:\n" + yaml);
    }

    @Test
    void checksWrittenAsJsonReadBackAsAProfile() {
        Path file = new ConfigFiles(dir).write("profile.json",
                Json.write(Map.of("checks", EVERY_RULE_CHECKS, "na_values", List.of("NA"), "columns", Map.of())));
        CheckProfile profile = CheckProfile.read(file);
        assertEquals(EVERY_RULE_CHECKS, profile.checks());
        assertEquals(List.of("NA"), profile.naValues());
    }

    @Test
    void aProfileWithoutChecksOrWithABadOneNamesTheFileAndThePath() {
        Path none = new ConfigFiles(dir).write("none.json", "{\"columns\": {}}");
        AnnealException e = assertThrows(AnnealException.class, () -> CheckProfile.read(none));
        assertTrue(e.getMessage().startsWith(none + ": checks: required"), e.getMessage());

        Path bad = new ConfigFiles(dir).write("bad.json", "{\"checks\": [{\"column\": \"a\", \"rule\": \"range\", "
                + "\"max\": \"x\"}], \"na_values\": 3}");
        ConfigException problems = assertThrows(ConfigException.class, () -> CheckProfile.read(bad));
        assertEquals(List.of("checks[0].max: expected a number, got 'x'", "na_values: expected a list of strings, got 3"),
                problems.problems());

        Path broken = new ConfigFiles(dir).write("broken.json", "{\"checks\": [");
        AnnealException syntax = assertThrows(AnnealException.class, () -> CheckProfile.read(broken));
        assertTrue(syntax.getMessage().startsWith(broken + ": not valid JSON at line 1"), syntax.getMessage());
    }

    @Test
    void anUnknownRuleIsRefusedWithADidYouMean() {
        refused("checks: [{column: a, rule: rnage}]", "checks[0].rule", "expected one of [present, type, range,",
                "did you mean 'range'");
    }

    @Test
    void aCheckNeedsAColumnAndARule() {
        refused("checks: [{rule: present}]", "checks[0].column", "required");
        refused("checks: [{column: a}]", "checks[0].rule", "required: one of [present, type, range, categories, missing]");
    }

    @Test
    void theSeverityIsErrorOrWarn() {
        refused("checks: [{column: a, rule: present, severity: warning}]", "checks[0].severity",
                "expected one of [error, warn], got 'warning'");
    }

    @Test
    void aRangeNeedsABoundAndMinNotAboveMax() {
        refused("checks: [{column: a, rule: range}]", "checks[0]", "needs min, max or both");
        refused("checks: [{column: a, rule: range, min: 5, max: 1}]", "checks[0].min", "must not be above max");
        refused("checks: [{column: a, rule: range, max: abc}]", "checks[0].max", "expected a number");
    }

    @Test
    void eachSettingBelongsToItsRule() {
        refused("checks: [{column: a, rule: present, min: 1}]", "checks[0].min", "only used with rule: range");
        refused("checks: [{column: a, rule: type}]", "checks[0].type", "required with rule: type");
        refused("checks: [{column: a, rule: categories}]", "checks[0].values", "required with rule: categories");
        refused("checks: [{column: a, rule: missing}]", "checks[0].max_rate", "required with rule: missing");
        refused("checks: [{column: a, rule: present, colour: red}]", "checks[0].colour", "unknown key");
    }

    @Test
    void onlyValueTypesAndRatesAreChecked() {
        refused("checks: [{column: a, rule: type, type: id}]", "checks[0].type",
                "expected one of [numeric, category, text, date], got 'id'");
        refused("checks: [{column: a, rule: missing, max_rate: 1.5}]", "checks[0].max_rate", "must be in [0, 1]");
        refused("checks: [{column: a, rule: present, redact: yes}]", "checks[0].redact", "expected true or false");
    }

    @Test
    void checksMustBeAList() {
        refused("checks: {column: a, rule: present}", "checks", "expected a list of checks");
    }

    @Test
    void everyBadCheckIsReportedAtOnce() {
        ConfigException e = rejected("checks: [{column: a, rule: rnage}, {rule: present}, {column: b, rule: missing}]");
        assertEquals(3, e.problems().size(), e.problems()::toString);
    }
}
