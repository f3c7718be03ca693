package dev.anneal.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class TypeInferenceTest {

    /** A label column of {@code rows} rows, as a reader would build it. */
    private static CategoryColumn labels(String name, int rows, IntFunction<String> value) {
        LevelDictionary dictionary = new LevelDictionary();
        int[] codes = new int[rows];
        for (int row = 0; row < rows; row++) {
            String text = value.apply(row);
            codes[row] = text == null ? CategoryColumn.MISSING : dictionary.code(text);
        }
        return new CategoryColumn(name, codes, dictionary.levels());
    }

    private static InferredTable infer(Column... columns) {
        return TypeInference.infer(new Table(List.of(columns)), Map.of(), Set.of());
    }

    private static ColumnInfo only(Column column) {
        return infer(column).columns().get(0);
    }

    @Test
    void numbersAreNumeric() {
        ColumnInfo info = only(new NumericColumn("x", new double[] {1.5, Double.NaN, 3}));
        assertEquals(ColumnType.NUMERIC, info.type());
        assertEquals("all values parse as numbers", info.reason());
    }

    @Test
    void consecutiveIntegersAreAnId() {
        double[] rowNumbers = new double[100];
        Arrays.setAll(rowNumbers, i -> 1000 + i);
        InferredTable result = infer(new NumericColumn("row", rowNumbers));
        assertEquals(ColumnType.ID, result.columns().get(0).type());
        assertTrue(result.columns().get(0).reason().contains("increasing by 1"));
        assertInstanceOf(NumericColumn.class, result.table().column("row"));
    }

    @Test
    void integersWithAGapOrAMissingValueAreNumeric() {
        assertEquals(ColumnType.NUMERIC, only(new NumericColumn("a", new double[] {1, 2, 4, 5})).type());
        assertEquals(ColumnType.NUMERIC, only(new NumericColumn("b", new double[] {1, 2, Double.NaN, 4})).type());
        assertEquals(ColumnType.NUMERIC, only(new NumericColumn("c", new double[] {0.5, 1.5, 2.5})).type());
        assertEquals(ColumnType.NUMERIC, only(new NumericColumn("d", new double[] {3, 2, 1})).type());
    }

    @Test
    void datesAreParsedOncePerLevel() {
        CategoryColumn days = labels("day", 6, row -> row % 3 == 0 ? "2024-01-31" : row % 3 == 1 ? null
                : "2024-02-01T10:00:00Z");
        InferredTable result = infer(days, labels("stamp", 6, row -> "2024-03-0" + (row + 1) + " 12:30:15"));
        assertEquals(ColumnType.DATE, result.info("day").type());
        assertTrue(result.info("day").reason().contains("dates"), result.info("day").reason());
        DateColumn day = assertInstanceOf(DateColumn.class, result.table().column("day"));
        assertEquals(1706659200L, day.epochSeconds()[0]);
        assertTrue(day.isMissing(1));
        assertEquals(1706781600L, day.epochSeconds()[2]);
        DateColumn stamp = assertInstanceOf(DateColumn.class, result.table().column("stamp"));
        assertEquals(1709296215L, stamp.epochSeconds()[0]);
    }

    @Test
    void dateTimesWithOffsetsAndFractionsParse() {
        assertEquals(1706695200L, TypeInference.parseDate("2024-01-31T12:00:00+02:00"));
        assertEquals(1706702400L, TypeInference.parseDate("2024-01-31T12:00:00.250"));
        assertEquals(DateColumn.MISSING, TypeInference.parseDate("2024-13-01"));
        assertEquals(DateColumn.MISSING, TypeInference.parseDate("31/01/2024"));
        assertEquals(DateColumn.MISSING, TypeInference.parseDate("2024-01-31x"));
    }

    @Test
    void oneNonDateLevelMakesItLabels() {
        ColumnInfo info = only(labels("d", 4, row -> row == 3 ? "soon" : "2024-01-0" + (row + 1)));
        assertEquals(ColumnType.CATEGORY, info.type());
    }

    @Test
    void uniqueTokensOverManyRowsAreAnId() {
        InferredTable result = infer(labels("customer", 51, row -> "C-" + (row * 7919 % 100_003)));
        assertEquals(ColumnType.ID, result.info("customer").type());
        assertInstanceOf(TextColumn.class, result.table().column("customer"));
    }

    @Test
    void uniqueTokensAtTheThresholdOrWithAMissingValueAreNotAnId() {
        assertEquals(ColumnType.CATEGORY, only(labels("few", 50, row -> "C" + row)).type());
        assertEquals(ColumnType.CATEGORY, only(labels("gap", 60, row -> row == 5 ? null : "C" + row)).type());
        assertEquals(ColumnType.CATEGORY, only(labels("dup", 60, row -> "C" + Math.min(row, 58))).type());
    }

    @Test
    void longValuesAreText() {
        String review = "This product arrived quickly and tastes great";
        InferredTable result = infer(labels("review", 10, row -> row % 2 == 0 ? review : review + "!"));
        assertEquals(ColumnType.TEXT, result.info("review").type());
        assertTrue(result.info("review").reason().startsWith("mean length"), result.info("review").reason());
        TextColumn text = assertInstanceOf(TextColumn.class, result.table().column("review"));
        assertEquals(review, text.values()[0]);
    }

    @Test
    void shortButDistinctValuesWithSpacesAreText() {
        ColumnInfo info = only(labels("title", 20, row -> "Item number " + row));
        assertEquals(ColumnType.TEXT, info.type());
        assertTrue(info.reason().contains("distinct"), info.reason());
    }

    @Test
    void repeatedShortValuesAreACategory() {
        InferredTable result = infer(labels("state", 100, row -> row % 3 == 0 ? "New York" : "Ohio"));
        assertEquals(ColumnType.CATEGORY, result.info("state").type());
        assertEquals("2 distinct labels", result.info("state").reason());
        assertInstanceOf(CategoryColumn.class, result.table().column("state"));
        assertEquals(ColumnType.CATEGORY, only(labels("none", 4, row -> row % 2 == 0 ? "None" : "Stone")).type());
    }

    @Test
    void overridesWinAndConvert() {
        Table raw = new Table(List.of(
                new NumericColumn("zip", new double[] {7, 10, Double.NaN}),
                labels("amount", 3, row -> new String[] {"1.5", null, "-2"}[row]),
                labels("note", 3, row -> "a"),
                labels("day", 3, row -> "2024-01-0" + (row + 1)),
                new NumericColumn("row", new double[] {0, 1, 2})));
        InferredTable result = TypeInference.infer(raw, Map.of(
                "zip", ColumnType.CATEGORY, "amount", ColumnType.NUMERIC, "note", ColumnType.TEXT,
                "day", ColumnType.CATEGORY, "row", ColumnType.NUMERIC), Set.of());
        for (ColumnInfo info : result.columns()) {
            assertEquals("declared in config", info.reason());
        }
        CategoryColumn zip = assertInstanceOf(CategoryColumn.class, result.table().column("zip"));
        assertEquals(List.of("7", "10"), zip.levels());
        assertTrue(zip.isMissing(2));
        assertArrayEquals(new double[] {1.5, Double.NaN, -2},
                assertInstanceOf(NumericColumn.class, result.table().column("amount")).values());
        assertInstanceOf(TextColumn.class, result.table().column("note"));
        assertInstanceOf(CategoryColumn.class, result.table().column("day"));
        assertSame(raw.column("row"), result.table().column("row"));
        assertEquals(ColumnType.NUMERIC, result.info("row").type());
    }

    @Test
    void declaredNumericOnLabelsFailsNamingColumnAndValue() {
        Table raw = new Table(List.of(labels("price", 3, row -> new String[] {"1", "cheap", "2"}[row])));
        AnnealException e = assertThrows(AnnealException.class,
                () -> TypeInference.infer(raw, Map.of("price", ColumnType.NUMERIC), Set.of()));
        assertTrue(e.getMessage().contains("column price"), e.getMessage());
        assertTrue(e.getMessage().contains("\"cheap\""), e.getMessage());
    }

    @Test
    void declaredDateWithABadValueFails() {
        Table raw = new Table(List.of(labels("when", 2, row -> row == 0 ? "2024-01-01" : "yesterday")));
        AnnealException e = assertThrows(AnnealException.class,
                () -> TypeInference.infer(raw, Map.of("when", ColumnType.DATE), Set.of()));
        assertTrue(e.getMessage().contains("column when is declared date but holds \"yesterday\""), e.getMessage());
    }

    @Test
    void excludedAndIgnoredColumnsAreLeftOut() {
        Table raw = new Table(List.of(new NumericColumn("a", new double[] {1.5}),
                new NumericColumn("b", new double[] {2.5}), new NumericColumn("c", new double[] {3.5})));
        InferredTable result = TypeInference.infer(raw, Map.of("b", ColumnType.IGNORE, "gone", ColumnType.IGNORE),
                Set.of("c"));
        assertEquals(List.of("a"), result.table().columnNames());
        assertEquals(1, result.columns().size());
    }

    @Test
    void overrideForAnAbsentColumnFails() {
        Table raw = new Table(List.of(new NumericColumn("a", new double[] {1})));
        AnnealException e = assertThrows(AnnealException.class,
                () -> TypeInference.infer(raw, Map.of("tyop", ColumnType.NUMERIC), Set.of()));
        assertTrue(e.getMessage().contains("tyop"), e.getMessage());
        assertTrue(e.getMessage().contains("the data has: a"), e.getMessage());
    }

    @Test
    void amesRowsFromTheReaderInferSensibly() throws Exception {
        Table raw = CsvReader.read(java.nio.file.Path.of(getClass().getResource("/data/ames_head.csv").toURI()),
                ReadOptions.defaults());
        InferredTable result = TypeInference.infer(raw, Map.of(), Set.of());
        assertEquals(ColumnType.CATEGORY, result.info("Mas_Vnr_Type").type());
        assertEquals(ColumnType.NUMERIC, result.info("Sale_Price").type());
        List<ColumnType> types = new ArrayList<>();
        result.columns().forEach(info -> types.add(info.type()));
        assertTrue(!types.contains(ColumnType.ID) && !types.contains(ColumnType.DATE), types.toString());
    }
}
