package dev.anneal.core.split;

import static dev.anneal.core.split.SplitAssertions.assertSizes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplitFileTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("split.json");
        Files.writeString(file, json);
        return file;
    }

    private String error(String json, int n) throws IOException {
        Path file = write(json);
        AnnealException e = assertThrows(AnnealException.class, () -> Splitter.fromFile(file, n));
        assertTrue(e.getMessage().startsWith("split file " + file + ": "), e.getMessage());
        return e.getMessage().substring(("split file " + file + ": ").length());
    }

    @Test
    void loadsTheThreeArraysIgnoresOtherKeysAndLeavesUnnamedRowsOut() throws IOException {
        Path file = write("{\"name\": \"x\", \"seed\": 1, \"test\": [7, 2], \"train\": [0, 5, 3],"
                + " \"validation\": [1], \"n_train\": 3}");
        Split split = Splitter.fromFile(file, 10);
        assertArrayEquals(new int[] {0, 3, 5}, split.train());
        assertArrayEquals(new int[] {1}, split.validation());
        assertArrayEquals(new int[] {2, 7}, split.test());
        assertEquals(6, split.size());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.json");
        AnnealException e = assertThrows(AnnealException.class, () -> Splitter.fromFile(file, 10));
        assertEquals("split file " + file + ": not found", e.getMessage());
    }

    @Test
    void unreadableFile() {
        AnnealException e = assertThrows(AnnealException.class, () -> Splitter.fromFile(dir, 10));
        assertTrue(e.getMessage().startsWith("split file " + dir + ": cannot be read"), e.getMessage());
    }

    @Test
    void notJsonSaysWhere() throws IOException {
        String message = error("{\"train\": [1, 2],\n  \"validation\": [3 4]}", 10);
        assertTrue(message.startsWith("not valid JSON at line 2, column 20: "), message);
        assertEquals(1, message.lines().count());
    }

    @Test
    void emptyFileOrNotAnObject() throws IOException {
        assertEquals("expected a JSON object with arrays \"train\", \"validation\" and \"test\", got an empty file",
                error("", 10));
        assertEquals("expected a JSON object with arrays \"train\", \"validation\" and \"test\", got an array",
                error("[1, 2, 3]", 10));
    }

    @Test
    void missingKey() throws IOException {
        assertEquals("key \"validation\" is missing; expected an array of 0-based data-row indices",
                error("{\"train\": [0], \"valid\": [1], \"test\": [2]}", 10));
    }

    @Test
    void keyNotAnArray() throws IOException {
        assertEquals("\"test\" must be an array of 0-based data-row indices, got a string",
                error("{\"train\": [0], \"validation\": [1], \"test\": \"2\"}", 10));
    }

    @Test
    void elementNotAnInteger() throws IOException {
        assertEquals("train[1] must be an integer row index, got 1.5",
                error("{\"train\": [0, 1.5], \"validation\": [1], \"test\": [2]}", 10));
        assertEquals("validation[0] must be an integer row index, got a string",
                error("{\"train\": [0], \"validation\": [\"1\"], \"test\": [2]}", 10));
        assertEquals("test[0] must be an integer row index, got null",
                error("{\"train\": [0], \"validation\": [1], \"test\": [null]}", 10));
    }

    @Test
    void indexOutOfRange() throws IOException {
        assertEquals("test[1] = 10 is out of range [0, 10): the data has 10 rows, numbered from 0",
                error("{\"train\": [0], \"validation\": [1], \"test\": [2, 10]}", 10));
        assertEquals("train[0] = -1 is out of range [0, 10): the data has 10 rows, numbered from 0",
                error("{\"train\": [-1], \"validation\": [1], \"test\": [2]}", 10));
        assertEquals("train[0] = 99999999999 is out of range [0, 10): the data has 10 rows, numbered from 0",
                error("{\"train\": [99999999999], \"validation\": [1], \"test\": [2]}", 10));
    }

    @Test
    void indexTwiceNamesBothPlaces() throws IOException {
        assertEquals("row 4 appears twice: train[1] and train[3]",
                error("{\"train\": [0, 4, 5, 4], \"validation\": [1], \"test\": [2]}", 10));
        assertEquals("row 5 appears twice: train[2] and test[1]",
                error("{\"train\": [0, 4, 5], \"validation\": [1], \"test\": [2, 5]}", 10));
    }

    @Test
    void emptySplit() throws IOException {
        assertEquals("\"validation\" is empty; every split needs at least one row",
                error("{\"train\": [0], \"validation\": [], \"test\": [2]}", 10));
    }

    @Test
    void loadsTheBundledChurnSplit() throws Exception {
        Path file = Path.of(getClass().getResource("/split/mlc_churn.json").toURI());
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        Split split = Splitter.fromFile(file, 5000);
        assertSizes(split, json.get("n_train").asInt(), json.get("n_validation").asInt(), json.get("n_test").asInt());
        assertSizes(split, 3500, 750, 750);
        assertEquals(5000, split.size());
        // one row fewer than the CSV holds puts the last row out of range
        AnnealException e = assertThrows(AnnealException.class, () -> Splitter.fromFile(file, 4999));
        assertTrue(e.getMessage().contains("= 4999 is out of range [0, 4999)"), e.getMessage());
    }

    /** The shared data sits beside the repository (CI clones it as {@code ../shared}). */
    @ParameterizedTest
    @CsvSource({"mlc_churn, 5000", "small_fine_foods, 5000", "satellite, 6435", "ames, 2930"})
    void loadsEverySharedSplitFileAsItIs(String name, int rows) throws IOException {
        Path splits = sharedSplits();
        Assumptions.assumeTrue(splits != null, "no shared/data/splits beside the repository");
        Path file = splits.resolve(name + ".json");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        Split split = Splitter.fromFile(file, rows);
        assertSizes(split, json.get("n_train").asInt(), json.get("n_validation").asInt(), json.get("n_test").asInt());
        Set<Integer> all = new HashSet<>();
        for (int[] part : SplitAssertions.parts(split)) {
            Arrays.stream(part).forEach(all::add);
        }
        assertEquals(split.size(), all.size());
    }

    private static Path sharedSplits() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared/data/splits");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
