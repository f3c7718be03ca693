package dev.anneal.train.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.data.NumericColumn;
import dev.anneal.core.split.Split;
import dev.anneal.train.progress.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.deduplicate}: exact repeats are removed, the first kept, rows differing only in the target stay,
 * the count is printed and recorded, and split indices keep naming rows of the data file.
 */
class DeduplicationTest {

    private static final int DISTINCT = 200;
    private static final int REPEATS = 30;
    private static final int TARGET_ONLY = 10;

    @TempDir
    Path tmp;

    /**
     * The data file's rows: {@value #DISTINCT} distinct ones, {@value #REPEATS} exact repeats of some and
     * {@value #TARGET_ONLY} that repeat one in everything but the target, each repeat after its original.
     */
    private static List<String> fileRows() {
        Random random = new Random(5);
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < DISTINCT; i++) {
            double x = random.nextGaussian();
            distinct.add(x + "," + (random.nextBoolean() ? "a" : "b") + "," + (x + random.nextGaussian() > 0 ? "yes" : "no"));
        }
        List<String> rows = new ArrayList<>(distinct);
        for (int k = 0; k < REPEATS + TARGET_ONLY; k++) {
            // A target-only repeat flips the target of one of the first rows, each a different one.
            String original = k < REPEATS ? distinct.get(random.nextInt(DISTINCT)) : distinct.get(k - REPEATS);
            String row = k < REPEATS ? original
                    : original.endsWith("yes") ? original.replace(",yes", ",no") : original.replace(",no", ",yes");
            int after = rows.indexOf(original) + 1;
            rows.add(after + random.nextInt(rows.size() - after + 1), row);
        }
        return rows;
    }

    /** The file rows that repeat no earlier row, computed the obvious way. */
    private static int[] firstOccurrences(List<String> rows) {
        Set<String> seen = new HashSet<>();
        return IntStream.range(0, rows.size()).filter(row -> seen.add(rows.get(row))).toArray();
    }

    private Path data(List<String> rows) {
        List<String> lines = new ArrayList<>(List.of("x,c,y"));
        lines.addAll(rows);
        return Runs.write(tmp.resolve("rows.csv"), lines);
    }

    private ProjectConfig config(List<String> rows, String... more) {
        return Runs.config(tmp, "{path: " + data(rows).getFileName() + ", deduplicate: true}", "y", more);
    }

    @Test
    void removesExactRepeatsKeepingTheFirstButNotRowsThatDifferInTheTarget() {
        List<String> rows = fileRows();
        int[] kept = firstOccurrences(rows);
        assertEquals(DISTINCT + TARGET_ONLY, kept.length, "the generated file has the intended repeats");
        PreparedData data = PreparedData.load(config(rows));
        assertEquals(REPEATS, data.rows().removed());
        assertEquals(rows.size(), data.rows().fileRows());
        double[] x = ((NumericColumn) data.table().column("x")).values();
        double[] expected = Arrays.stream(kept).mapToDouble(row -> Double.parseDouble(rows.get(row).split(",")[0])).toArray();
        assertArrayEquals(expected, x);
        assertEquals(kept.length, data.target().classIndex().length);
    }

    @Test
    void offByDefault() {
        List<String> rows = fileRows();
        PreparedData data = PreparedData.load(Runs.config(tmp, "{path: " + data(rows).getFileName() + "}", "y"));
        assertEquals(0, data.rows().removed());
        assertEquals(rows.size(), data.table().rowCount());
    }

    @Test
    void theRunPrintsAndRecordsTheCountAndItsSplitsNameFileRows() {
        List<String> rows = fileRows();
        Path run = tmp.resolve("run");
        Runs.Finished finished = Runs.train(config(rows), run);

        assertTrue(finished.messages().contains("data.deduplicate: removed " + REPEATS + " duplicate rows"),
                finished.messages());
        JsonNode fingerprint = Runs.json(run.resolve("provenance.json")).path("data");
        assertEquals(REPEATS, fingerprint.path("duplicates_removed").asInt());
        assertEquals(DISTINCT + TARGET_ONLY, fingerprint.path("rows").asInt());
        int[] named = Arrays.stream(Runs.splits(run)).flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(firstOccurrences(rows), named, "splits.json holds exactly the kept rows, as file rows");
    }

    @Test
    void exportReadsTheRunsSplitBackToTheSameTrainingRows() {
        Path run = tmp.resolve("run");
        Runs.train(config(fileRows()), run);
        Path exported = new TrainingRun(Runs.REGISTRY, Progress.SILENT, new PrintWriter(new StringWriter()), 1)
                .export(run, "lin", tmp.resolve("exported"));
        assertEquals(Runs.json(run.resolve(RunDirectory.BUNDLE).resolve("manifest.json")).path("inputs"),
                Runs.json(exported.resolve("manifest.json")).path("inputs"));
    }

    @Test
    void aSplitFileCountsFileRowsAndLosesTheRemovedOnes() {
        List<String> rows = fileRows();
        int n = rows.size();
        Runs.write(tmp.resolve("split.json"), List.of("{\"train\": " + range(0, n - 80) + ", \"validation\": "
                + range(n - 80, n - 40) + ", \"test\": " + range(n - 40, n) + "}"));
        ProjectConfig config = config(rows, "split: {method: file, file: split.json}");
        PreparedData data = PreparedData.load(config);
        Split split = data.rows().toFileRows(SplitPlanner.split(config.split(), data));
        Set<Integer> kept = new HashSet<>(Arrays.stream(firstOccurrences(rows)).boxed().toList());
        assertArrayEquals(IntStream.range(0, n - 80).filter(kept::contains).toArray(), split.train());
        assertArrayEquals(IntStream.range(n - 80, n - 40).filter(kept::contains).toArray(), split.validation());
        assertArrayEquals(IntStream.range(n - 40, n).filter(kept::contains).toArray(), split.test());
    }

    private static String range(int from, int to) {
        return Arrays.toString(IntStream.range(from, to).toArray());
    }
}
