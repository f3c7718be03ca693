package dev.anneal.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path path = dir.resolve("data.jsonl");
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private static List<String> labels(Column column) {
        CategoryColumn labels = assertInstanceOf(CategoryColumn.class, column);
        String[] out = new String[labels.size()];
        for (int row = 0; row < out.length; row++) {
            out[row] = labels.label(row);
        }
        return Arrays.asList(out);
    }

    private static String readFails(Path path, ReadOptions options) {
        AnnealException e = assertThrows(AnnealException.class, () -> JsonlReader.read(path, options));
        assertFalse(e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void keysBecomeColumnsInFirstSeenOrder() throws IOException {
        Path path = write("""
                {"a": 1, "b": "x", "ok": true}

                {"b": "y", "c": 2.5, "a": null}
                {"a": 3, "ok": false, "b": ""}
                """);
        Table table = JsonlReader.read(path, ReadOptions.defaults());
        assertEquals(List.of("a", "b", "ok", "c"), table.columnNames());
        assertEquals(3, table.rowCount());
        assertArrayEquals(new double[] {1, Double.NaN, 3}, ((NumericColumn) table.column("a")).values());
        assertEquals(Arrays.asList("x", "y", null), labels(table.column("b")));
        assertEquals(Arrays.asList("true", null, "false"), labels(table.column("ok")));
        assertArrayEquals(new double[] {Double.NaN, 2.5, Double.NaN}, ((NumericColumn) table.column("c")).values());
    }

    @Test
    void numbersAmongLabelsKeepTheirText() throws IOException {
        Table table = JsonlReader.read(write("{\"k\": 1.50}\n{\"k\": \"abc\"}\n{\"k\": 7}\n"), ReadOptions.defaults());
        assertEquals(List.of("1.50", "abc", "7"), labels(table.column("k")));
    }

    @Test
    void naValuesAndDeclaredTypesApply() throws IOException {
        Path path = write("{\"a\": \"NA\", \"zip\": 7, \"skip\": 1}\n{\"a\": \"x\", \"zip\": 10, \"skip\": 2}\n");
        Table table = JsonlReader.read(path, new ReadOptions(Set.of("NA"),
                Map.of("zip", ColumnType.CATEGORY, "skip", ColumnType.IGNORE)));
        assertEquals(List.of("a", "zip"), table.columnNames());
        assertEquals(Arrays.asList(null, "x"), labels(table.column("a")));
        assertEquals(List.of("7", "10"), labels(table.column("zip")));
    }

    @Test
    void declaredNumericKeyWithTextFails() throws IOException {
        String message = readFails(write("{\"p\": 1}\n{\"p\": \"cheap\"}\n"),
                ReadOptions.defaults().withDeclaredTypes(Map.of("p", ColumnType.NUMERIC)));
        assertTrue(message.contains("line 2, key p"), message);
        assertTrue(message.contains("\"cheap\""), message);
    }

    @Test
    void nestedValuesFailNamingLineAndKey() throws IOException {
        String object = readFails(write("{\"a\": 1}\n{\"a\": 2, \"meta\": {\"x\": 1}}\n"), ReadOptions.defaults());
        assertTrue(object.contains("line 2, key meta: nested object"), object);
        String array = readFails(write("{\"tags\": [1, 2]}\n"), ReadOptions.defaults());
        assertTrue(array.contains("line 1, key tags: nested array"), array);
    }

    @Test
    void malformedJsonFailsWithLineAndJacksonsMessage() throws IOException {
        String message = readFails(write("{\"a\": 1}\n\n{\"a\": 2,}\n"), ReadOptions.defaults());
        assertTrue(message.contains("line 3: malformed JSON: "), message);
        assertTrue(message.contains("Unexpected character"), message);
    }

    @Test
    void lineThatIsNotAnObjectFails() throws IOException {
        String message = readFails(write("{\"a\": 1}\n[1, 2]\n"), ReadOptions.defaults());
        assertTrue(message.contains("line 2: expected a JSON object, found an array"), message);
        String two = readFails(write("{\"a\": 1} {\"a\": 2}\n"), ReadOptions.defaults());
        assertTrue(two.contains("line 1: text after the end"), two);
    }

    @Test
    void duplicateKeyFails() throws IOException {
        String message = readFails(write("{\"a\": 1, \"a\": 2}\n"), ReadOptions.defaults());
        assertTrue(message.contains("line 1: malformed JSON: Duplicate field 'a'"), message);
    }

    @Test
    void fileWithoutObjectsFails() throws IOException {
        String message = readFails(write("\n  \n"), ReadOptions.defaults());
        assertTrue(message.contains("no JSON objects"), message);
    }

    @Test
    void missingFileFails() {
        String message = readFails(dir.resolve("absent.jsonl"), ReadOptions.defaults());
        assertTrue(message.contains("file not found"), message);
    }
}
