package dev.anneal.serve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.core.AnnealException;
import dev.anneal.serve.runtime.BundleSession;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * {@code anneal serve}: an HTTP server on Vert.x core that speaks the Open Inference Protocol (KServe V2)
 * REST dialect for every bundle of a model repository, plus a records endpoint for people
 * ({@code POST /v1/models/{m}:predict}). Paths are matched by hand, off any router. Requests are checked
 * on the event loop (a large body on a worker) and their rows scored by each model's
 * {@link DynamicBatcher}.
 *
 * <p>The server listens at once and loads the models in the background: {@code /v2/health/live} answers
 * 200 from the start, {@code /v2/health/ready} and every model endpoint 503 until every bundle is loaded
 * and has scored a warm-up row. New versions are picked up by polling the repository or on
 * {@code POST /v2/repository/models/{m}/load}. Errors are {@code {"error": "..."}} with 400 (bad request),
 * 401 (no or wrong bearer token), 404 (unknown model, version or path), 405 (wrong method), 413 (body over
 * the limit) or 503 (not ready, overloaded, timed out). {@code GET /metrics} is Prometheus' text format.
 */
public final class InferenceServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bodies up to this size are parsed on the event loop; larger ones on a worker. */
    private static final int INLINE_BODY_BYTES = 64 << 10;

    /**
     * How the server runs.
     *
     * @param transport the network transport: {@link ServerTransport#AUTO} or a {@link ServerTransport#label()}
     * @param threads ONNX Runtime's intra-op threads per model
     * @param workers worker threads per model that run its ONNX Runtime calls; 0 runs them on the event loops;
     *     {@link #AUTO_WORKERS} picks the event loops for a model whose full batch scores within 10 ms, else
     *     {@link #defaultWorkers()} threads
     * @param maxBatchRows the most rows dynamic batching joins into one ONNX Runtime call
     * @param maxQueueDelayMicros how long a batch waits for more requests (0: never; above 0 needs workers)
     * @param maxQueue the most requests waiting per model before new ones get 503
     * @param requestTimeoutMillis the longest a request may wait for its scores before it gets 503
     * @param pollSeconds how often the repository is checked for new or removed versions (0: never)
     * @param token the bearer token every request but health and metrics must carry, or null for none
     * @param accessLog receives a line per request, or null for none
     */
    public record Options(String host, int port, String device, String transport, int threads, int workers,
            long maxBodyBytes, int maxBatchRows, long maxQueueDelayMicros, int maxQueue, long requestTimeoutMillis,
            long pollSeconds, String token, Consumer<String> accessLog) {

        /** {@link #workers()}: chosen per model by its speed at warm-up. */
        public static final int AUTO_WORKERS = ServedModel.AUTO_WORKERS;

        /**
         * The workers a model too slow for the event loops gets: half the cores, at least one, leaving the other
         * half to the event loops that parse and answer requests. On two cores one worker served 2-13 % more
         * single-row requests, with a lower p99, than two (see docs/benchmarks.md).
         */
        public static int defaultWorkers() {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
    }

    /** One request on its way: what the metrics and the access log record of it. */
    private static final class Exchange {
        final HttpServerRequest request;
        final long started = System.nanoTime();
        String endpoint = "other";
        String model = "";

        Exchange(HttpServerRequest request) {
            this.request = request;
        }
    }

    private final Vertx vertx;
    private final ServerTransport transport;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final String version;
    private final Options options;
    private final ServerMetrics metrics = new ServerMetrics();
    private final CompletableFuture<ModelRepository> models = new CompletableFuture<>();
    private final byte[] token;

    private InferenceServer(Vertx vertx, ServerTransport transport, String version, Options options) {
        this.vertx = vertx;
        this.transport = transport;
        this.version = version;
        this.options = options;
        this.token = options.token() == null ? null : options.token().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Starts listening on {@code options}' host and port (0 picks a free one), then loads the bundles under
     * {@code repository} in the background. {@code warnings} hears a CUDA fallback and versions that cannot
     * be loaded later; {@code version} is what {@code GET /v2} reports.
     *
     * @throws AnnealException when the port cannot be bound or the transport cannot run here
     */
    public static InferenceServer start(Path repository, Options options, String version, Consumer<String> warnings) {
        int cores = Runtime.getRuntime().availableProcessors();
        ServerTransport transport = ServerTransport.choose(options.transport());
        Vertx vertx = Vertx.builder().with(new VertxOptions().setWorkerPoolSize(cores).setEventLoopPoolSize(cores))
                .withTransport(transport.transport()).build();
        InferenceServer server = new InferenceServer(vertx, transport, version, options);
        try {
            // One server per event loop on the same port (a deployment instance each), which Vert.x shares
            // out connection by connection: a server created once runs on a single event loop, one core.
            vertx.deployVerticle(() -> context -> server.listen(), new DeploymentOptions().setInstances(cores))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new AnnealException("interrupted while binding " + options.host() + ":" + options.port(), e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new AnnealException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + cause.getMessage(), e);
        }
        ServedModel.Settings settings = new ServedModel.Settings(options.device(), options.threads(), options.workers(),
                options.maxBatchRows(), options.maxQueueDelayMicros(), options.maxQueue(), server.metrics);
        vertx.<ModelRepository>executeBlocking(() -> ModelRepository.load(repository, settings, warnings))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        server.models.complete(result.result());
                        server.pollEvery(options.pollSeconds(), warnings);
                    } else {
                        server.models.completeExceptionally(result.cause());
                    }
                });
        return server;
    }

    /** Starts one more HTTP server on the calling deployment's event loop (port 0: the one Vert.x chose). */
    private Future<HttpServer> listen() {
        return vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port())
                .setTcpNoDelay(true).setCompressionSupported(false).setHttp2ClearTextEnabled(false))
                .requestHandler(this::handle).listen().onSuccess(servers::add);
    }

    private void pollEvery(long seconds, Consumer<String> log) {
        if (seconds <= 0) {
            return;
        }
        vertx.setPeriodic(TimeUnit.SECONDS.toMillis(seconds), id -> vertx.executeBlocking(
                () -> models.join().refresh(null), true).onSuccess(changes -> changes.forEach(log)));
    }

    /** The port the server listens on. */
    public int port() {
        return servers.get(0).actualPort();
    }

    /** The network transport the event loops run on. */
    public ServerTransport transport() {
        return transport;
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
                            + ", " + m.device() + ", " + m.scoredOn() + ")")
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

    private void handle(HttpServerRequest request) {
        Exchange exchange = new Exchange(request);
        String length = request.getHeader("content-length");
        long maxBody = options.maxBodyBytes();
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
                reply(exchange, new HttpError(413, "the body is larger than the server's limit of " + maxBody + " bytes"));
                return;
            }
            try {
                route(exchange, body);
            } catch (HttpError e) {
                reply(exchange, e);
            } catch (RuntimeException e) {
                reply(exchange, new HttpError(500, "internal error: " + e));
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
    private void route(Exchange exchange, Buffer body) {
        HttpServerRequest request = exchange.request;
        String path = request.path();
        String[] parts = path.length() > 1 && path.endsWith("/") ? path.substring(1, path.length() - 1).split("/")
                : path.substring(1).split("/");
        if (path.equals("/metrics")) {
            exchange.endpoint = "metrics";
            requireMethod(request, HttpMethod.GET);
            reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (parts.length == 3 && parts[0].equals("v2") && parts[1].equals("health")) {
            exchange.endpoint = "health";
            requireMethod(request, HttpMethod.GET);
            if (parts[2].equals("live")) {
                reply(exchange, 200, JsonNodeFactory.instance.objectNode().put("live", true));
                return;
            }
            if (parts[2].equals("ready")) {
                readyModels();
                reply(exchange, 200, JsonNodeFactory.instance.objectNode().put("ready", true));
                return;
            }
        }
        if (path.startsWith("/v1/models/") && parts.length == 3 && parts[2].endsWith(":predict")) {
            exchange.endpoint = "predict";
            exchange.model = parts[2].substring(0, parts[2].length() - ":predict".length());
            authorize(request);
            requireMethod(request, HttpMethod.POST);
            score(exchange, body, readyModels().get(exchange.model, null), OpenInference::records);
            return;
        }
        if (parts.length >= 3 && parts[0].equals("v2") && parts[1].equals("models")) {
            exchange.endpoint = "model";
            exchange.model = parts[2];
        }
        authorize(request);
        if (parts.length == 0 || !parts[0].equals("v2")) {
            throw HttpError.notFound("no such endpoint: " + path);
        }
        if (parts.length == 1) {
            exchange.endpoint = "server_metadata";
            requireMethod(request, HttpMethod.GET);
            reply(exchange, 200, OpenInference.serverMetadata(version));
            return;
        }
        if (parts.length == 5 && parts[1].equals("repository") && parts[2].equals("models") && parts[4].equals("load")) {
            exchange.endpoint = "load";
            exchange.model = parts[3];
            requireMethod(request, HttpMethod.POST);
            ModelRepository repository = readyModels();
            vertx.executeBlocking(() -> repository.refresh(exchange.model), true).onComplete(done -> {
                if (done.failed()) {
                    reply(exchange, failure(done.cause()));
                } else {
                    ObjectNode out = JsonNodeFactory.instance.objectNode().put("name", exchange.model);
                    done.result().forEach(out.putArray("changes")::add);
                    reply(exchange, 200, out);
                }
            });
            return;
        }
        if (parts.length >= 3 && parts[1].equals("models")) {
            modelEndpoint(exchange, parts, body);
            return;
        }
        throw HttpError.notFound("no such endpoint: " + path);
    }

    /** {@code /v2/models/{m}[/versions/{v}][/ready|/infer]}. */
    private void modelEndpoint(Exchange exchange, String[] parts, Buffer body) {
        HttpServerRequest request = exchange.request;
        exchange.model = parts[2];
        int at = 3;
        String versionName = null;
        if (parts.length >= 5 && parts[3].equals("versions")) {
            versionName = parts[4];
            at = 5;
        }
        String action = parts.length > at ? parts[at] : null;
        if (parts.length > at + 1) {
            throw HttpError.notFound("no such endpoint: " + request.path());
        }
        ModelRepository repository = readyModels();
        ServedModel model = repository.get(exchange.model, versionName);
        if (action == null) {
            exchange.endpoint = "model_metadata";
            requireMethod(request, HttpMethod.GET);
            reply(exchange, 200, OpenInference.modelMetadata(model, repository.versions(exchange.model)));
        } else if (action.equals("ready")) {
            exchange.endpoint = "model_ready";
            requireMethod(request, HttpMethod.GET);
            reply(exchange, 200, JsonNodeFactory.instance.objectNode().put("name", model.name()).put("ready", true));
        } else if (action.equals("infer")) {
            exchange.endpoint = "infer";
            requireMethod(request, HttpMethod.POST);
            score(exchange, body, model, OpenInference::infer);
        } else {
            throw HttpError.notFound("no such endpoint: " + request.path());
        }
    }

    /** Refuses a request without the bearer token, when the server has one. */
    private void authorize(HttpServerRequest request) {
        if (token == null) {
            return;
        }
        String header = request.getHeader("authorization");
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(token, given)) {
            throw new HttpError(401, "this server needs 'Authorization: Bearer <token>'");
        }
    }

    private static void requireMethod(HttpServerRequest request, HttpMethod method) {
        if (!request.method().equals(method)) {
            throw new HttpError(405, request.method() + " " + request.path() + ": use " + method);
        }
    }

    /**
     * The request's body: all JSON, or with Triton's binary extension ({@code Inference-Header-Content-Length})
     * the JSON and then binary tensor data. The endpoint reads the JSON its own way.
     */
    private static OpenInference.Request body(HttpServerRequest request, Buffer body) {
        if (body.length() == 0) {
            throw HttpError.badRequest("the request has no body; expected JSON");
        }
        String header = request.getHeader(BinaryTensors.HEADER_LENGTH);
        int jsonLength = body.length();
        if (header != null) {
            long length = parseLength(header);
            if (length < 0 || length > body.length()) {
                throw HttpError.badRequest(BinaryTensors.HEADER_LENGTH + ": expected the JSON header's length, at most "
                        + body.length() + " bytes, got '" + header + "'");
            }
            jsonLength = (int) length;
        }
        byte[] bytes = body.getBytes();
        return new OpenInference.Request(bytes, jsonLength, header == null ? null
                : ByteBuffer.wrap(bytes, jsonLength, bytes.length - jsonLength).slice());
    }

    /**
     * Checks the request with {@code protocol} (on the event loop for a small body, else on a worker),
     * queues its rows with the model's batcher, and answers on the request's context once they are scored.
     */
    private void score(Exchange exchange, Buffer body, ServedModel model,
            BiFunction<ServedModel, OpenInference.Request, OpenInference.Call> protocol) {
        Context context = vertx.getOrCreateContext();
        HttpServerRequest request = exchange.request;
        Future<OpenInference.Call> checked = body.length() <= INLINE_BODY_BYTES
                ? Future.succeededFuture(protocol.apply(model, body(request, body)))
                : vertx.executeBlocking(() -> protocol.apply(model, body(request, body)), false);
        checked.onComplete(done -> {
            if (done.failed()) {
                reply(exchange, failure(done.cause()));
            } else {
                answerWhenScored(exchange, context, model, done.result());
            }
        });
    }

    /**
     * Queues {@code call} with the model's batcher and answers on {@code context} with its scores. A call
     * that worker threads score gets 503 when it waits longer than the request timeout. One that the event
     * loops score runs in the turn of the loop that read it, where no timer could answer sooner, so it has
     * none (a timer for each of 20,000 requests a second cost about 2 % of the server's time).
     */
    private void answerWhenScored(Exchange exchange, Context context, ServedModel model, OpenInference.Call call) {
        CompletableFuture<BundleSession.Scores> scores = model.score(call.inputs(), call.rows());
        long timer = model.scoredOnEventLoops() ? -1 : vertx.setTimer(options.requestTimeoutMillis(),
                id -> reply(exchange, new HttpError(503, "timed out after " + options.requestTimeoutMillis()
                        + " ms waiting for the model")));
        scores.whenComplete((result, error) -> onContext(context, () -> {
            if (timer >= 0 && !vertx.cancelTimer(timer)) {
                return; // the timer has answered
            }
            if (error != null) {
                reply(exchange, failure(error instanceof CompletionException ? error.getCause() : error));
            } else {
                reply(exchange, call.answer().apply(result));
            }
        }));
    }

    /** Runs {@code task} on {@code context}: at once when already there (scored on the event loop), else queued. */
    private static void onContext(Context context, Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }

    private HttpError failure(Throwable cause) {
        return cause instanceof HttpError e ? e
                : cause instanceof AnnealException e ? new HttpError(400, e.getMessage())
                : new HttpError(500, "internal error: " + cause);
    }

    /** A 200 answer: JSON, or with binary outputs the JSON header, its length in a header, then the data. */
    private void reply(Exchange exchange, OpenInference.Answer answer) {
        if (answer.binary() == null) {
            reply(exchange, 200, "application/json", answer.json());
            return;
        }
        byte[] json = answer.json();
        byte[] body = new byte[json.length + answer.binary().length];
        System.arraycopy(json, 0, body, 0, json.length);
        System.arraycopy(answer.binary(), 0, body, json.length, answer.binary().length);
        exchange.request.response().putHeader(BinaryTensors.HEADER_LENGTH, Integer.toString(json.length));
        reply(exchange, 200, "application/octet-stream", body);
    }

    private void reply(Exchange exchange, HttpError error) {
        reply(exchange, error.status(), JsonNodeFactory.instance.objectNode().put("error", error.getMessage()));
    }

    private void reply(Exchange exchange, int status, ObjectNode body) {
        try {
            reply(exchange, status, "application/json", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            reply(exchange, 500, "application/json",
                    "{\"error\":\"cannot write the response\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void reply(Exchange exchange, int status, String contentType, byte[] bytes) {
        long nanos = System.nanoTime() - exchange.started;
        metrics.request(exchange.endpoint, exchange.model, status, nanos);
        if (options.accessLog() != null) {
            HttpServerRequest request = exchange.request;
            options.accessLog().accept(String.format(Locale.ROOT, "%s %s %s %s %d %d %.3fms",
                    Instant.now(), request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress(),
                    request.method(), request.path(), status, bytes.length, nanos / 1e6));
        }
        if (exchange.request.response().ended() || exchange.request.response().closed()) {
            return;
        }
        exchange.request.response().setStatusCode(status).putHeader("content-type", contentType)
                .end(Buffer.buffer(bytes));
    }

    /** Stops accepting, lets the requests in flight finish (up to 10 s), then frees the models. */
    @Override
    public void close() {
        try {
            Future.all(servers.stream().map(http -> http.shutdown(10, TimeUnit.SECONDS)).toList())
                    .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The server is closed below either way.
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
        if (models.isDone() && !models.isCompletedExceptionally()) {
            models.join().close();
        }
    }
}
