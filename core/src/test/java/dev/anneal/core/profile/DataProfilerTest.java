package dev.anneal.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.core.data.ColumnInfo;
import dev.anneal.core.data.InferredTable;
import dev.anneal.core.data.ReadOptions;
import dev.anneal.core.data.RowSource;
import dev.anneal.core.data.TableReader;
import dev.anneal.core.data.TypeInference;
import dev.anneal.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataProfilerTest {

    private static final List<String> COLUMNS = List.of("row_id", "email", "constant", "rare", "x", "x_twice",
            "label_copy", "colour", "when", "noise", "y");

    /** 2,000 rows with planted problems, then 10 exact duplicates and 5 rows with a flipped label. */
    private static List<String[]> plantedRows() {
        Random random = new Random(7);
        List<String[]> rows = new ArrayList<>();
        String[] colours = {"red", "green", "None", "blue"};
        for (int i = 0; i < 2_000; i++) {
            double x = random.nextGaussian();
            String y = x + 0.8 * random.nextGaussian() > 0 ? "yes" : "no";
            rows.add(new String[] {
                Integer.toString(i + 1),
                "person" + i + "@example.org",
                "same",
                i % 500 == 0 ? "odd" : "usual",
                Double.toString(x),
                Double.toString(2 * x + 1),
                y.equals("yes") ? "Y" : "N",
                colours[random.nextInt(colours.length)],
                String.format("2024-%02d-%02d", 1 + i % 12, 1 + i % 28),
                i % 10 == 0 ? null : Double.toString(random.nextDouble() * (i % 97 == 0 ? 1_000 : 1)),
                y});
        }
        for (int i = 0; i < 10; i++) {
            String[] copy = rows.get(i).clone();
            copy[0] = rows.get(i)[0];
            rows.add(copy);
        }
        for (int i = 20; i < 25; i++) {
            String[] flipped = rows.get(i).clone();
            flipped[10] = flipped[10].equals("yes") ? "no" : "yes";
            rows.add(flipped);
        }
        return rows;
    }

    private static DataProfile profile(List<String[]> rows) {
        return profile(rows, 2);
    }

    private static DataProfile profile(List<String[]> rows, int threads) {
        DataProfiler profiler = new DataProfiler(COLUMNS, "y", Set.of(), DataProfiler.DEFAULT_SAMPLE_ROWS, 1, threads);
        rows.forEach(row -> profiler.accept(row.clone()));
        return profiler.finish("planted.csv", 123_456);
    }

    @Test
    void findsThePlantedProblems() {
        DataProfile profile = profile(plantedRows());
        DataProfile.TableSummary table = profile.table();
        assertEquals(2_015, profile.rows());
        assertEquals(10, table.duplicateRows());
        assertEquals(5, table.conflictingRows());
        assertFalse(table.duplicatesEstimated());
        assertEquals(List.of("constant"), table.constantColumns());
        assertEquals(List.of("rare"), table.nearConstantColumns());
        assertTrue(table.idLikeColumns().contains("email"), table.idLikeColumns().toString());
        DataProfile.LeakageSuspect copy = table.leakage().stream().filter(s -> s.column().equals("label_copy"))
                .findFirst().orElseThrow();
        assertTrue(copy.copy());
        assertTrue(copy.score() > 0.95);
        assertFalse(table.leakage().stream().anyMatch(s -> s.column().equals("x")), table.leakage().toString());
        assertEquals(1, table.correlated().size());
        assertEquals(Set.of("x", "x_twice"), Set.of(table.correlated().get(0).first(), table.correlated().get(0).second()));
        assertEquals("binary", profile.targetSummary().task());
    }

    @Test
    void describesEachColumnByItsKind() {
        DataProfile profile = profile(plantedRows());
        assertEquals("numeric", profile.column("x").type());
        assertEquals("date", profile.column("when").type());
        assertEquals("day", profile.column("when").date().granularity());
        assertEquals("category", profile.column("colour").type());
        assertEquals(Map.of("None", profile.column("colour").topValues().stream()
                .filter(v -> v.value().equals("None")).findFirst().orElseThrow().count()),
                profile.column("colour").missingTokens());
        assertEquals(List.of("None", "blue", "green", "red"), profile.column("colour").categories());
        DataProfile.ColumnSummary noise = profile.column("noise");
        assertEquals(202, noise.missing());
        assertTrue(noise.numeric().zOutlierRate() > 0, "values 1000x larger are z outliers");
        assertTrue(noise.numeric().skew() > 2, "a few huge values skew the column");
        assertEquals(0.0, profile.column("x").numeric().quantiles().get("p50"), 0.1);
    }

    @Test
    void neverShowsPersonalData() {
        DataProfile profile = profile(plantedRows());
        DataProfile.ColumnSummary email = profile.column("email");
        assertEquals("email", email.personalData());
        assertNull(email.topValues());
        String json = Json.write(profile);
        assertFalse(json.contains("@example.org"), "an e-mail address leaked into the profile");
    }

    @Test
    void theSameRowsAndSeedGiveTheSameProfileBeyondTheSampleWithAnyThreads() {
        List<String[]> rows = new ArrayList<>();
        for (int copy = 0; copy < 15; copy++) {
            for (String[] row : plantedRows()) {
                String[] changed = row.clone();
                changed[0] = Integer.toString(rows.size() + 1);
                rows.add(changed);
            }
        }
        String first = Json.write(profile(rows, 1));
        String second = Json.write(profile(rows, 3));
        assertEquals(first, second);
        assertTrue(profile(rows).sampleRows() < rows.size(), "the rows must overflow the sample");
    }

    @Test
    void aColumnWithSomeAddressesShowsNoValues() {
        List<String> columns = List.of("contact", "y");
        DataProfiler profiler = new DataProfiler(columns, "y", Set.of(), 1_000, 1, 1);
        for (int i = 0; i < 300; i++) {
            String contact = i % 100 == 0 ? "someone" + i + "@example.org" : "by phone";
            profiler.accept(new String[] {contact, i % 2 == 0 ? "a" : "b"});
        }
        DataProfile profile = profiler.finish("few.csv", 1);
        assertNull(profile.column("contact").personalData(), "1 % is not an address column");
        assertNull(profile.column("contact").topValues());
        assertNull(profile.column("contact").categories());
        assertFalse(Json.write(profile).contains("@example.org"));
    }

    @Test
    void estimatesDuplicatesOnceTheTableIsFull() {
        DuplicateCounter counter = new DuplicateCounter(1_000);
        int distinct = 60_000;
        for (int i = 0; i < distinct; i++) {
            counter.add(DuplicateCounter.hash(1, "row" + i), 0);
        }
        for (int i = 0; i < distinct / 4; i++) {
            counter.add(DuplicateCounter.hash(1, "row" + i), i % 3 == 0 ? 1 : 0);
        }
        assertTrue(counter.estimated());
        long duplicates = counter.duplicates();
        long conflicts = counter.conflicts();
        assertEquals(10_000, duplicates, 2_500, "two thirds of 15,000 repeats keep their target");
        assertEquals(5_000, conflicts, 1_500);
    }

    @ParameterizedTest
    @CsvSource({"mlc_churn.csv,churn", "ames.csv,Sale_Price", "satellite.csv,classes", "small_fine_foods.csv,score"})
    void infersTheTypesTrainingInfersOnTheSharedDatasets(String file, String target) throws IOException {
        Path path = Path.of("..", "..", "shared", "data", file);
        Assumptions.assumeTrue(Files.exists(path), "the shared datasets are not here");
        DataProfile profile;
        try (RowSource source = RowSource.open(path, List.of(target), null)) {
            profile = DataProfiler.profile(source, target, Set.of(), DataProfiler.DEFAULT_SAMPLE_ROWS, 42, 2,
                    problem -> fail(problem), (bytes, rows) -> { });
        }
        InferredTable inferred = TypeInference.infer(TableReader.read(path, ReadOptions.defaults()), Map.of(), Set.of());
        Map<String, String> expected = inferred.columns().stream()
                .collect(Collectors.toMap(ColumnInfo::name, info -> info.type().configName()));
        Map<String, String> profiled = profile.columns().stream()
                .collect(Collectors.toMap(DataProfile.ColumnSummary::name, DataProfile.ColumnSummary::type));
        assertEquals(expected, profiled);
        assertNotNull(profile.targetSummary());
        assertEquals(inferred.table().rowCount(), profile.rows());
    }
}
