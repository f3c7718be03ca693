package dev.anneal.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CsvReaderTest.class.getResource("/data/" + name).toURI());
    }

    private static AnnealException readFails(Path path, ReadOptions options) {
        AnnealException e = assertThrows(AnnealException.class, () -> CsvReader.read(path, options));
        assertFalse(e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(path.toString()), "names the file: " + e.getMessage());
        return e;
    }

    private static List<String> labels(Column column) {
        CategoryColumn labels = assertInstanceOf(CategoryColumn.class, column);
        String[] out = new String[labels.size()];
        for (int row = 0; row < out.length; row++) {
            out[row] = labels.label(row);
        }
        return java.util.Arrays.asList(out);
    }

    @Test
    void readsNumbersAndLabelsColumnwise() throws IOException {
        Table table = CsvReader.read(write("a.csv", "x,y,z\n1,a,-2.5e3\n2.5,b,\n,a,+.5\n"), ReadOptions.defaults());
        assertEquals(List.of("x", "y", "z"), table.columnNames());
        assertEquals(3, table.rowCount());
        NumericColumn x = assertInstanceOf(NumericColumn.class, table.column("x"));
        assertArrayEquals(new double[] {1, 2.5, Double.NaN}, x.values());
        assertEquals(List.of("a", "b", "a"), labels(table.column("y")));
        assertEquals(List.of("a", "b"), ((CategoryColumn) table.column("y")).levels());
        assertArrayEquals(new double[] {-2500, Double.NaN, 0.5}, ((NumericColumn) table.column("z")).values());
    }

    @Test
    void quotingFollowsRfc4180() throws Exception {
        Table table = CsvReader.read(resource("quoting.csv"), ReadOptions.defaults());
        assertEquals(4, table.rowCount());
        assertEquals(List.of("hello, world", "she said \"hi\"", "two\r\nlines", "plain"),
                labels(table.column("comment")));
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, Double.NaN}, ((NumericColumn) table.column("score")).values());
    }

    @Test
    void lineNumbersCountPhysicalLinesAfterAQuotedNewline() throws IOException {
        Path path = write("q.csv", "a,b\n1,\"x\ny\"\n2,z\n3\n");
        AnnealException e = readFails(path, ReadOptions.defaults());
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstName() throws IOException {
        Path path = dir.resolve("bom.csv");
        Files.write(path, "\uFEFFid,v\n1,2\n".getBytes(StandardCharsets.UTF_8));
        Table table = CsvReader.read(path, ReadOptions.defaults());
        assertEquals(List.of("id", "v"), table.columnNames());
    }

    @Test
    void utf8LabelsSurvive() throws IOException {
        Table table = CsvReader.read(write("u.csv", "city\nZürich\n東京\n"), ReadOptions.defaults());
        assertEquals(List.of("Zürich", "東京"), labels(table.column("city")));
    }

    @Test
    void onlyEmptyFieldsAreMissingByDefault() throws IOException {
        Table table = CsvReader.read(write("m.csv", "a,b\nNA,1\nNone,\n,3\nx,NA\n"), ReadOptions.defaults());
        assertEquals(java.util.Arrays.asList("NA", "None", null, "x"), labels(table.column("a")));
        assertEquals(java.util.Arrays.asList("1", null, "3", "NA"), labels(table.column("b")));
    }

    @Test
    void naValuesAddMissingTokens() throws IOException {
        Table table = CsvReader.read(write("m.csv", "a,b\nNA,1\nNone,\n,3\nx,NA\n"),
                ReadOptions.defaults().withNaValues(Set.of("NA")));
        assertEquals(java.util.Arrays.asList(null, "None", null, "x"), labels(table.column("a")));
        NumericColumn b = assertInstanceOf(NumericColumn.class, table.column("b"));
        assertArrayEquals(new double[] {1, Double.NaN, 3, Double.NaN}, b.values());
    }

    @Test
    void noneStaysALabelInAmesRows() throws Exception {
        Table table = CsvReader.read(resource("ames_head.csv"), ReadOptions.defaults());
        assertEquals(10, table.rowCount());
        assertEquals(74, table.columnCount());
        CategoryColumn masVnr = assertInstanceOf(CategoryColumn.class, table.column("Mas_Vnr_Type"));
        assertEquals(0, masVnr.missingCount());
        assertTrue(masVnr.levels().contains("None"), masVnr.levels().toString());
        assertTrue(((CategoryColumn) table.column("Misc_Feature")).levels().contains("None"));
        assertEquals("WD ", ((CategoryColumn) table.column("Sale_Type")).label(0), "spaces kept");
        NumericColumn price = assertInstanceOf(NumericColumn.class, table.column("Sale_Price"));
        assertEquals(215000, price.get(0));
        assertEquals(-93.619754, ((NumericColumn) table.column("Longitude")).get(0));
    }

    @Test
    void columnThatSwitchesAfterNumbersKeepsItsOriginalText() throws IOException {
        Table table = CsvReader.read(write("s.csv", "code,n\n007,1\n1.50,2\n,3\nabc,4\n007,5\n"),
                ReadOptions.defaults());
        assertEquals(java.util.Arrays.asList("007", "1.50", null, "abc", "007"), labels(table.column("code")));
        assertEquals(List.of("007", "1.50", "abc"), ((CategoryColumn) table.column("code")).levels());
        assertInstanceOf(NumericColumn.class, table.column("n"));
    }

    @Test
    void columnThatStartsMissingThenTurnsToLabelsNeedsNoSecondPass() throws IOException {
        Table table = CsvReader.read(write("s.csv", "a\n\"\"\nabc\n12\n"), ReadOptions.defaults());
        assertEquals(java.util.Arrays.asList(null, "abc", "12"), labels(table.column("a")));
    }

    @Test
    void declaredLabelColumnsAreNeverParsedAsNumbers() throws IOException {
        Path path = write("d.csv", "zip,when,note,key,n\n007,2024-01-01,1,01,1\n010,2024-01-02,2,02,2\n");
        Table table = CsvReader.read(path, ReadOptions.defaults().withDeclaredTypes(Map.of(
                "zip", ColumnType.CATEGORY, "when", ColumnType.DATE, "note", ColumnType.TEXT, "key", ColumnType.ID)));
        assertEquals(List.of("007", "010"), labels(table.column("zip")));
        assertEquals(List.of("1", "2"), labels(table.column("note")));
        assertEquals(List.of("01", "02"), labels(table.column("key")));
        assertInstanceOf(NumericColumn.class, table.column("n"));
    }

    @Test
    void ignoredColumnsAreLeftOut() throws IOException {
        Table table = CsvReader.read(write("i.csv", "a,b,c\n1,x,2\n3,y,4\n"),
                ReadOptions.defaults().withDeclaredTypes(Map.of("b", ColumnType.IGNORE)));
        assertEquals(List.of("a", "c"), table.columnNames());
    }

    @Test
    void declaredNumericColumnWithTextFailsNamingLineColumnAndValue() throws IOException {
        Path path = write("n.csv", "a,price\n1,10\n2,\n3,n/a\n");
        AnnealException e = readFails(path, ReadOptions.defaults().withDeclaredTypes(Map.of("price", ColumnType.NUMERIC)));
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
        assertTrue(e.getMessage().contains("column price"), e.getMessage());
        assertTrue(e.getMessage().contains("\"n/a\""), e.getMessage());
    }

    @Test
    void missingFileFails() {
        AnnealException e = readFails(dir.resolve("nope.csv"), ReadOptions.defaults());
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }

    @Test
    void emptyFileFails() throws IOException {
        AnnealException e = readFails(write("e.csv", ""), ReadOptions.defaults());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void headerOnlyFails() throws IOException {
        AnnealException e = readFails(write("h.csv", "a,b\n"), ReadOptions.defaults());
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void duplicateColumnNamesAreNamed() throws IOException {
        AnnealException e = readFails(write("d.csv", "a,b,a,c,b\n1,2,3,4,5\n"), ReadOptions.defaults());
        assertTrue(e.getMessage().contains("duplicate column names"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": a, b"), e.getMessage());
    }

    @Test
    void emptyColumnNameFails() throws IOException {
        AnnealException e = readFails(write("d.csv", "a,,c\n1,2,3\n"), ReadOptions.defaults());
        assertTrue(e.getMessage().contains("column 2 of the header has an empty name"), e.getMessage());
    }

    @Test
    void raggedRowsFailWithLineAndCounts() throws IOException {
        AnnealException longRow = readFails(write("r.csv", "a,b\n1,2\n3,4\n5,6,7\n"), ReadOptions.defaults());
        assertTrue(longRow.getMessage().contains("line 4"), longRow.getMessage());
        assertTrue(longRow.getMessage().contains("expected 2 fields"), longRow.getMessage());
        assertTrue(longRow.getMessage().contains("found 3"), longRow.getMessage());
        AnnealException shortRow = readFails(write("s.csv", "a,b,c\n1,2,3\n4,5\n"), ReadOptions.defaults());
        assertTrue(shortRow.getMessage().contains("line 3: expected 3 fields as in the header, found 2"),
                shortRow.getMessage());
    }

    @Test
    void raggedRowIsFoundInASecondPassColumnToo() throws IOException {
        Path path = write("r.csv", "a,b\n1,2\nx,4\n5\n");
        AnnealException e = readFails(path, ReadOptions.defaults());
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void blankLinesAreSkippedAndCounted() throws IOException {
        Path path = write("b.csv", "a,b\n1,2\n\n3,4\n5\n");
        Table ok = CsvReader.read(write("ok.csv", "a,b\n1,2\n\n3,4\n"), ReadOptions.defaults());
        assertEquals(2, ok.rowCount());
        assertArrayEquals(new double[] {1, 3}, ((NumericColumn) ok.column("a")).values());
        AnnealException e = readFails(path, ReadOptions.defaults());
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }

    @Test
    void manyRowsGrowTheArrays() throws IOException {
        StringBuilder csv = new StringBuilder("i,s,late\n");
        int rows = 5000;
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append("s").append(i % 7).append(',').append(i == rows - 1 ? "x" : "0" + i)
                    .append('\n');
        }
        Table table = CsvReader.read(write("big.csv", csv.toString()), ReadOptions.defaults());
        assertEquals(rows, table.rowCount());
        assertEquals(4999.0, ((NumericColumn) table.column("i")).get(rows - 1));
        assertEquals(7, ((CategoryColumn) table.column("s")).levels().size());
        CategoryColumn late = (CategoryColumn) table.column("late");
        assertEquals("00", late.label(0));
        assertEquals("x", late.label(rows - 1));
    }

    /** A file several batches long, so the column thread runs; {@code row} may replace one row's text. */
    private Path bigFile(String name, int rows, java.util.function.IntFunction<String> row) throws IOException {
        StringBuilder csv = new StringBuilder("i,x,s\n");
        for (int i = 0; i < rows; i++) {
            String special = row.apply(i);
            csv.append(special != null ? special : i + "," + (i * 0.5) + ",s" + (i % 5)).append('\n');
        }
        return write(name, csv.toString());
    }

    @Test
    void errorOnTheColumnThreadReachesTheCaller() throws IOException {
        int rows = RowBatch.ROWS * 5;
        Path path = bigFile("t.csv", rows, i -> i == RowBatch.ROWS * 3 + 7 ? i + ",oops,s" : null);
        AnnealException e = readFails(path, ReadOptions.defaults().withDeclaredTypes(Map.of("x", ColumnType.NUMERIC)));
        int line = RowBatch.ROWS * 3 + 7 + 2;
        assertTrue(e.getMessage().contains("line " + line + ", column x"), e.getMessage());
        assertTrue(e.getMessage().contains("\"oops\""), e.getMessage());
    }

    @Test
    void raggedRowLateInALongFileStopsTheColumnThread() throws IOException {
        int rows = RowBatch.ROWS * 5;
        Path path = bigFile("t.csv", rows, i -> i == rows - 3 ? "1,2" : null);
        AnnealException e = readFails(path, ReadOptions.defaults());
        assertTrue(e.getMessage().contains("line " + (rows - 3 + 2) + ": expected 3 fields"), e.getMessage());
    }

    @Test
    void longFileWithBlankLinesAndSwitchesIsReadWhole() throws IOException {
        int rows = RowBatch.ROWS * 3 + 11;
        Path path = bigFile("t.csv", rows, i -> i % 1000 == 999 ? "\n" + i + ",x" + i + ",s" : null);
        Table table = CsvReader.read(path, ReadOptions.defaults());
        assertEquals(rows, table.rowCount());
        NumericColumn i = (NumericColumn) table.column("i");
        for (int row = 0; row < rows; row++) {
            assertEquals(row, i.get(row));
        }
        CategoryColumn x = (CategoryColumn) table.column("x");
        assertEquals("0.0", x.label(0), "numbers before the switch keep their text");
        assertEquals("x999", x.label(999));
        assertEquals(0.5 * 1000 + "", x.label(1000));
    }
}
