package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration tier: every user error the issue lists, through the real command. Each must exit 2 with one
 * line on standard error that names the file and the line, column or config key at fault, print no stack
 * trace, and leave no run folder behind (neither the final one nor its {@code .partial}).
 */
class TrainErrorsTest {

    @TempDir
    Path tmp;

    private Path out;
    private Path data;

    @BeforeEach
    void writeGoodData() {
        out = tmp.resolve("run");
        data = TestData.csv(tmp, "data.csv");
    }

    /** Runs {@code config} and checks the error contract; returns the error line. */
    private String assertFails(Path config, String... fragments) {
        Set<String> before = Cli.listing(tmp);
        Cli.Result result = Cli.train(config, out);
        Cli.assertUserError(result, fragments);
        assertEquals(before, Cli.listing(tmp), "the failed run left files behind");
        assertTrue(Files.notExists(out) && Files.notExists(RunFolder.partial(out)));
        return result.errLines().get(0);
    }

    private Path config(String... extra) {
        return TestData.config(data, "bad", "churned", extra);
    }

    private Path dataFile(String name, String... lines) {
        return TestData.write(tmp.resolve(name), List.of(lines));
    }

    @Test
    void missingConfigFile() {
        Path missing = tmp.resolve("nope.yaml");
        assertFails(missing, missing.toString(), "config file not found");
    }

    @Test
    void missingDataFile() {
        Path config = TestData.config(tmp.resolve("absent.csv"), "bad", "churned");
        assertFails(config, tmp.resolve("absent.csv").toString(), "not found");
    }

    @Test
    void misspeltTopLevelKey() {
        assertFails(config("metrc: roc_auc"), "bad.yaml", "metrc", "did you mean 'metric'");
    }

    @Test
    void unknownNestedKey() {
        assertFails(config("split: {method: random, ratio: [0.7, 0.15, 0.15]}"), "split.ratio", "did you mean 'ratios'");
    }

    @Test
    void misspeltXGBoostParameter() {
        Path config = TestData.write(tmp.resolve("bad.yaml"), List.of("schemaVersion: 1", "data: {path: data.csv}",
                "target: churned", "models:", "  - {name: xgb, type: xgboost, params: {max_dept: 3}}"));
        assertFails(config, "models[0].params", "max_dept", "max_depth");
    }

    @Test
    void wrongValueType() {
        assertFails(config("seed: abc"), "bad.yaml", "seed", "expected an integer", "abc");
    }

    @Test
    void targetColumnAbsent() {
        Path config = TestData.config(data, "bad", "chruned");
        assertFails(config, "bad.yaml", "target", "no column 'chruned'", "did you mean 'churned'");
    }

    @Test
    void targetWithOneClass() {
        List<String> lines = new ArrayList<>(List.of("x,y"));
        for (int i = 0; i < 30; i++) {
            lines.add(i + ",same");
        }
        data = TestData.write(tmp.resolve("one.csv"), lines);
        Path config = TestData.config(data, "bad", "y");
        assertFails(config, "one.csv", "'y'", "one class");
    }

    @Test
    void metricUnsuitedToTheTask() {
        assertFails(config("metric: rmse"), "metric", "rmse", "binary", "roc_auc");
    }

    @Test
    void ratiosNotSummingToOne() {
        assertFails(config("split: {ratios: [0.5, 0.3, 0.3]}"), "split.ratios", "sum", "1.1");
    }

    @Test
    void splitFileWithAnIndexOutOfRange() {
        TestData.write(tmp.resolve("split.json"), "{\"train\": [0, 1, 2, 240], \"validation\": [3, 4], \"test\": [5, 6]}");
        assertFails(config("split: {method: file, file: split.json}"), "split.json", "240", "out of range", "240 rows");
    }

    @Test
    void splitFileWithANegativeIndex() {
        TestData.write(tmp.resolve("split.json"), "{\"train\": [0, 1, -1], \"validation\": [3, 4], \"test\": [5, 6]}");
        assertFails(config("split: {method: file, file: split.json}"), "split.json", "-1", "out of range");
    }

