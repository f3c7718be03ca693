package dev.anneal.serve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's operations, each on a server of its own: readiness before the models load, the bearer
 * token, Prometheus metrics, the access log, hot reload under load without a failed request, the request
 * timeout, and a graceful shutdown that finishes the requests in flight.
 */
class ServerOperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** One golden row as a records request. */
    private static final String ROW = "{\"instances\": [{\"state\": \"KS\", \"account_length\": 128, \"area_code\": "
            + "\"area_code_415\", \"international_plan\": \"no\", \"voice_mail_plan\": \"yes\", \"total_day_minutes\": "
            + "265.1, \"number_customer_service_calls\": 1}]}";

    @TempDir
    Path tmp;

    private Path repository(String... versions) throws Exception {
        Path golden = Path.of(getClass().getResource("/golden/churn-linear/1").toURI());
        Path repository = Files.createDirectories(tmp.resolve("models"));
        for (String version : versions) {
            copy(golden, repository.resolve("churn").resolve(version));
        }
        return repository;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static InferenceServer.Options options(long queueDelayMicros, String token, List<String> log) {
        return options(2, queueDelayMicros, token, log);
    }

    private static InferenceServer.Options options(int workers, long queueDelayMicros, String token, List<String> log) {
        return new InferenceServer.Options("127.0.0.1", 0, "cpu", ServerTransport.AUTO, 1, workers, 1 << 20, 64,
                queueDelayMicros, 4096, 30_000, 0, token, log == null ? null : log::add);
    }

    private static HttpResponse<String> send(InferenceServer server, String method, String path, String body,
            String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void notReadyUntilTheModelsLoadAndStillLive() throws Exception {
        // An empty repository never becomes ready; the process stays live and says why.
        try (InferenceServer server = InferenceServer.start(Files.createDirectories(tmp.resolve("empty")),
                options(0, null, null), "test", w -> { })) {
            assertEquals(200, send(server, "GET", "/v2/health/live", null, null).statusCode());
            HttpResponse<String> ready = send(server, "GET", "/v2/health/ready", null, null);
            assertTrue(ready.statusCode() == 503, ready.body());
            assertEquals(503, send(server, "POST", "/v1/models/churn:predict", ROW, null).statusCode());
        }
    }

    @Test
    void aTokenIsRequiredWhereTheServerHasOneButNotForHealthAndMetrics() throws Exception {
        List<String> log = new ArrayList<>();
        try (InferenceServer server = InferenceServer.start(repository("1"), options(0, "s3cret", log), "test",
                w -> { })) {
            server.awaitReady();
            assertEquals(401, send(server, "POST", "/v1/models/churn:predict", ROW, null).statusCode());
            assertEquals(401, send(server, "POST", "/v1/models/churn:predict", ROW, "wrong").statusCode());
            assertEquals(401, send(server, "GET", "/v2/models/churn", null, null).statusCode());
            assertEquals(200, send(server, "POST", "/v1/models/churn:predict", ROW, "s3cret").statusCode());
            assertEquals(200, send(server, "GET", "/v2/health/ready", null, null).statusCode());
            HttpResponse<String> metrics = send(server, "GET", "/metrics", null, null);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("anneal_requests_total{code=\"401\",endpoint=\"predict\",model=\"churn\"} 2.0"),
                    metrics.body());
            assertTrue(metrics.body().contains("anneal_requests_total{code=\"401\",endpoint=\"model\",model=\"churn\"} 1.0"));
            assertTrue(metrics.body().contains("anneal_requests_total{code=\"200\",endpoint=\"predict\",model=\"churn\"} 1.0"));
            assertTrue(metrics.body().contains("anneal_request_latency_seconds_bucket"), "a latency histogram");
            assertTrue(metrics.body().contains("anneal_batch_rows_count{model=\"churn:1\"} 1"), metrics.body());
            assertTrue(metrics.body().contains("anneal_queue_depth{model=\"churn:1\"} 0.0"));
            assertTrue(log.stream().anyMatch(line -> line.contains(" POST /v1/models/churn:predict 401 ")), log::toString);
            assertTrue(log.stream().anyMatch(line -> line.contains(" POST /v1/models/churn:predict 200 ")));
        }
    }

    /** On worker threads (2) and on the event loops (auto, which picks them for this small model). */
    @ParameterizedTest
    @ValueSource(ints = {2, InferenceServer.Options.AUTO_WORKERS})
    void aNewVersionIsServedAndAnOldOneRetiredWithoutAFailedRequest(int workers) throws Exception {
        Path repository = repository("1");
        try (InferenceServer server = InferenceServer.start(repository, options(workers, 0, null, null), "test",
                w -> { })) {
            assertTrue(server.awaitReady().get(0).contains(workers == 2 ? "scored on 2 workers"
                    : "scored on the event loops"), server.awaitReady()::toString);
            Clients clients = new Clients(server, 4);
            Thread.sleep(300);
            copy(repository.resolve("churn/1"), repository.resolve("churn/2"));
            HttpResponse<String> load = send(server, "POST", "/v2/repository/models/churn/load", null, null);
            assertEquals(200, load.statusCode(), load.body());
            assertTrue(load.body().contains("loaded churn version 2"), load.body());
            Thread.sleep(300);
            deleteTree(repository.resolve("churn/1"));
            HttpResponse<String> retire = send(server, "POST", "/v2/repository/models/churn/load", null, null);
            assertTrue(retire.body().contains("retired churn version 1"), retire.body());
            Thread.sleep(300);
            List<String> versions = clients.stop();
            assertTrue(versions.size() > 20, versions.size() + " answers");
            assertTrue(versions.contains("1") && versions.contains("2"), "both versions answered");
            assertEquals("2", JSON.readTree(send(server, "POST", "/v1/models/churn:predict", ROW, null).body())
                    .get("model_version").asText());
            assertEquals(404, send(server, "GET", "/v2/models/churn/versions/1", null, null).statusCode());
            assertEquals(404, send(server, "POST", "/v2/repository/models/nope/load", null, null).statusCode());
        }
    }

    /** Clients that send records requests until stopped, keeping the version of each answer and every failure. */
    private static final class Clients {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> versions = new ConcurrentLinkedQueue<>();
        private final ExecutorService threads;

        Clients(InferenceServer server, int count) {
            threads = Executors.newFixedThreadPool(count);
            for (int i = 0; i < count; i++) {
                threads.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> reply = send(server, "POST", "/v1/models/churn:predict", ROW, null);
                            if (reply.statusCode() != 200) {
                                failures.add(reply.statusCode() + " " + reply.body());
                            } else {
                                versions.add(JSON.readTree(reply.body()).get("model_version").asText());
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                });
            }
        }

        /** Stops the clients; asserts that no request failed and returns the version of each answer. */
        List<String> stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
            assertTrue(failures.isEmpty(), () -> failures.size() + " failed: " + failures.peek());
            return List.copyOf(versions);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void aRequestWaitingLongerThanTheTimeoutGets503() throws Exception {
        // A batch waits 300 ms for company; the request may wait 50 ms.
        InferenceServer.Options options = new InferenceServer.Options("127.0.0.1", 0, "cpu", ServerTransport.AUTO, 1, 1,
                1 << 20, 64, 300_000, 4096, 50, 0, null, null);
        try (InferenceServer server = InferenceServer.start(repository("1"), options, "test", w -> { })) {
            server.awaitReady();
            long start = System.nanoTime();
            HttpResponse<String> reply = send(server, "POST", "/v1/models/churn:predict", ROW, null);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(503, reply.statusCode(), reply.body());
            assertEquals("{\"error\":\"timed out after 50 ms waiting for the model\"}", reply.body());
            assertTrue(millis < 300, "answered after " + millis + " ms, before its batch ran");
            assertTrue(send(server, "GET", "/metrics", null, null).body()
                    .contains("anneal_requests_total{code=\"503\",endpoint=\"predict\",model=\"churn\"} 1.0"));
        }
    }

    @Test
    void closingFinishesTheRequestsInFlight() throws Exception {
        // Each batch waits 300 ms for company, so the requests are still queued when the server closes.
        InferenceServer server = InferenceServer.start(repository("1"), options(300_000, null, null), "test", w -> { });
        server.awaitReady();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(clients.submit(() -> send(server, "POST", "/v1/models/churn:predict", ROW, null)));
            }
            Thread.sleep(100);
            server.close();
            for (Future<HttpResponse<String>> reply : replies) {
                HttpResponse<String> response = reply.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                JsonNode body = JSON.readTree(response.body());
                assertEquals("no", body.get("predictions").get(0).get("label").asText());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Every transport this machine can run serves the same answers; {@code auto} takes the first of them. */
    @ParameterizedTest
    @EnumSource(ServerTransport.class)
    void servesOnEveryTransportThisMachineHas(ServerTransport transport) throws Exception {
        assumeTrue(transport.transport().available(), transport + " is not available here");
        InferenceServer.Options options = new InferenceServer.Options("127.0.0.1", 0, "cpu", transport.label(), 1,
                InferenceServer.Options.AUTO_WORKERS, 1 << 20, 64, 0, 4096, 30_000, 0, null, null);
        try (InferenceServer server = InferenceServer.start(repository("1"), options, "test", w -> { })) {
            server.awaitReady();
            assertEquals(transport, server.transport());
            HttpResponse<String> reply = send(server, "POST", "/v1/models/churn:predict", ROW, null);
            assertEquals(200, reply.statusCode(), reply.body());
            assertEquals("no", JSON.readTree(reply.body()).get("predictions").get(0).get("label").asText());
        }
        ServerTransport first = Arrays.stream(ServerTransport.values()).filter(t -> t.transport().available())
                .findFirst().orElseThrow();
        assertEquals(first, ServerTransport.choose(ServerTransport.AUTO));
        AnnealException unknown = assertThrows(AnnealException.class, () -> ServerTransport.choose("kqueue"));
        assertEquals("--transport: expected auto or one of [io_uring, epoll, nio], got 'kqueue'", unknown.getMessage());
    }

    private static long millisToAnswer(InferenceServer server, String model) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> reply = send(server, "POST", "/v1/models/" + model + ":predict", ROW, null);
        assertEquals(200, reply.statusCode(), reply.body());
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void aModelsServingYamlOverridesTheServersSettingsForThatModelOnly() throws Exception {
        Path repository = repository("1");
        copy(repository.resolve("churn/1"), repository.resolve("patient/1"));
        Files.writeString(repository.resolve("patient/serving.yaml"),
                "workers: 1\nmax_queue_delay_us: 300000\nmax_batch_size: 8\n");
        try (InferenceServer server = InferenceServer.start(repository, options(InferenceServer.Options.AUTO_WORKERS, 0,
                null, null), "test", w -> { })) {
            List<String> loaded = server.awaitReady();
            assertTrue(loaded.get(0).startsWith("churn version 1") && loaded.get(0).endsWith(
                    "scored on the event loops, up to 64 rows a call)"), loaded::toString);
            assertTrue(loaded.get(1).startsWith("patient version 1") && loaded.get(1).endsWith(
                    "scored on 1 worker, up to 8 rows a call after waiting up to 300000 us)"), loaded::toString);
            long patient = millisToAnswer(server, "patient");
            assertTrue(patient >= 290, "a lone request waits for company: " + patient + " ms");
            long churn = millisToAnswer(server, "churn");
            assertTrue(churn < 290, "the other model never waits: " + churn + " ms");
        }
    }

    @Test
    void aChangedServingYamlReloadsTheModelWithoutAFailedRequest() throws Exception {
        Path repository = repository("1");
        Path settings = repository.resolve("churn/serving.yaml");
        try (InferenceServer server = InferenceServer.start(repository, options(InferenceServer.Options.AUTO_WORKERS, 0,
                null, null), "test", w -> { })) {
            server.awaitReady();
            Clients clients = new Clients(server, 4);
            Thread.sleep(200);
            Files.writeString(settings, "workers: 1\nmax_queue_delay_us: 300000\n");
            HttpResponse<String> load = send(server, "POST", "/v2/repository/models/churn/load", null, null);
            assertEquals("{\"name\":\"churn\",\"changes\":[\"reloaded churn version 1 with its changed "
                    + "serving.yaml\"]}", load.body());
            Thread.sleep(700);
            assertTrue(clients.stop().size() > 4, "answered before and after the reload");
            assertTrue(millisToAnswer(server, "churn") >= 290, "the new settings hold");
            HttpResponse<String> again = send(server, "POST", "/v2/repository/models/churn/load", null, null);
            assertEquals("{\"name\":\"churn\",\"changes\":[]}", again.body(), "unchanged: no reload");

            Files.writeString(settings, "workers: 1\nmax_queue_delay: 5\n");
            HttpResponse<String> wrong = send(server, "POST", "/v2/repository/models/churn/load", null, null);
            assertEquals(400, wrong.statusCode(), wrong.body());
            assertTrue(wrong.body().contains(settings + ": max_queue_delay: unknown key; did you mean "
                    + "'max_queue_delay_us'?"), wrong.body());
            assertTrue(millisToAnswer(server, "churn") >= 290, "a wrong file leaves the model as it was");

            Files.delete(settings);
            assertTrue(send(server, "POST", "/v2/repository/models/churn/load", null, null).body()
                    .contains("reloaded churn version 1"));
            assertTrue(millisToAnswer(server, "churn") < 290, "back to the server's settings");
            assertTrue(send(server, "GET", "/metrics", null, null).body()
                    .contains("anneal_queue_depth{model=\"churn:1\"}"), "the queue gauge outlives the reloads");
        }
    }

    @Test
    void aWrongServingYamlStopsTheServerFromStarting() throws Exception {
        Path repository = repository("1");
        Path settings = Files.writeString(repository.resolve("churn/serving.yaml"), "max_batch_size: 0\n");
        try (InferenceServer server = InferenceServer.start(repository, options(0, null, null), "test", w -> { })) {
            AnnealException e = assertThrows(AnnealException.class, server::awaitReady);
            assertEquals(settings + ": max_batch_size: must be in [1, 2147483647], got 0", e.getMessage());
        }
    }
}
