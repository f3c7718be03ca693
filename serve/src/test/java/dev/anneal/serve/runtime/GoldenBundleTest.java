package dev.anneal.serve.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.data.CsvReader;
import dev.anneal.core.data.ReadOptions;
import dev.anneal.core.data.Table;
import dev.anneal.core.features.FittedPipeline;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The golden bundle of test resources (see its README) still reads and scores as when it was written. */
class GoldenBundleTest {

    @Test
    void readsAndScoresTheRowsAsRecorded() throws Exception {
        ModelBundle bundle = ModelBundle.read(GoldenRows.golden("churn-linear/1"));
        assertEquals(1, bundle.manifest().formatVersion());
        assertEquals(List.of("no", "yes"), bundle.manifest().classes());
        FittedPipeline pipeline = FittedPipeline.fromJson(Files.readString(bundle.file(ModelBundle.PREPROCESSOR)));
        Table rows = CsvReader.read(GoldenRows.golden("rows.csv"), ReadOptions.defaults());
        List<String> warnings = new ArrayList<>();
        try (BundleSession session = BundleSession.open(bundle.file(ModelBundle.MODEL), "cpu", 1, warnings::add)) {
            BundleSession.Scores scores = session.score(GraphInputs.of(rows, pipeline));
            List<String> expected = Files.readAllLines(GoldenRows.golden("expected.csv"));
            assertEquals(expected.size() - 1, scores.rows());
            for (int row = 0; row < scores.rows(); row++) {
                String[] fields = expected.get(row + 1).split(",");
                assertEquals(fields[0], scores.labels()[row]);
                assertArrayEquals(new float[] {Float.parseFloat(fields[1]), Float.parseFloat(fields[2])},
                        scores.probabilities()[row], 1e-6f);
            }
        }
        assertTrue(warnings.isEmpty(), warnings::toString);
    }

    @Test
    void cudaFallsBackToTheCpuWithAWarningWhereItCannotLoad() throws URISyntaxException, IOException {
        List<String> warnings = new ArrayList<>();
        try (BundleSession session = BundleSession.open(GoldenRows.model(), "cuda:0", 1, warnings::add)) {
            // On a machine with a usable GPU the session runs there and says nothing.
            assertEquals(warnings.isEmpty() ? "cuda:0" : "cpu", session.device());
            warnings.forEach(w -> assertTrue(w.startsWith("cannot use cuda:0"), w));
        }
    }
}