    @Test
    void splitFileWithOverlappingIndices() {
        TestData.write(tmp.resolve("split.json"), "{\"train\": [0, 1, 2, 3], \"validation\": [3, 4], \"test\": [5, 6]}");
        assertFails(config("split: {method: file, file: split.json}"), "split.json", "row 3", "train", "validation");
    }

    @Test
    void raggedCsvRowNamesItsLine() {
        data = dataFile("ragged.csv", "x,note,y", "1,a,yes", "2,b,no", "3,c", "4,d,yes");
        assertFails(TestData.config(data, "bad", "y"), "ragged.csv", "line 4", "expected 3 fields", "found 2");
    }

    @Test
    void raggedRowAfterAQuotedLineBreakNamesItsPhysicalLine() {
        data = dataFile("ragged.csv", "x,note,y", "1,\"two", "lines\",yes", "2,b,no", "3,c");
        assertFails(TestData.config(data, "bad", "y"), "ragged.csv", "line 5");
    }

    @Test
    void nonNumberInADeclaredNumericColumn() {
        List<String> lines = new ArrayList<>(List.of("x,z,y"));
        for (int i = 0; i < 20; i++) {
            lines.add(i + "," + (i * 0.5) + "," + (i % 2 == 0 ? "yes" : "no"));
        }
        lines.add("20,abc,no");
        data = TestData.write(tmp.resolve("typed.csv"), lines);
        Path config = TestData.config(data, "bad", "y", "columns: {z: {type: numeric}}");
        assertFails(config, "typed.csv", "line 22", "column z", "abc");
    }

    @Test
    void nonNumberInADeclaredNumericJsonlField() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add("{\"x\": " + i + ", \"y\": \"" + (i % 2 == 0 ? "yes" : "no") + "\"}");
        }
        lines.add("{\"x\": \"abc\", \"y\": \"no\"}");
        data = TestData.write(tmp.resolve("typed.jsonl"), lines);
        Path config = TestData.config(data, "bad", "y", "columns: {x: {type: numeric}}");
        assertFails(config, "typed.jsonl", "line 21", "x", "abc");
    }

    @Test
    void emptyFile() {
        data = TestData.write(tmp.resolve("empty.csv"), "");
        assertFails(TestData.config(data, "bad", "y"), "empty.csv", "empty");
    }

    @Test
    void headerOnly() {
        data = dataFile("header.csv", "x,y");
        assertFails(TestData.config(data, "bad", "y"), "header.csv", "no data rows");
    }

    @Test
    void duplicateColumnNames() {
        data = dataFile("dup.csv", "x,x,y", "1,2,yes", "3,4,no");
        assertFails(TestData.config(data, "bad", "y"), "dup.csv", "line 1", "duplicate", "x");
    }

    @Test
    void malformedJsonlLine() {
        data = dataFile("bad.jsonl", "{\"x\": 1, \"y\": \"yes\"}", "{\"x\": 2, \"y\": ", "{\"x\": 3, \"y\": \"no\"}");
        assertFails(TestData.config(data, "bad", "y"), "bad.jsonl", "line 2");
    }

    @Test
    void targetWithMissingValues() {
        data = dataFile("holes.csv", "x,y", "1,yes", "2,no", "3,", "4,yes", "5,no");
        assertFails(TestData.config(data, "bad", "y"), "holes.csv", "'y'", "missing");
    }

    @Test
    void outFolderThatIsNotEmptyIsLeftAlone() {
        Path config = TestData.config(data, "good", "churned");
        TestData.write(out.resolve("keep.txt"), "mine");
        Set<String> before = Cli.listing(tmp);
        Cli.Result result = Cli.train(config, out);
        Cli.assertUserError(result, "--out", out.toString(), "not empty");
        assertEquals(before, Cli.listing(tmp));
        assertEquals(Set.of("keep.txt"), Cli.listing(out));
    }

    @Test
    void verboseAddsTheStackTrace() {
        Path missing = tmp.resolve("nope.yaml");
        Cli.Result result = Cli.run("train", missing, "--out", out, "--no-progress", "--verbose");
        assertEquals(AnnealCommand.USAGE, result.exitCode(), result::toString);
        List<String> lines = result.errLines();
        assertEquals("error: " + missing + ": config file not found", lines.get(0));
        assertTrue(lines.size() > 1 && result.err().contains("\tat dev.anneal."), result::toString);
    }
}
