package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal validate}: a file checked against a profile's rules or a bundle's inputs, through the real command. */
class ValidateCommandTest {

    @TempDir
    static Path tmp;

    /** A profile as {@code anneal plan} writes one: its own keys, the tokens that meant missing, and the checks. */
    private static final String PROFILE = """
            {
              "rows": 1000,
              "na_values": ["NA"],
              "checks": [
                {"column": "age", "rule": "present", "severity": "error"},
                {"column": "age", "rule": "type", "type": "numeric", "severity": "error"},
                {"column": "age", "rule": "range", "min": 0, "max": 120, "severity": "warn"},
                {"column": "age", "rule": "missing", "max_rate": 0.25, "severity": "warn"},
                {"column": "state", "rule": "categories", "values": ["CA", "NY", "TX"], "severity": "warn"},
                {"column": "email", "rule": "categories", "values": ["a@example.org"], "severity": "warn",
                 "redact": true}
              ]
            }
            """;
    private static final String HEADER = "age,state,email";

    private static Path profile;
    private static Path model;
    private static List<String> demo;

    @BeforeAll
    static void writeAProfileAndTrainABundle() throws IOException {
        profile = TestData.write(tmp.resolve("profile.json"), PROFILE);
        model = Cli.trainLinearBundle(tmp);
        demo = Files.readAllLines(Cli.DEMO_DATA).subList(0, 21);
    }

    private static Path data(String name, String... rows) {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.addAll(List.of(rows));
        return TestData.write(tmp.resolve(name), lines);
    }

    private static Cli.Result validate(Path data, Path against, Object... more) {
        List<Object> args = new ArrayList<>(List.of("validate", "--data", data, "--against", against, "--no-progress"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray());
    }

    private static List<String> lines(Cli.Result result) {
        return result.out().lines().toList();
    }

    @Test
    void aCleanFilePasses() {
        Cli.Result result = validate(data("clean.csv", "31,CA,a@example.org", "NA,NY,", "45,TX,a@example.org", "0,CA,"),
                profile);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of("4 rows of clean.csv checked against 6 rules: all pass"), lines(result));
        assertEquals("", result.err());
    }

