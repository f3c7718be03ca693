package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal predict} on a bundle trained from the demo data: streaming, bad rows, inputs, devices. */
class PredictTest {

    @TempDir
    static Path tmp;

    private static Path bundle;
    private static double threshold;

    @BeforeAll
    static void trainALinearBundle() {
        bundle = Cli.trainLinearBundle(tmp);
        threshold = ModelBundle.read(bundle.resolve("1")).manifest().threshold();
    }

    /** A file of the demo data's header and first {@code rows} rows. */
    private static Path sample(String name, int rows) throws IOException {
        List<String> lines = Files.readAllLines(Cli.DEMO_DATA).subList(0, rows + 1);
        Path file = tmp.resolve(name);
        Files.write(file, lines);
        return file;
    }

    @Test
    void scoresEveryRowWithLabelsThatFollowTheThreshold() throws IOException {
        Path out = tmp.resolve("all.csv");
        Cli.Result result = Cli.run("predict", "--model", bundle, "--data", Cli.DEMO_DATA, "-o", out, "--id", "state",
                "--batch", 700, "--no-progress");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("5,000 rows scored with churn-linear version 1"), result::toString);
        List<String> lines = Files.readAllLines(out);
        assertEquals("state,label,probability_no,probability_yes", lines.get(0));
        assertEquals(5001, lines.size());
        assertEquals("KS", lines.get(1).split(",")[0]);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            double no = Double.parseDouble(fields[2]);
            double yes = Double.parseDouble(fields[3]);
            assertEquals(1.0, no + yes, 1e-5, line);
            assertEquals(yes >= threshold ? "yes" : "no", fields[1], line);
        }
        assertTrue(Files.notExists(tmp.resolve("all.csv.partial")));
    }

    @Test
    void aBadRowStopsTheRunWithItsLineUnlessSkipped() throws IOException {
        Path data = sample("bad.csv", 20);
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        lines.set(3, lines.get(3).replaceFirst(",\\d+,", ",twelve,"));
        Files.write(data, lines);
        Cli.Result failed = Cli.run("predict", "--model", bundle, "--data", data, "-o", tmp.resolve("bad-out.csv"),
                "--no-progress");
        assertEquals(2, failed.exitCode(), failed::toString);
        assertTrue(failed.err().contains("bad.csv line 4, column 'account_length': expected a number, got 'twelve'"),
                failed::toString);
        assertTrue(Files.notExists(tmp.resolve("bad-out.csv")));

        Cli.Result skipped = Cli.run("predict", "--model", bundle, "--data", data, "-o", tmp.resolve("skip-out.csv"),
                "--on-error", "skip", "--no-progress");
        assertEquals(0, skipped.exitCode(), skipped::toString);
        assertTrue(skipped.out().contains("19 rows scored") && skipped.out().contains("1 bad rows skipped"),
                skipped::toString);
        assertEquals(20, Files.readAllLines(tmp.resolve("skip-out.csv")).size());
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsABadRow() throws IOException {
        Path data = sample("ragged.csv", 5);
        Files.writeString(data, Files.readString(data) + "\"KS\",1\n");
        Cli.Result result = Cli.run("predict", "--model", bundle, "--data", data, "-o", tmp.resolve("r.csv"),
                "--no-progress");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("ragged.csv line 7: expected 20 fields as in the header, found 2"),
                result::toString);
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
        Path data = tmp.resolve("nostate.csv");
        List<String> lines = Files.readAllLines(Cli.DEMO_DATA).subList(0, 4);
        List<String> cut = lines.stream().map(line -> line.substring(line.indexOf(',') + 1)).toList();
        Files.write(data, cut);
        Cli.Result result = Cli.run("predict", "--model", bundle, "--data", data, "-o", tmp.resolve("n.csv"),
                "--no-progress");
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().contains("nostate.csv: no column 'state', which the model reads"), result::toString);
    }

    @Test
    void jsonlRowsScoreLikeTheSameCsvRows() throws IOException {
        Path csv = sample("five.csv", 5);
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).replace("\"", "").split(",");
        List<String> json = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < header.length; i++) {
                pairs.add("\"" + header[i] + "\": " + fields[i]);
            }
            json.add("{" + String.join(", ", pairs) + "}");
        }
        Path jsonl = tmp.resolve("five.jsonl");
        Files.write(jsonl, json);
        assertEquals(0, Cli.run("predict", "--model", bundle, "--data", csv, "-o", tmp.resolve("c.csv"),
                "--no-progress").exitCode());
        Cli.Result result = Cli.run("predict", "--model", bundle, "--data", jsonl, "-o", tmp.resolve("j.csv"),
                "--no-progress");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(Files.readAllLines(tmp.resolve("c.csv")), Files.readAllLines(tmp.resolve("j.csv")));
    }

    @Test
    void aJsonlRowWithAnUnknownOrAnAbsentColumnIsABadRow() throws IOException {
        Path csv = sample("json-source.csv", 2);
        String[] header = Files.readAllLines(csv).get(0).replace("\"", "").split(",");
        String[] fields = Files.readAllLines(csv).get(1).split(",");
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            pairs.add("\"" + header[i] + "\": " + fields[i]);
        }
        String row = "{" + String.join(", ", pairs) + "}";
        Path jsonl = tmp.resolve("odd.jsonl");
        Files.write(jsonl, List.of(row, row.replace("{", "{\"colour\": \"red\", "),
                row.replaceFirst("\"state\": \"KS\", ", "")));
        Cli.Result result = Cli.run("predict", "--model", bundle, "--data", jsonl, "-o", tmp.resolve("odd.csv"),
                "--on-error", "skip", "--no-progress");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.err().contains("odd.jsonl line 2: unknown column 'colour'"), result::toString);
        assertTrue(result.err().contains("odd.jsonl line 3: no 'state', which the model reads"), result::toString);
        assertTrue(result.out().contains("1 rows scored") && result.out().contains("2 bad rows skipped"),
                result::toString);
    }

    @Test
    void cudaFallsBackToTheCpuWithAWarningWhereItCannotLoad() throws IOException {
        Cli.Result result = Cli.run("predict", "--model", bundle, "--data", sample("cuda.csv", 3), "-o",
                tmp.resolve("cuda-out.csv"), "--device", "cuda:0", "--no-progress");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.err().contains("warning: cannot use cuda:0") || result.err().isEmpty(), result::toString);
        assertEquals(4, Files.readAllLines(tmp.resolve("cuda-out.csv")).size());
    }
}
