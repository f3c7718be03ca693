package dev.anneal.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.AnnealException;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.data.Column;
import dev.anneal.core.data.ColumnInfo;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.SaltedHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code privacy: drop | hash}: the raw values of personal-data columns never reach anything a run writes or
 * prints, a hashed column still groups the split, and the bundle's inputs leave it out.
 */
class PrivacyTest {

    private static final String SALT = "a-salt-of-enough-length";
    private static final int PEOPLE = 60;
    private static final int ROWS_EACH = 5;

    @TempDir
    Path tmp;

    /** One row per visit: {@code email} (one of {@value #PEOPLE} people), {@code phone}, two features, {@code y}. */
    private record Row(String email, String phone, double x, String plan, String y) {

        String csv() {
            return String.join(",", email, phone, Double.toString(x), plan, y);
        }
    }

    private static List<Row> rows() {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < PEOPLE * ROWS_EACH; i++) {
            int person = random.nextInt(PEOPLE);
            double x = random.nextGaussian() + (person % 2 == 0 ? 0.8 : -0.8);
            String plan = random.nextBoolean() ? "basic" : "plus";
            rows.add(new Row(String.format(Locale.ROOT, "person%02d.name@example.org", person),
                    String.format(Locale.ROOT, "+1-555-01%02d", person), x, plan, x + random.nextGaussian() > 0 ? "yes" : "no"));
        }
        return rows;
    }

    private Path data(List<Row> rows) {
        List<String> lines = new ArrayList<>(List.of("email,phone,x,plan,y"));
        rows.forEach(row -> lines.add(row.csv()));
        return Runs.write(tmp.resolve("visits.csv"), lines);
    }

    private ProjectConfig privateConfig(Path data) {
        return Runs.config(tmp, "{path: " + data.getFileName() + ", hash_salt: " + SALT + "}", "y",
                "columns: {email: {privacy: hash}, phone: {privacy: drop}}",
                "split: {method: group, group: {column: email}}");
    }

    @Test
    void hashedValuesReplaceTheRawOnesAsSoonAsTheyAreRead() {
        List<Row> rows = rows();
        PreparedData data = PreparedData.load(privateConfig(data(rows)));
        Column email = data.table().column("email");
        SaltedHash hash = new SaltedHash(SALT);
        for (int row = 0; row < rows.size(); row++) {
            assertEquals(hash.hash(rows.get(row).email()), email.format(row));
        }
        assertTrue(data.table().find("phone").isEmpty(), "a dropped column is not in the table");
        assertEquals(List.of("email", "x", "plan", "y"), data.columns().stream().map(ColumnInfo::name).toList());
        assertEquals(ColumnType.ID, data.columns().get(0).type());
        assertFalse(data.features().containsKey("email"), "a hashed column is never a feature");
    }

    @Test
    void noRawValueReachesTheRunFolderTheBundleOrTheMessages() {
        List<Row> rows = rows();
        Path run = tmp.resolve("run");
        Runs.Finished finished = Runs.train(privateConfig(data(rows)), run);

        List<String> raw = new ArrayList<>();
        for (Row row : rows.subList(0, 10)) {
            raw.add(row.email());
            raw.add(row.email().substring(0, row.email().indexOf('@')));
            raw.add(row.phone());
        }
        assertEquals(List.of(), leaks(run, raw), "raw values in the run folder");
        assertEquals(List.of(), leaks(tmp.resolve("bundles"), raw), "raw values in the model repository");
        raw.forEach(value -> assertFalse(finished.messages().contains(value), finished.messages()));

        JsonNode manifest = Runs.json(run.resolve(RunDirectory.BUNDLE).resolve("manifest.json"));
        List<String> inputs = new ArrayList<>();
        manifest.path("inputs").forEach(input -> inputs.add(input.path("column").asText()));
        assertEquals(List.of("x", "plan"), inputs, "the bundle reads neither the hashed nor the dropped column");
        assertEquals("id", profiled(run, "email").path("type").asText());
        assertNull(profiled(run, "phone"), "a dropped column is not profiled");
    }

    @Test
    void theHashedColumnKeepsEachPersonInOneSplit() {
        List<Row> rows = rows();
        Path run = tmp.resolve("run");
        Runs.train(privateConfig(data(rows)), run);
        int[][] splits = Runs.splits(run);
        Map<String, Integer> splitOf = new HashMap<>();
        int seen = 0;
        for (int s = 0; s < 3; s++) {
            assertTrue(splits[s].length > 0, "split " + s + " is empty");
            for (int row : splits[s]) {
                Integer before = splitOf.put(rows.get(row).email(), s);
                assertTrue(before == null || before == s, rows.get(row).email() + " is in two splits");
                seen++;
            }
        }
        assertEquals(rows.size(), seen);
    }

    /** Without {@code privacy} the same run writes the addresses (as categories), so the search above can fail. */
    @Test
    void withoutPrivacyTheAddressesDoReachTheRunFolder() {
        List<Row> rows = rows();
        Path run = tmp.resolve("run");
        Runs.train(Runs.config(tmp, "{path: " + data(rows).getFileName() + "}", "y"), run);
        assertFalse(leaks(run, List.of(rows.get(0).email())).isEmpty());
    }

    @Test
    void aDroppedColumnMustExist() {
        Path data = data(rows());
        ProjectConfig config = Runs.config(tmp, "{path: " + data.getFileName() + "}", "y",
                "columns: {emial: {privacy: drop}}");
        AnnealException e = assertThrows(AnnealException.class, () -> PreparedData.load(config));
        assertTrue(e.getMessage().contains("columns.emial: no column 'emial' in the data; did you mean 'email'?"),
                e.getMessage());
    }

    private static JsonNode profiled(Path run, String column) {
        for (JsonNode info : Runs.json(run.resolve("profile.json")).path("columns")) {
            if (info.path("name").asText().equals(column)) {
                return info;
            }
        }
        return null;
    }

    /** "file: value" for every file under {@code folder} that holds one of {@code values}. */
    private static List<String> leaks(Path folder, List<String> values) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                values.stream().filter(content::contains).forEach(value -> found.add(folder.relativize(file) + ": " + value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
