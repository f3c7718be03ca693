package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration tier: {@code anneal embed} on a real run whose deep candidate reads three text columns, one
 * per encoder kind (bag, transformer, the checked-in pretrained model), beside a TF-IDF baseline.
 */
class EmbedTest {

    private static final int ROWS = 600;

    @TempDir
    static Path tmp;
    static Path data;
    static Path run;

    @BeforeAll
    static void train() {
        data = TextRows.write(tmp.resolve("notes.csv"));
        Path config = TestData.write(tmp.resolve("notes.yaml"), List.of(
                "schemaVersion: 1",
                "name: notes",
                "data: {path: notes.csv}",
                "target: liked",
                "positive: \"yes\"",
                "columns:",
                "  note: {type: text, max_length: 32, min_frequency: 1, encoder: {type: bag, dim: 12}}",
                "  title: {type: text, max_length: 24, min_frequency: 1,"
                        + " encoder: {type: transformer, dim: 16, layers: 1, heads: 2}}",
                "  summary: {type: text, tokenizer: " + TextRows.TINY_ENCODER.resolve("tokenizer.json") + ","
                        + " encoder: {type: pretrained, model: " + TextRows.TINY_ENCODER.resolve("encoder.pt") + "}}",
                "models:",
                "  - {name: logreg, type: linear}",
                "  - {name: mlp, type: mlp, params: {epochs: 2, hidden: [16], batch_size: 32}}"));
        run = tmp.resolve("run");
        Cli.trainOk(config, run);
    }

    /** The embeddings of a CSV written by the command: its ids and its rows of floats. */
    private record Embeddings(List<String> ids, List<float[]> rows) {

