package dev.anneal.serve.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.data.CsvReader;
import dev.anneal.core.data.ReadOptions;
import dev.anneal.core.data.Table;
import dev.anneal.core.features.FittedPipeline;
import dev.anneal.serve.runtime.BundleSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Requests queued together are scored in one call, and each gets exactly its own rows' scores back. */
class DynamicBatcherTest {

    private static Path golden(String name) throws Exception {
        return Path.of(DynamicBatcherTest.class.getResource("/golden/" + name).toURI());
    }

    /** One request per golden row: the graph inputs of that row alone. */
    private static List<Map<String, Object>> singleRows() throws Exception {
        ModelBundle bundle = ModelBundle.read(golden("churn-linear/1"));
        FittedPipeline pipeline = FittedPipeline.fromJson(Files.readString(bundle.file(ModelBundle.PREPROCESSOR)));
        Table rows = CsvReader.read(golden("rows.csv"), ReadOptions.defaults());
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int row = 0; row < rows.rowCount(); row++) {
            requests.add(GraphInputs.of(rows.select(new int[] {row}), pipeline));
        }
        return requests;
    }

    @Test
    void queuedRequestsShareACallAndGetTheirOwnScores() throws Exception {
        List<Map<String, Object>> requests = singleRows();
        Path model = golden("churn-linear/1").resolve(ModelBundle.MODEL);
        List<int[]> calls = new CopyOnWriteArrayList<>();
        try (BundleSession session = BundleSession.open(model, "cpu", 1, w -> { });
                DynamicBatcher batcher = new DynamicBatcher("t", session, 1, 64, 50_000, 100,
                        (rows, count) -> calls.add(new int[] {rows, count}))) {
            List<CompletableFuture<BundleSession.Scores>> results = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (Map<String, Object> request : requests) {
                    results.add(batcher.submit(request, 1));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                BundleSession.Scores alone = session.score(requests.get(i % requests.size()));
                BundleSession.Scores batched = results.get(i).get();
                assertEquals(1, batched.rows());
                assertEquals(alone.labels()[0], batched.labels()[0]);
                assertArrayEquals(alone.probabilities()[0], batched.probabilities()[0], 1e-6f);
            }
            assertTrue(calls.stream().anyMatch(call -> call[1] > 1), "some calls joined requests");
            assertEquals(results.size(), calls.stream().mapToInt(call -> call[1]).sum());
            assertTrue(calls.stream().allMatch(call -> call[0] <= 64), "no call above the batch limit");
        }
    }

    @Test
    void aFullQueueRefusesWith503() throws Exception {
        Map<String, Object> request = singleRows().get(0);
        Path model = golden("churn-linear/1").resolve(ModelBundle.MODEL);
        try (BundleSession session = BundleSession.open(model, "cpu", 1, w -> { });
                DynamicBatcher batcher = new DynamicBatcher("t", session, 0, 64, 0, 2, (rows, count) -> { })) {
            batcher.submit(request, 1);
            batcher.submit(request, 1);
            HttpError error = assertThrows(HttpError.class, () -> batcher.submit(request, 1));
            assertEquals(503, error.status());
            assertTrue(error.getMessage().startsWith("overloaded"), error.getMessage());
        }
    }
}
