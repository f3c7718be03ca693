package dev.anneal.core.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.RowSource;
import dev.anneal.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data checks evaluated over real files: each rule, its examples and line numbers, redaction, missing values. */
class ChecksTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static CheckReport run(Path file, List<String> naValues, DataCheck... checks) {
        return run(file, List.of(checks), naValues, problem -> {
            throw new AnnealException(problem);
        }, (bytes, rows) -> { });
    }

    private static CheckReport run(Path file, List<DataCheck> checks, List<String> naValues, Consumer<String> badRow,
            RowSource.Progress progress) {
        try (RowSource source = RowSource.open(file, List.of(), null)) {
            return CheckRunner.run(source, checks, naValues, badRow, progress);
        }
    }

    private static CheckResult only(CheckReport report) {
        assertEquals(1, report.results().size());
        return report.results().get(0);
    }

    @Test
    void aNonNumberInANumericColumnFailsWithItsLine() throws IOException {
        Path file = write("data.csv", "age,name\n31,a\nabc,b\n,c\n40,\"two\nlines\"\nx1,e\n");
        CheckResult result = only(run(file, List.of(), DataCheck.type("age", ColumnType.NUMERIC, Severity.ERROR)));
        assertFalse(result.passed());
        assertEquals(2, result.failingRows());
        assertEquals(5, result.rows());
        assertEquals("age: 2 of 5 rows not numbers (line 3: abc, line 7: x1)", result.message());
        assertEquals("error: age: 2 of 5 rows not numbers (line 3: abc, line 7: x1)", result.withSeverity());
    }

    @Test
    void datesMustBeIsoDatesAndCategoriesAndTextsTakeAnything() throws IOException {
        Path file = write("data.csv", "day,label\n2024-01-31,x\n31/01/2024,7\n2024-02-01T10:00:00Z,\n");
        CheckReport report = run(file, List.of(), DataCheck.type("day", ColumnType.DATE, Severity.ERROR),
                DataCheck.type("label", ColumnType.CATEGORY, Severity.ERROR),
                DataCheck.type("label", ColumnType.TEXT, Severity.ERROR));
        assertEquals("day: 1 of 3 rows not ISO-8601 dates (line 3: 31/01/2024)", report.results().get(0).message());
        assertTrue(report.results().get(1).passed());
        assertTrue(report.results().get(2).passed());
    }

    @Test
    void rangeBoundsAreInclusiveAndNonNumbersAreLeftToTheTypeRule() throws IOException {
        Path file = write("data.csv", "age\n0\n120\n150\n-3\nabc\n200\n999\n");
        CheckResult both = only(run(file, List.of(), DataCheck.range("age", 0.0, 120.0, Severity.WARN)));
        assertEquals("age: 4 of 7 rows out of range [0, 120] (line 4: 150, line 5: -3, line 7: 200, ...)",
                both.message());
        assertEquals(3, both.examples().size());
        assertEquals(new CheckResult.Example(4, "150"), both.examples().get(0));
        assertEquals("age: 1 of 7 rows below the minimum -0.5 (line 5: -3)",
                only(run(file, List.of(), DataCheck.range("age", -0.5, null, Severity.WARN))).message());
    }

    @Test
    void unseenCategoriesFailAndMissingValuesPass() throws IOException {
        Path file = write("data.jsonl", "{\"state\": \"CA\"}\n{\"state\": \"ZZ\"}\n{\"state\": null}\n{}\n"
                + "{\"state\": \"NA\"}\n");
        CheckResult result = only(run(file, List.of("NA"),
                DataCheck.categories("state", List.of("CA", "NY", "TX"), Severity.WARN)));
        assertEquals("state: 1 of 5 rows not among the allowed categories [CA, NY, TX] (line 2: ZZ)",
                result.message());
    }

    @Test
    void theMissingRuleFailsOnlyAboveItsRate() throws IOException {
        Path file = write("data.csv", "a,b\n1,x\n,x\nNA,x\n4,x\n");
        DataCheck half = DataCheck.missing("a", 0.5, Severity.WARN);
        assertTrue(only(run(file, List.of("NA"), half)).passed(), "2 of 4 missing is not above a half");
        CheckResult quarter = only(run(file, List.of("NA"), DataCheck.missing("a", 0.25, Severity.WARN)));
        assertFalse(quarter.passed());
        assertEquals("a: 2 of 4 rows missing (50%, at most 25% allowed) (line 3, line 4)", quarter.message());
        assertTrue(only(run(file, List.of(), DataCheck.missing("a", 0.25, Severity.WARN))).passed(),
                "without na_values only the empty field is missing");
    }

    @Test
    void aColumnIsPresentWhenTheHeaderOrSomeJsonlRowHasIt() throws IOException {
        DataCheck churn = DataCheck.present("churn", Severity.ERROR);
        CheckResult absent = only(run(write("data.csv", "chrun,b\n1,2\n"), List.of(), churn));
        assertFalse(absent.passed());
        assertEquals("churn: no column 'churn' in the file; did you mean 'chrun'?", absent.message());
        assertTrue(only(run(write("header-only.csv", "churn\n"), List.of(), churn)).passed());
        assertFalse(only(run(write("header-only.csv", "b\n"), List.of(), churn)).passed(),
                "a CSV without rows still has a header to check");
        assertTrue(only(run(write("data.jsonl", "{\"a\": 1}\n{\"churn\": null}\n"), List.of(), churn)).passed());
    }

    @Test
    void aRedactedCheckNeverShowsTheColumnsValues() throws IOException {
        Path file = write("data.csv", "ssn\n123-45-6789\n987-65-4321\n");
        CheckReport report = run(file, List.of(),
                DataCheck.type("ssn", ColumnType.NUMERIC, Severity.ERROR).redacted(),
                DataCheck.categories("ssn", List.of("000-00-0000"), Severity.WARN).redacted());
        String json = Json.write(report);
        for (CheckResult result : report.results()) {
            assertEquals(List.of(new CheckResult.Example(2, null), new CheckResult.Example(3, null)), result.examples());
            assertFalse(result.message().contains("-"), result.message());
        }
        assertEquals("ssn: 2 of 2 rows not among the 1 allowed categories (line 2, line 3)",
                report.results().get(1).message());
        assertFalse(json.contains("6789") || json.contains("4321"), json);
    }

    @Test
    void exampleValuesStayOnOneShortLine() throws IOException {
        Path file = write("data.csv", "a\n\"x\ny\"\n" + "z".repeat(100) + "\n");
        CheckResult result = only(run(file, List.of(), DataCheck.categories("a", List.of(), Severity.WARN)));
        assertEquals("a: 2 of 2 rows not among the allowed categories [] (line 2: x\\ny, line 4: " + "z".repeat(40)
                + "...)", result.message());
    }

    @Test
    void theReportListsErrorsFirstAndCountsEachSeverity() throws IOException {
        Path file = write("data.csv", "state\nZZ\n");
        CheckReport report = run(file, List.of(), DataCheck.categories("state", List.of("CA"), Severity.WARN),
                DataCheck.present("state", Severity.ERROR), DataCheck.present("zip", Severity.ERROR));
        assertEquals(List.of("error: zip: no column 'zip' in the file", "warn: state: 1 of 1 rows not among the"
                + " allowed categories [CA] (line 2: ZZ)"),
                report.failures().stream().map(CheckResult::withSeverity).toList());
        assertEquals(1, report.failed(Severity.ERROR));
        assertEquals(1, report.failed(Severity.WARN));
        assertTrue(report.hasErrors());
    }

    @Test
    void badRowsGoToTheirHandlerAndTheRestIsChecked() throws IOException {
        Path file = write("data.csv", "a,b\n1,2\n3\nx,4\n");
        List<String> bad = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        CheckReport report = run(file, List.of(DataCheck.type("a", ColumnType.NUMERIC, Severity.ERROR)), List.of(),
                bad::add, (bytes, rows) -> progress.add(bytes + " bytes, " + rows + " rows"));
        assertEquals(List.of("data.csv line 3: expected 2 fields as in the header, found 1"), bad);
        assertEquals(2, report.rows());
        assertEquals("a: 1 of 2 rows not numbers (line 4: x)", report.results().get(0).message());
        assertEquals(List.of(Files.size(file) + " bytes, 2 rows"), progress);
    }

    @Test
    void aBundlesInputsGivePresenceAndTypeErrorsAndCategoryAndRangeWarnings() {
        BundleManifest manifest = new BundleManifest(1, "m", "1", "binary", "y", Map.of(), List.of("no", "yes"), "yes",
                0.5, List.of(
                        new BundleManifest.InputColumn("age", "numeric", null, 18.0, 90.0, null),
                        new BundleManifest.InputColumn("state", "category", List.of("CA", "NY"), null, null, null),
                        new BundleManifest.InputColumn("day", "date", null, 1.7e9, 1.8e9, null),
                        new BundleManifest.InputColumn("note", "text", null, null, null, null, "tokenizer_1.json")),
                List.of("label", "probabilities"), Map.of(), Map.of(), Map.of());
        assertEquals(List.of(
                DataCheck.present("age", Severity.ERROR),
                DataCheck.type("age", ColumnType.NUMERIC, Severity.ERROR),
                DataCheck.range("age", 18.0, 90.0, Severity.WARN),
                DataCheck.present("state", Severity.ERROR),
                DataCheck.categories("state", List.of("CA", "NY"), Severity.WARN),
                DataCheck.present("day", Severity.ERROR),
                DataCheck.type("day", ColumnType.DATE, Severity.ERROR),
                DataCheck.present("note", Severity.ERROR)), BundleChecks.of(manifest));
    }

    @Test
    void aCheckIsWrittenInTheRuleFormat() {
        assertEquals("{column=age, rule=range, min=0, max=120.5, severity=warn, redact=true}",
                DataCheck.range("age", 0.0, 120.5, Severity.WARN).redacted().toMap().toString());
        assertEquals(Set.of("column", "rule", "max_rate", "severity"),
                DataCheck.missing("a", 0, Severity.ERROR).toMap().keySet());
        assertThrows(IllegalArgumentException.class, () -> DataCheck.range("a", null, null, Severity.ERROR));
        assertThrows(IllegalArgumentException.class, () -> DataCheck.range("a", 2.0, 1.0, Severity.ERROR));
        assertThrows(IllegalArgumentException.class, () -> DataCheck.type("a", ColumnType.ID, Severity.ERROR));
        assertThrows(IllegalArgumentException.class, () -> DataCheck.missing("a", 1.5, Severity.ERROR));
    }
}