    @Test
    void anUnseenCategoryAndAnOutOfRangeValueAreWarnings() {
        Cli.Result result = validate(data("drift.csv", "31,CA,", "150,ZZ,", "45,TX,"), profile);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(
                "warn: age: 1 of 3 rows out of range [0, 120] (line 3: 150)",
                "warn: state: 1 of 3 rows not among the allowed categories [CA, NY, TX] (line 3: ZZ)",
                "3 rows of drift.csv checked against 6 rules: 0 errors, 2 warnings"), lines(result));
    }

    @Test
    void aNonNumberInANumericColumnIsAnError() {
        Cli.Result result = validate(data("typo.csv", "31,CA,", "4O,NY,", "45,TX,"), profile);
        assertEquals(AnnealCommand.FAILURE, result.exitCode(), result::toString);
        assertEquals(List.of("error: age: 1 of 3 rows not numbers (line 3: 4O)",
                "3 rows of typo.csv checked against 6 rules: 1 error, 0 warnings"), lines(result));
    }

    @Test
    void aMissingColumnIsAnError() {
        Path file = TestData.write(tmp.resolve("no-age.jsonl"), List.of("{\"agee\": 31, \"state\": \"CA\"}"));
        Cli.Result result = validate(file, profile);
        assertEquals(AnnealCommand.FAILURE, result.exitCode(), result::toString);
        assertEquals("error: age: no column 'age' in the file; did you mean 'agee'?", lines(result).get(0));
        assertTrue(result.out().contains("warn: age: 1 of 1 rows missing (100%, at most 25% allowed) (line 1)"),
                result::toString);
    }

    @Test
    void redactedValuesAreNeverPrinted() {
        Cli.Result result = validate(data("personal.csv", "31,CA,jane.doe@example.com", "32,CA,john@example.net"),
                profile);
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("warn: email: 2 of 2 rows not among the 1 allowed categories (line 2, line 3)"),
                result::toString);
        assertFalse(result.out().contains("@") || result.err().contains("@"), result::toString);
    }

    @Test
    void naValuesComeFromTheProfileAndTheOption() {
        Path file = data("missing.csv", "31,CA,", "?,CA,", "NA,CA,", "40,CA,");
        Cli.Result without = validate(file, profile);
        assertEquals(AnnealCommand.FAILURE, without.exitCode(), without::toString);
        assertTrue(without.out().contains("error: age: 1 of 4 rows not numbers (line 3: ?)"), without::toString);
        Cli.Result with = validate(file, profile, "--na-values", "?,n/a");
        assertEquals(0, with.exitCode(), with::toString);
        assertTrue(with.out().contains("warn: age: 2 of 4 rows missing (50%, at most 25% allowed) (line 3, line 4)"),
                with::toString);
    }

    @Test
    void badRowsStopTheCheckOrAreSkippedWithOnErrorSkip() {
        Path file = data("ragged.csv", "31,CA,", "32,CA", "33,CA,");
        Cli.assertUserError(validate(file, profile), "ragged.csv line 3", "expected 3 fields");
        Cli.Result skipped = validate(file, profile, "--on-error", "skip");
        assertEquals(0, skipped.exitCode(), skipped::toString);
        assertEquals(List.of("2 rows of ragged.csv checked against 6 rules: all pass (1 bad rows skipped)"),
                lines(skipped));
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        Path clean = data("args.csv", "31,CA,");
        Cli.assertUserError(validate(tmp.resolve("absent.csv"), profile), "absent.csv: file not found");
        Cli.assertUserError(validate(clean, tmp.resolve("absent.json")), "--against", "absent.json",
                "no such profile");
        Path badProfile = TestData.write(tmp.resolve("bad-profile.json"),
                "{\"checks\": [{\"column\": \"age\", \"rule\": \"rnage\", \"min\": 0}]}");
        Cli.assertUserError(validate(clean, badProfile), "bad-profile.json", "checks[0].rule", "did you mean 'range'");
        Cli.assertUserError(validate(clean, profile, "--on-error", "maybe"), "--on-error");
    }

    @Test
    void theTrainingRowsPassTheirBundlesErrorChecksFromEveryWayOfNamingIt() {
        Path rows = TestData.write(tmp.resolve("demo-rows.csv"), demo);
        for (Path against : List.of(model, model.resolve("1"), tmp.resolve("run"))) {
            Cli.Result result = validate(rows, against);
            assertEquals(0, result.exitCode(), result::toString);
            assertFalse(result.out().contains("error:"), result::toString);
            assertTrue(result.out().contains("20 rows of demo-rows.csv checked against "), result::toString);
        }
    }

    @Test
    void aBundleRefusesAnAbsentInputAndANonNumberAndWarnsOfAnUnseenCategoryAndRange() {
        List<String> lines = new ArrayList<>();
        for (String line : demo) {
            List<String> fields = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            fields.remove(2);   // area_code
            lines.add(String.join(",", fields));
        }
        lines.set(3, lines.get(3).replaceFirst("^\"[A-Z]+\",[0-9]+,", "\"ZZ\",abc,"));
        lines.set(5, lines.get(5).replaceFirst("^(\"[A-Z]+\"),[0-9]+,", "$1,100000,"));
        Cli.Result result = validate(TestData.write(tmp.resolve("broken-demo.csv"), lines), model);
        assertEquals(AnnealCommand.FAILURE, result.exitCode(), result::toString);
        List<String> out = lines(result);
        assertEquals(Set.of("error: area_code: no column 'area_code' in the file",
                "error: account_length: 1 of 20 rows not numbers (line 4: abc)"), Set.copyOf(out.subList(0, 2)),
                result::toString);
        assertTrue(out.stream().anyMatch(line -> line.startsWith("warn: state: 1 of 20 rows not among the ")
                && line.endsWith(" allowed categories (line 4: ZZ)")), result::toString);
        assertTrue(out.stream().anyMatch(line -> line.startsWith("warn: account_length: 1 of 20 rows out of range")
                && line.endsWith("(line 6: 100000)")), result::toString);
        assertTrue(out.get(out.size() - 1).contains("checked against") && out.get(out.size() - 1).contains("2 errors"),
                result::toString);
    }
}
