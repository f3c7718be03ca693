package dev.anneal.serve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.core.AnnealException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * {@code anneal serve}: an HTTP server on Vert.x core that speaks the Open Inference Protocol (KServe V2)
 * REST dialect for every bundle of a model repository, plus a records endpoint for people
 * ({@code POST /v1/models/{m}:predict}). Paths are matched by hand, off any router. Inference runs on
 * Vert.x's worker pool (sized to the cores); the event loops only parse and answer.
 *
 * <p>The server listens at once and loads the models in the background: {@code /v2/health/live} answers
 * 200 from the start, {@code /v2/health/ready} and every model endpoint 503 until every bundle is loaded
 * and has scored a warm-up row. Errors are {@code {"error": "..."}} with 400 (bad request), 404 (unknown
 * model, version or path), 405 (wrong method), 413 (body over the limit) or 503 (not ready).
 */
public final class InferenceServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How the server runs.
     *
     * @param threads ONNX Runtime's intra-op threads per model
     * @param maxBatchRows the most rows dynamic batching joins into one ONNX Runtime call
     * @param maxQueueDelayMicros how long a batch waits for more requests (0: never)
     * @param maxQueue the most requests waiting per model before new ones get 503
     */
    public record Options(String host, int port, String device, int threads, long maxBodyBytes, int maxBatchRows,
            long maxQueueDelayMicros, int maxQueue) {

        /** Loopback, port 8080, CPU, one ONNX Runtime thread, 64 MiB bodies, batches of up to 256 rows, no wait. */
        public static Options defaults() {
            return new Options("127.0.0.1", 8080, "cpu", 1, 64L << 20, 256, 0, 4096);
        }
    }

    /** Bodies up to this size are parsed on the event loop; larger ones on a worker. */
    private static final int INLINE_BODY_BYTES = 64 << 10;

    private final Vertx vertx;
    private final HttpServer server;
    private final String version;
    private final CompletableFuture<ModelRepository> models = new CompletableFuture<>();

    private InferenceServer(Vertx vertx, HttpServer server, String version) {
        this.vertx = vertx;
        this.server = server;
        this.version = version;
    }

    /**
     * Starts listening on {@code options}' host and port (0 picks a free one), then loads the bundles under
     * {@code repository} in the background. {@code warnings} hears a CUDA fallback; {@code version} is
     * what {@code GET /v2} reports.
     *
     * @throws AnnealException when the port cannot be bound
     */
    public static InferenceServer start(Path repository, Options options, String version, Consumer<String> warnings) {
        int cores = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setWorkerPoolSize(cores)
                .setEventLoopPoolSize(cores));
        HttpServer http = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port())
                .setTcpNoDelay(true).setCompressionSupported(false));
        InferenceServer server = new InferenceServer(vertx, http, version);
        http.requestHandler(request -> server.handle(request, options.maxBodyBytes()));
        try {
            http.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new AnnealException("interrupted while binding " + options.host() + ":" + options.port(), e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            vertx.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new AnnealException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + cause.getMessage(), e);
        }
        ServedModel.Settings settings = new ServedModel.Settings(options.device(), options.threads(), cores,
                options.maxBatchRows(), options.maxQueueDelayMicros(), options.maxQueue(), (rows, requests) -> { });
        vertx.<ModelRepository>executeBlocking(() -> ModelRepository.load(repository, settings, warnings))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        server.models.complete(result.result());
                    } else {
                        server.models.completeExceptionally(result.cause());
                    }
                });
        return server;
    }

    /** The port the server listens on. */
    public int port() {
        return server.actualPort();
    }

    /** Whether the native epoll transport is in use (else Java NIO). */
    public boolean nativeTransport() {
        return vertx.isNativeTransportEnabled();
    }

    /**
     * Waits until the models are loaded and warmed up; returns a line per loaded model version.
     *
     * @throws AnnealException with the reason when loading failed
     */
    public List<String> awaitReady() {
        try {
            return models.get().all().stream()
                    .map(m -> m.name() + " version " + m.version() + " (" + m.manifest().candidate().get("type")
                            + ", " + m.device() + ")")
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnnealException("interrupted while loading the models", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AnnealException a ? a
                    : new AnnealException("cannot load the models: " + e.getCause(), e.getCause());
        }
    }

    private ModelRepository readyModels() {
        if (models.isCompletedExceptionally()) {
            throw new HttpError(503, "the models failed to load");
        }
        ModelRepository repository = models.getNow(null);
        if (repository == null) {
            throw new HttpError(503, "the models are still loading");
        }
        return repository;
    }

    private void handle(HttpServerRequest request, long maxBody) {
        String length = request.getHeader("content-length");
        Buffer body = Buffer.buffer();
        // Over the limit, the body is read and dropped, and the answer is 413 once it has arrived.
        boolean[] tooLarge = {length != null && parseLength(length) > maxBody};
        request.handler(chunk -> {
            if (!tooLarge[0]) {
                if (body.length() + chunk.length() > maxBody) {
                    tooLarge[0] = true;
                } else {
                    body.appendBuffer(chunk);
                }
            }
        });
        request.exceptionHandler(error -> { });
        request.endHandler(end -> {
            if (tooLarge[0]) {
                reply(request, new HttpError(413, "the body is larger than the server's limit of " + maxBody + " bytes"));
                return;
            }
            try {
                route(request, body);
            } catch (HttpError e) {
                reply(request, e);
            } catch (RuntimeException e) {
                reply(request, new HttpError(500, "internal error: " + e));
            }
        });
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Dispatches on the path's segments. */
    private void route(HttpServerRequest request, Buffer body) {
        String path = request.path();
        String[] parts = path.length() > 1 && path.endsWith("/") ? path.substring(1, path.length() - 1).split("/")
                : path.substring(1).split("/");
        if (path.startsWith("/v1/models/") && parts.length == 3 && parts[2].endsWith(":predict")) {
            requireMethod(request, HttpMethod.POST);
            String name = parts[2].substring(0, parts[2].length() - ":predict".length());
            score(request, body, readyModels().get(name, null), OpenInference::records);
            return;
        }
        if (parts.length == 0 || !parts[0].equals("v2")) {
            throw HttpError.notFound("no such endpoint: " + path);
        }
        if (parts.length == 1) {
            requireMethod(request, HttpMethod.GET);
            reply(request, 200, OpenInference.serverMetadata(version));
            return;
        }
        if (parts.length == 3 && parts[1].equals("health")) {
            requireMethod(request, HttpMethod.GET);
            if (parts[2].equals("live")) {
                reply(request, 200, JsonNodeFactory.instance.objectNode().put("live", true));
                return;
            }
            if (parts[2].equals("ready")) {
                readyModels();
                reply(request, 200, JsonNodeFactory.instance.objectNode().put("ready", true));
                return;
            }
        }
        if (parts.length >= 3 && parts[1].equals("models")) {
            String name = parts[2];
            int at = 3;
            String versionName = null;
            if (parts.length >= 5 && parts[3].equals("versions")) {
                versionName = parts[4];
                at = 5;
            }
            String action = parts.length > at ? parts[at] : null;
            if (parts.length > at + 1) {
                throw HttpError.notFound("no such endpoint: " + path);
            }
            ModelRepository repository = readyModels();
            ServedModel model = repository.get(name, versionName);
            if (action == null) {
                requireMethod(request, HttpMethod.GET);
                reply(request, 200, OpenInference.modelMetadata(model, repository.versions().get(name)));
                return;
            }
            if (action.equals("ready")) {
                requireMethod(request, HttpMethod.GET);
                reply(request, 200, JsonNodeFactory.instance.objectNode().put("name", model.name())
                        .put("ready", true));
                return;
            }
            if (action.equals("infer")) {
                requireMethod(request, HttpMethod.POST);
                score(request, body, model, OpenInference::infer);
                return;
            }
        }
        throw HttpError.notFound("no such endpoint: " + path);
    }

    private static void requireMethod(HttpServerRequest request, HttpMethod method) {
        if (!request.method().equals(method)) {
            throw new HttpError(405, request.method() + " " + request.path() + ": use " + method);
        }
    }

    private static JsonNode parse(Buffer body) {
        if (body.length() == 0) {
            throw HttpError.badRequest("the request has no body; expected JSON");
        }
        try {
            return JSON.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw HttpError.badRequest("cannot read the body: " + e.getMessage());
        }
    }

    /**
     * Checks the request with {@code protocol} (on the event loop for a small body, else on a worker),
     * queues its rows with the model's batcher, and answers on the request's context once they are scored.
     */
    private void score(HttpServerRequest request, Buffer body, ServedModel model,
            BiFunction<ServedModel, JsonNode, OpenInference.Call> protocol) {
        Context context = vertx.getOrCreateContext();
        Future<OpenInference.Call> checked = body.length() <= INLINE_BODY_BYTES
                ? Future.succeededFuture(protocol.apply(model, parse(body)))
                : vertx.executeBlocking(() -> protocol.apply(model, parse(body)), false);
        checked.onComplete(done -> {
            if (done.failed()) {
                reply(request, failure(done.cause()));
                return;
            }
            OpenInference.Call call = done.result();
            model.score(call.inputs(), call.rows()).whenComplete((scores, error) -> context.runOnContext(v -> {
                if (error != null) {
                    reply(request, failure(error instanceof CompletionException ? error.getCause() : error));
                } else {
                    reply(request, 200, call.answer().apply(scores));
                }
            }));
        });
    }

    private static HttpError failure(Throwable cause) {
        return cause instanceof HttpError e ? e
                : cause instanceof AnnealException e ? new HttpError(400, e.getMessage())
                : new HttpError(500, "internal error: " + cause);
    }

    private static void reply(HttpServerRequest request, HttpError error) {
        reply(request, error.status(), JsonNodeFactory.instance.objectNode().put("error", error.getMessage()));
    }

    private static void reply(HttpServerRequest request, int status, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            status = 500;
            bytes = "{\"error\":\"cannot write the response\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        request.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(Buffer.buffer(bytes));
    }

    /** Stops accepting, lets in-flight requests finish (up to 10 s), then frees the models. */
    @Override
    public void close() {
        try {
            server.shutdown(10, TimeUnit.SECONDS).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing anyway.
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
        if (models.isDone() && !models.isCompletedExceptionally()) {
            models.join().close();
        }
    }
}