        static Embeddings read(Path csv) throws IOException {
            List<String> lines = Files.readAllLines(csv);
            List<String> ids = new ArrayList<>();
            List<float[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",");
                ids.add(fields[0]);
                float[] row = new float[fields.length - 1];
                for (int i = 1; i < fields.length; i++) {
                    row[i - 1] = Float.parseFloat(fields[i]);
                }
                rows.add(row);
            }
            return new Embeddings(ids, rows);
        }
    }

    private static Embeddings embed(String column, String file, Object... more) throws IOException {
        Path out = tmp.resolve(file);
        List<Object> args = new ArrayList<>(List.of("embed", "--run", run, "--data", data, "--column", column,
                "-o", out, "--no-progress"));
        args.addAll(List.of(more));
        Cli.Result result = Cli.run(args.toArray());
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("600 rows embedded with the '" + column + "' encoder of mlp"), result.out());
        return file.endsWith(".csv") ? Embeddings.read(out) : null;
    }

    @Test
    void everyEncoderEmbedsEveryRowWithItsWidth() throws IOException {
        for (String column : List.of("note", "title", "summary")) {
            Embeddings embeddings = embed(column, column + ".csv");
            assertEquals(ROWS, embeddings.rows().size(), column);
            int width = embeddings.rows().get(0).length;
            assertTrue(embeddings.rows().stream().allMatch(row -> row.length == width), column);
            assertEquals("0", embeddings.ids().get(0), "without --id a row's id is its number");
            assertEquals("599", embeddings.ids().get(ROWS - 1));
            assertTrue(embeddings.rows().stream().flatMap(row -> List.of(row).stream())
                    .allMatch(row -> allFinite(row)), column + ": finite values");
            assertFalse(Arrays.equals(embeddings.rows().get(5), embeddings.rows().get(6)),
                    column + ": different texts, different embeddings");
        }
        assertEquals(12, Embeddings.read(tmp.resolve("note.csv")).rows().get(0).length, "bag dim");
        assertEquals(16, Embeddings.read(tmp.resolve("title.csv")).rows().get(0).length, "transformer dim");
    }

    private static boolean allFinite(float[] row) {
        for (float value : row) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void anEmptyAndAMissingTextHaveTheSameEmbeddingAndHardRowsWork() throws IOException {
        Embeddings notes = embed("note", "hard.csv");
        // Rows 0 and 1 (and 50, 51...) hold an empty and a missing note; 2, 3, 4 emoji, 10,000 chars, HTML.
        assertArrayEquals(notes.rows().get(0), notes.rows().get(1));
        assertArrayEquals(notes.rows().get(0), notes.rows().get(51));
        assertFalse(Arrays.equals(notes.rows().get(0), notes.rows().get(3)));
    }

    @Test
    void theBatchSizeDoesNotChangeAnEmbedding() throws IOException {
        // Padding differs with the batch's longest row; the mask must hide it (the transformer attends).
        Embeddings one = embed("title", "one.csv", "--batch", 1);
        Embeddings many = embed("title", "many.csv", "--batch", 97);
        for (int row = 0; row < ROWS; row++) {
            assertArrayEquals(one.rows().get(row), many.rows().get(row), 1e-5f, "row " + row);
        }
    }

    @Test
    void idsComeFromAColumnAndHdf5AndNpyHoldTheSameNumbers() throws Exception {
        Embeddings csv = embed("summary", "ids.csv", "--id", "amount");
        List<String> amounts = Files.readAllLines(data).stream().skip(1)
                .map(line -> line.split(",")[line.split(",").length - 2]).toList();
        assertEquals(amounts, csv.ids());
        embed("summary", "ids.h5", "--id", "amount");
        embed("summary", "ids.npy", "--id", "amount");
        assertEquals(amounts, Files.readAllLines(tmp.resolve("ids.ids.txt")));
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", """
                import sys, h5py, numpy as np
                with h5py.File(sys.argv[1], "r") as f:
                    h5, ids = f["embeddings"][:], list(f["ids"].asstr()[:])
                    assert f.attrs["column"].decode() == "summary" and f.attrs["model"].decode() == "mlp"
                npy = np.load(sys.argv[2])
                assert np.array_equal(h5, npy), "h5 and npy differ"
                print(h5.shape[0], h5.shape[1], ids[0], float(h5[7, 3]))
                """, tmp.resolve("ids.h5").toString(), tmp.resolve("ids.npy").toString()).redirectErrorStream(true)
                .start();
        assertTrue(python.waitFor(120, TimeUnit.SECONDS));
        String printed = new String(python.getInputStream().readAllBytes()).strip();
        Assumptions.assumeFalse(printed.contains("No module named"), "needs python3-h5py and python3-numpy");
        assertEquals(0, python.exitValue(), printed);
        float[] row7 = csv.rows().get(7);
        assertEquals(ROWS + " " + row7.length + " " + amounts.get(0) + " " + (double) row7[3], printed);
    }

    @Test
    void mistakesAreOneLineErrors() {
        Cli.assertUserError(Cli.run("embed", "--run", run, "--data", data, "--column", "note", "--model", "logreg",
                "-o", tmp.resolve("x.h5")), "candidate 'logreg'", "has no text encoder of column 'note'",
                "candidates with one: [mlp]");
        Cli.assertUserError(Cli.run("embed", "--run", run, "--data", data, "--column", "amount", "-o",
                tmp.resolve("x.h5")), "no candidate of", "has one");
        Cli.assertUserError(Cli.run("embed", "--run", run, "--data", data, "--column", "note", "-o",
                tmp.resolve("x.txt"), "--no-progress"), "unknown extension; expected .h5, .hdf5, .npy or .csv");
        Cli.assertUserError(Cli.run("embed", "--run", tmp, "--data", data, "--column", "note"),
                "is not a completed run folder");
        Cli.assertUserError(Cli.run("embed", "--run", run, "--data", tmp.resolve("notes.yaml"), "--column", "note",
                "-o", tmp.resolve("x.csv"), "--no-progress"), "no column 'note'");
        assertFalse(Files.exists(tmp.resolve("x.csv")));
        assertFalse(Files.exists(tmp.resolve("x.h5")));
    }
}
