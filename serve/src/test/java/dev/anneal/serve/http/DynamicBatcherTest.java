package dev.anneal.serve.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.serve.runtime.BundleSession;
import dev.anneal.serve.runtime.GoldenRows;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests queued together are scored in one call, and each gets exactly its own rows' scores back: on worker
 * threads, and on a real Vert.x event loop.
 */
class DynamicBatcherTest {

    @Test
    void onWorkersQueuedRequestsShareACallAndGetTheirOwnScores() throws Exception {
        List<Map<String, Object>> requests = GoldenRows.singleRows();
        Path model = GoldenRows.model();
        List<int[]> calls = new CopyOnWriteArrayList<>();
        try (BundleSession session = BundleSession.open(model, "cpu", 1, w -> { });
                WorkerBatcher batcher = new WorkerBatcher("t", session, 1, 64, 50_000, 100,
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
        Map<String, Object> request = GoldenRows.singleRows().get(0);
        Path model = GoldenRows.model();
        try (BundleSession session = BundleSession.open(model, "cpu", 1, w -> { });
                WorkerBatcher batcher = new WorkerBatcher("t", session, 0, 64, 0, 2, (rows, count) -> { })) {
            batcher.submit(request, 1);
            batcher.submit(request, 1);
            HttpError error = assertThrows(HttpError.class, () -> batcher.submit(request, 1));
            assertEquals(503, error.status());
            assertTrue(error.getMessage().startsWith("overloaded"), error.getMessage());
        }
    }

    @Test
    void onAnEventLoopRequestsReadTogetherShareOneCall() throws Exception {
        List<Map<String, Object>> requests = GoldenRows.singleRows();
        Path model = GoldenRows.model();
        List<int[]> calls = new CopyOnWriteArrayList<>();
        Vertx vertx = Vertx.vertx();
        try (BundleSession session = BundleSession.open(model, "cpu", 1, w -> { });
                EventLoopBatcher batcher = new EventLoopBatcher(session, 64, 100,
                        (rows, count) -> calls.add(new int[] {rows, count}))) {
            CompletableFuture<List<CompletableFuture<BundleSession.Scores>>> submitted = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(ignored -> {
                List<CompletableFuture<BundleSession.Scores>> results = new ArrayList<>();
                requests.forEach(request -> results.add(batcher.submit(request, 1)));
                assertTrue(results.stream().noneMatch(CompletableFuture::isDone), "scored after the task, not in it");
                assertEquals(requests.size(), batcher.queued());
                submitted.complete(results);
            });
            List<CompletableFuture<BundleSession.Scores>> results = submitted.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < results.size(); i++) {
                BundleSession.Scores alone = session.score(requests.get(i));
                BundleSession.Scores batched = results.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(alone.labels()[0], batched.labels()[0]);
                assertArrayEquals(alone.probabilities()[0], batched.probabilities()[0], 1e-6f);
            }
            assertEquals(1, calls.size(), "one call for all the requests the loop read together");
            assertEquals(requests.size(), calls.get(0)[1]);
            assertEquals(0, batcher.queued());
            assertTrue(batcher.submit(requests.get(0), 1).isDone(), "off an event loop a request is scored at once");
            batcher.close();
            HttpError closed = assertThrows(HttpError.class, () -> batcher.submit(requests.get(0), 1));
            assertEquals(503, closed.status());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
