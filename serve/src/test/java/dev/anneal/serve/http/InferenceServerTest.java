package dev.anneal.serve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.serve.runtime.GoldenRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Open Inference Protocol server, for real: the golden churn bundle in a model repository, a server on a
 * free loopback port, and HTTP from this test. Expected scores are the golden bundle's recorded ones.
 */
class InferenceServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;
    static InferenceServer server;
    static List<String> header;
    static List<String[]> rows = new ArrayList<>();
    static List<String[]> expected = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path repository = Files.createDirectories(tmp.resolve("models"));
        copy(GoldenRows.golden("churn-linear"), repository.resolve("churn-linear"));
        List<String> lines = Files.readAllLines(GoldenRows.golden("rows.csv"));
        header = List.of(lines.get(0).replace("\"", "").split(","));
        lines.subList(1, lines.size()).forEach(line -> rows.add(line.replace("\"", "").split(",")));
        List<String> scores = Files.readAllLines(GoldenRows.golden("expected.csv"));
        scores.subList(1, scores.size()).forEach(line -> expected.add(line.split(",")));
        server = InferenceServer.start(repository, new InferenceServer.Options("127.0.0.1", 0, "cpu",
                ServerTransport.AUTO, 1, InferenceServer.Options.AUTO_WORKERS, 1 << 20, 64, 0, 4096, 30_000, 0, null,
                null), "test", warning -> { });
        server.awaitReady();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Reply(int status, JsonNode body) {
    }

    private static Reply send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        boolean json = response.headers().firstValue("content-type").orElse("").startsWith("application/json");
        return new Reply(response.statusCode(), json ? JSON.readTree(response.body()) : null);
    }

    private static Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private static Reply post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body instanceof String text ? text : JSON.writeValueAsString(body));
    }

    /** A V2 request for {@code count} golden rows from {@code from}, flat, or nested as [[v], [v], ...]. */
    private static ObjectNode request(int from, int count, boolean nested) {
        ObjectNode request = JSON.createObjectNode();
        request.put("id", "req-" + from);
        ArrayNode inputs = request.putArray("inputs");
        for (int c = 0; c < header.size() - 1; c++) {
            String column = header.get(c);
            boolean numeric = isNumeric(c);
            ObjectNode tensor = inputs.addObject();
            tensor.put("name", column);
            tensor.put("datatype", numeric ? "FP64" : "BYTES");
            tensor.putArray("shape").add(count).add(1);
            ArrayNode data = tensor.putArray("data");
            for (int r = from; r < from + count; r++) {
                ArrayNode target = nested ? data.addArray() : data;
                String value = rows.get(r)[c];
                if (numeric) {
                    target.add(Double.parseDouble(value));
                } else {
                    target.add(value);
                }
            }
        }
        return request;
    }

    private static boolean isNumeric(int column) {
        try {
            Double.parseDouble(rows.get(0)[column]);
            return !header.get(column).equals("area_code");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void assertScores(JsonNode response, int from, int count) {
        JsonNode outputs = response.get("outputs");
        JsonNode labels = outputs.get(0);
        JsonNode probabilities = outputs.get(1);
        assertEquals("label", labels.get("name").asText());
        assertEquals("BYTES", labels.get("datatype").asText());
        assertEquals(List.of(count), JSON.convertValue(labels.get("shape"), List.class));
        assertEquals("probabilities", probabilities.get("name").asText());
        assertEquals(List.of(count, 2), JSON.convertValue(probabilities.get("shape"), List.class));
        for (int r = 0; r < count; r++) {
            String[] want = expected.get(from + r);
            assertEquals(want[0], labels.get("data").get(r).asText(), "label of row " + (from + r));
            assertEquals(Float.parseFloat(want[2]), probabilities.get("data").get(2 * r + 1).floatValue(), 1e-6f);
        }
    }

    @Test
    void healthAndMetadata() throws Exception {
        assertEquals(200, get("/v2/health/live").status());
        assertEquals(200, get("/v2/health/ready").status());
        Reply server = get("/v2");
        assertEquals("anneal", server.body().get("name").asText());
        assertEquals("[\"binary_tensor_data\"]", server.body().get("extensions").toString());
        Reply model = get("/v2/models/churn-linear");
        assertEquals(200, model.status());
        assertEquals("onnx_onnxv1", model.body().get("platform").asText());
        assertEquals("[\"1\"]", model.body().get("versions").toString());
        JsonNode first = model.body().get("inputs").get(0);
        assertEquals("state", first.get("name").asText());
        assertEquals("BYTES", first.get("datatype").asText());
        assertEquals("[-1,1]", first.get("shape").toString());
        assertEquals("FP64", model.body().get("inputs").get(1).get("datatype").asText());
        assertEquals("[-1,2]", model.body().get("outputs").get(1).get("shape").toString());
        assertEquals(200, get("/v2/models/churn-linear/versions/1").status());
        assertEquals(200, get("/v2/models/churn-linear/ready").status());
        assertEquals(200, get("/v2/models/churn-linear/versions/1/ready").status());
    }

    @Test
    void inferFlatAndNestedGiveTheRecordedScores() throws Exception {
        Reply flat = post("/v2/models/churn-linear/infer", request(0, 10, false));
        assertEquals(200, flat.status(), () -> flat.body().toString());
        assertEquals("req-0", flat.body().get("id").asText());
        assertEquals("churn-linear", flat.body().get("model_name").asText());
        assertEquals("1", flat.body().get("model_version").asText());
        assertScores(flat.body(), 0, 10);
        Reply nested = post("/v2/models/churn-linear/versions/1/infer", request(3, 7, true));
        assertEquals(200, nested.status(), () -> nested.body().toString());
        assertScores(nested.body(), 3, 7);
    }

    /** Triton's binary extension both ways: numbers and strings in as bytes, label and probabilities out. */
    @Test
    void binaryTensorDataRoundTrips() throws Exception {
        int count = 4;
        ObjectNode request = request(2, count, false);
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        for (int c = 0; c < header.size() - 1; c++) {
            ObjectNode tensor = (ObjectNode) request.get("inputs").get(c);
            if (c % 2 == 1) {
                continue; // every other input stays JSON
            }
            tensor.remove("data");
            ByteBuffer bytes = ByteBuffer.allocate(1 << 12).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 2; r < 2 + count; r++) {
                String value = rows.get(r)[c];
                if (isNumeric(c)) {
                    bytes.putDouble(Double.parseDouble(value));
                } else {
                    byte[] text = value.getBytes(StandardCharsets.UTF_8);
                    bytes.putInt(text.length).put(text);
                }
            }
            tensor.putObject("parameters").put("binary_data_size", bytes.position());
            binary.write(bytes.array(), 0, bytes.position());
        }
        request.putObject("parameters").put("binary_data_output", true);
        byte[] json = JSON.writeValueAsBytes(request);
        byte[] body = new byte[json.length + binary.size()];
        System.arraycopy(json, 0, body, 0, json.length);
        System.arraycopy(binary.toByteArray(), 0, body, json.length, binary.size());
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/v2/models/churn-linear/infer")).header("Inference-Header-Content-Length",
                        Integer.toString(json.length)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), () -> new String(response.body()));
        int headerLength = Integer.parseInt(response.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
        JsonNode answer = JSON.readTree(Arrays.copyOf(response.body(), headerLength));
        ByteBuffer data = ByteBuffer.wrap(response.body(), headerLength,
                response.body().length - headerLength).order(ByteOrder.LITTLE_ENDIAN);
        JsonNode labels = answer.get("outputs").get(0);
        assertEquals("label", labels.get("name").asText());
        assertTrue(labels.get("data") == null, "binary outputs carry no JSON data");
        for (int r = 0; r < count; r++) {
            byte[] label = new byte[data.getInt()];
            data.get(label);
            assertEquals(expected.get(2 + r)[0], new String(label, StandardCharsets.UTF_8));
        }
        assertEquals(count * 2 * 4, answer.get("outputs").get(1).get("parameters").get("binary_data_size").asInt());
        for (int r = 0; r < count; r++) {
            assertEquals(Float.parseFloat(expected.get(2 + r)[1]), data.getFloat(), 1e-6f);
            assertEquals(Float.parseFloat(expected.get(2 + r)[2]), data.getFloat(), 1e-6f);
        }
        assertEquals(0, data.remaining());
        // A binary_data_size that the bytes do not hold is a 400, not a crash.
        ((ObjectNode) request.get("inputs").get(0).get("parameters")).put("binary_data_size", 1 << 20);
        byte[] badJson = JSON.writeValueAsBytes(request);
        HttpResponse<String> bad = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/v2/models/churn-linear/infer")).header("Inference-Header-Content-Length",
                        Integer.toString(badJson.length)).POST(HttpRequest.BodyPublishers.ofByteArray(badJson)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("binary_data_size 1048576 but 0 bytes of binary data are left"), bad.body());
    }

    @Test
    void outputsCanBeChosen() throws Exception {
        ObjectNode request = request(0, 3, false);
        request.putArray("outputs").addObject().put("name", "probabilities");
        Reply reply = post("/v2/models/churn-linear/infer", request);
        assertEquals(200, reply.status());
        assertEquals(1, reply.body().get("outputs").size());
        assertEquals("probabilities", reply.body().get("outputs").get(0).get("name").asText());
    }

    @Test
    void recordsEndpointAppliesTheBundle() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode instances = body.putArray("instances");
        for (int r = 0; r < 4; r++) {
            ObjectNode instance = instances.addObject();
            for (int c = 0; c < header.size() - 1; c++) {
                instance.put(header.get(c), rows.get(r)[c]);
            }
        }
        ((ObjectNode) instances.get(3)).putNull("total_day_minutes");
        Reply reply = post("/v1/models/churn-linear:predict", body);
        assertEquals(200, reply.status(), () -> reply.body().toString());
        assertEquals(0.23003224351195445, reply.body().get("threshold").asDouble(), 1e-12);
        for (int r = 0; r < 3; r++) {
            JsonNode prediction = reply.body().get("predictions").get(r);
            assertEquals(expected.get(r)[0], prediction.get("label").asText());
            assertEquals(Float.parseFloat(expected.get(r)[2]), prediction.get("probabilities").get("yes").floatValue(),
                    1e-6f);
        }
        assertTrue(reply.body().get("predictions").get(3).get("probabilities").get("yes").isNumber(),
                "a missing number is imputed by the bundle");
    }

    @Test
    void badRequestsAre400WithTheReason() throws Exception {
        ObjectNode wrongLength = request(0, 3, false);
        ((ObjectNode) wrongLength.get("inputs").get(1)).putArray("shape").add(4).add(1);
        assertError(post("/v2/models/churn-linear/infer", wrongLength), 400, "'data' holds 3 values but shape [4,1]");
        ObjectNode nullString = request(0, 2, false);
        ((ArrayNode) nullString.get("inputs").get(0).get("data")).set(1, JSON.nullNode());
        assertError(post("/v2/models/churn-linear/infer", nullString), 400, "input 'state', value 1: expected a string");
        ObjectNode wrongType = request(0, 2, false);
        ((ObjectNode) wrongType.get("inputs").get(1)).put("datatype", "BYTES");
        assertError(post("/v2/models/churn-linear/infer", wrongType), 400, "datatype 'BYTES' does not fit");
        ObjectNode textNumber = request(0, 2, false);
        ((ObjectNode) textNumber.get("inputs").get(1)).putArray("data").add("ten").add(1);
        assertError(post("/v2/models/churn-linear/infer", textNumber), 400, "expected a number");
        ObjectNode missing = request(0, 2, false);
        ((ArrayNode) missing.get("inputs")).remove(2);
        assertError(post("/v2/models/churn-linear/infer", missing), 400, "input 'area_code' is missing");
        ObjectNode unknown = request(0, 1, false);
        ((ObjectNode) unknown.get("inputs").get(0)).put("name", "nope");
        assertError(post("/v2/models/churn-linear/infer", unknown), 400, "the model has no such input");
        assertError(post("/v2/models/churn-linear/infer", "{not json"), 400, "not valid JSON");
        assertError(post("/v2/models/churn-linear/infer", "[1, 2]"), 400, "JSON object");
        ObjectNode badRecord = JSON.createObjectNode();
        badRecord.putArray("instances").addObject().put("colour", "red");
        assertError(post("/v1/models/churn-linear:predict", badRecord), 400, "unknown field 'colour'");
        ObjectNode badNumber = JSON.createObjectNode();
        badNumber.putArray("instances").addObject().put("total_day_minutes", "lots");
        assertError(post("/v1/models/churn-linear:predict", badNumber), 400,
                "column 'total_day_minutes': expected a number, got 'lots'");
    }

    @Test
    void unknownModelsVersionsAndPathsAre404() throws Exception {
        assertError(get("/v2/models/nope"), 404, "unknown model 'nope'");
        assertError(post("/v2/models/nope/infer", request(0, 1, false)), 404, "unknown model 'nope'");
        assertError(get("/v2/models/churn-linear/versions/7"), 404, "has no version '7'");
        assertError(get("/v3/anything"), 404, "no such endpoint");
        assertError(send("DELETE", "/v2/models/churn-linear", null), 405, "use GET");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        assertError(post("/v2/models/churn-linear/infer", "[" + "1,".repeat(600_000) + "1]"), 413, "limit");
    }

    @Test
    void malformedAndHostileBodiesNeverBringTheServerDown() throws Exception {
        List<String> bodies = List.of("", "null", "{}", "{\"inputs\": null}", "{\"inputs\": [null]}",
                "{\"inputs\": [{\"name\": null}]}", "{\"inputs\": [{\"name\": \"state\", \"datatype\": \"BYTES\","
                        + " \"shape\": [1, 1], \"data\": [null]}]}",
                "{\"inputs\": [{\"name\": \"state\", \"datatype\": \"BYTES\", \"shape\": [-1], \"data\": []}]}",
                "{\"inputs\": [{\"name\": \"state\", \"datatype\": \"BYTES\", \"shape\": [1e20], \"data\": []}]}",
                "[".repeat(5_000) + "]".repeat(5_000), "{\"instances\": [[[[[]]]]]}", "{\"instances\": [null]}",
                "\u0000\u0001\u0002", "{\"inputs\": [{\"name\": \"state\", \"datatype\": \"BYTES\", \"shape\": [2],"
                        + " \"data\": [[[[[[[[[[[[\"x\"]]]]]]]]]]]]}]}");
        for (String path : List.of("/v2/models/churn-linear/infer", "/v1/models/churn-linear:predict")) {
            for (String body : bodies) {
                Reply reply = post(path, body);
                assertEquals(400, reply.status(), path + " " + body.substring(0, Math.min(60, body.length())));
                assertTrue(reply.body().get("error").isTextual());
            }
        }
        assertEquals(200, get("/v2/health/ready").status(), "still up");
        assertScores(post("/v2/models/churn-linear/infer", request(0, 2, false)).body(), 0, 2);
    }

    /**
     * A bounded fuzz: valid requests with random parts replaced by nulls, wrong types, huge strings and deep
     * nesting, sent to every endpoint with every method. Nothing may answer 500, and the server stays up.
     */
    @Test
    void fuzzedRequestsToEveryEndpointNeverBreakTheServer() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        List<String> paths = List.of("/v2", "/v2/health/live", "/v2/health/ready", "/v2/models/churn-linear",
                "/v2/models/churn-linear/versions/1", "/v2/models/churn-linear/ready", "/v2/models/churn-linear/infer",
                "/v2/models/churn-linear/versions/1/infer", "/v1/models/churn-linear:predict", "/metrics",
                "/v2/repository/models/churn-linear/load", "/v2/models/%00/infer", "/v2//models");
        for (int i = 0; i < 300; i++) {
            JsonNode body = mutate(request(random.nextInt(8), 2, random.nextBoolean()), random, 0);
            String path = paths.get(random.nextInt(paths.size()));
            String method = random.nextBoolean() ? "POST" : random.nextBoolean() ? "GET" : "PUT";
            String text = JSON.writeValueAsString(body);
            Reply reply;
            try {
                reply = send(method, path, random.nextInt(10) == 0 ? text.substring(0, text.length() / 2) : text);
            } catch (IllegalArgumentException e) {
                continue; // a path the client itself refuses to send
            }
            assertTrue(reply.status() < 500, () -> method + " " + path + " answered " + reply.status() + ": "
                    + reply.body());
        }
        assertEquals(200, get("/v2/health/ready").status());
        assertScores(post("/v2/models/churn-linear/infer", request(0, 3, false)).body(), 0, 3);
    }

    /** {@code node} with, at random, parts replaced by a null, a wrong type, a huge string or deep nesting. */
    private static JsonNode mutate(JsonNode node, SplittableRandom random, int depth) {
        if (random.nextInt(6) == 0 || depth > 6) {
            return switch (random.nextInt(6)) {
                case 0 -> JSON.nullNode();
                case 1 -> JSON.getNodeFactory().numberNode(random.nextInt() * 1e300);
                case 2 -> JSON.getNodeFactory().textNode("x".repeat(random.nextInt(100_000)));
                case 3 -> JSON.getNodeFactory().booleanNode(true);
                case 4 -> {
                    ArrayNode deep = JSON.createArrayNode();
                    ArrayNode at = deep;
                    for (int i = 0; i < 200; i++) {
                        at = at.addArray();
                    }
                    yield deep;
                }
                default -> JSON.createObjectNode().set("inputs", JSON.nullNode());
            };
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), mutate(field.getValue(), random, depth + 1)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(mutate(element, random, depth + 1)));
            return copy;
        }
        return node;
    }

    @Test
    void concurrentRequestsGetTheirOwnScores() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int from = i % 8;
                replies.add(clients.submit(() -> post("/v2/models/churn-linear/infer", request(from, 3, false))));
            }
            for (int i = 0; i < replies.size(); i++) {
                Reply reply = replies.get(i).get();
                assertEquals(200, reply.status());
                assertEquals("req-" + (i % 8), reply.body().get("id").asText());
                assertScores(reply.body(), i % 8, 3);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static void assertError(Reply reply, int status, String fragment) {
        assertEquals(status, reply.status(), () -> String.valueOf(reply.body()));
        String error = reply.body().get("error").asText();
        assertTrue(error.contains(fragment), () -> "'" + fragment + "' not in: " + error);
    }
}
