package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal train} runs the config's {@code checks:} on its data before anything else. */
class TrainChecksTest {

    @TempDir
    Path tmp;

    private Path data;
    private Path out;

    @BeforeEach
    void writeData() {
        data = TestData.csv(tmp, "data.csv");
        out = tmp.resolve("run");
    }

    @Test
    void aFailedErrorCheckStopsTheRunBeforeTrainingWithEveryFailure() {
        Path config = TestData.config(data, "checked", "churned", "checks:",
                "  - {column: color, rule: type, type: numeric}",
                "  - {column: b, rule: present}",
                "  - {column: a, rule: missing, max_rate: 0, severity: warn}");
        Set<String> before = Cli.listing(tmp);
        Cli.Result result = Cli.train(config, out);
        assertEquals(AnnealCommand.USAGE, result.exitCode(), result::toString);
        List<String> lines = result.errLines();
        assertEquals("error: " + data + ": the data fails 2 of its 3 checks:", lines.get(0), result::toString);
        assertTrue(lines.get(1).matches("  error: color: \\d+ of 240 rows not numbers \\(line 2: \\w+, .*"),
                result::toString);
        assertTrue(lines.get(2).startsWith("  warn: a: 15 of 240 rows missing (6.25%, at most 0% allowed) (line "),
                result::toString);
        assertEquals(3, lines.size(), result::toString);
        assertEquals("", result.out(), result::toString);
        assertEquals(before, Cli.listing(tmp), "the stopped run left files behind");
    }

    @Test
    void aFailedWarningIsToldAndRecordedAndTheRunGoesOn() {
        Path config = TestData.config(data, "checked", "churned", "checks:",
                "  - {column: color, rule: categories, values: [red, green], severity: warn}",
                "  - {column: b, rule: type, type: numeric}");
        Cli.Result result = Cli.trainOk(config, out);
        assertTrue(result.errLines().stream().anyMatch(line -> line.matches(
                "warn: color: \\d+ of 240 rows not among the allowed categories \\[red, green\\] \\(line \\d+: blue, .*")),
                result::toString);
        JsonNode checks = Cli.json(out.resolve("checks.json"));
        assertEquals(240, checks.path("rows").asInt());
        JsonNode colors = checks.path("results").get(0);
        assertFalse(colors.path("passed").asBoolean(), checks::toString);
        assertTrue(colors.path("failing_rows").asInt() > 0, checks::toString);
        assertEquals("blue", colors.path("examples").get(0).path("value").asText(), checks::toString);
        assertEquals("warn", colors.path("check").path("severity").asText(), checks::toString);
        assertTrue(checks.path("results").get(1).path("passed").asBoolean(), checks::toString);
        assertEquals("categories", Cli.yaml(out.resolve("config.yaml")).path("checks").get(0).path("rule").asText());
    }

    @Test
    void aConfigWithoutChecksWritesNoChecksFile() {
        Cli.trainOk(TestData.config(data, "unchecked", "churned"), out);
        assertFalse(Files.exists(out.resolve("checks.json")));
    }
}
