package dev.anneal.serve;

import dev.anneal.core.AnnealException;
import dev.anneal.core.AnnealVersion;
import dev.anneal.serve.http.InferenceServer;
import dev.anneal.serve.http.ServerTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code anneal serve}: serves every bundle of a model repository over HTTP (Open Inference Protocol)
 * until the process is stopped; SIGTERM or Ctrl-C drain the requests in flight first. The same command
 * runs in the full {@code anneal} jar and alone in the light {@code anneal-serve} jar.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = ServeCommand.Version.class,
        description = {"Serve every model bundle of a repository (DIR/<name>/<version>/, newest version by default) "
                + "over HTTP: the Open Inference Protocol (KServe V2) REST API and POST /v1/models/<name>:predict."},
        footer = {"", "A model's own DIR/<name>/serving.yaml (max_batch_size, max_queue_delay_us, max_queue, workers) "
                + "overrides the batching and queueing flags for that model; see configs/serving.yaml.",
                "", "Example:", "  anneal serve --models models --port 8080"})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--models", required = true, paramLabel = "DIR", description = "The model repository.")
    Path models;

    @Option(names = "--port", paramLabel = "PORT", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "HOST", description = "The address to listen on (default: ${DEFAULT-VALUE};"
            + " 0.0.0.0 for every interface, as in a container).")
    String host = "127.0.0.1";

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu (default) or cuda:N; CUDA falls back to the "
            + "CPU with a warning when it cannot load.")
    String device = "cpu";

    @Option(names = "--transport", paramLabel = "NAME", description = "The network transport: auto (default: "
            + "io_uring where the kernel and its sandbox allow it, else epoll, else Java NIO), io_uring, epoll or nio.")
    String transport = ServerTransport.AUTO;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads per model (default: "
            + "${DEFAULT-VALUE}; calls run in parallel on the --workers).")
    int threads = 1;

    @Option(names = "--workers", paramLabel = "N|auto", description = "Where each model's ONNX Runtime calls run: "
            + "N worker threads, or 0 for the event loops that read the requests (default: ${DEFAULT-VALUE}: the event "
            + "loops for a model whose full batch scores within 10 ms at warm-up, else half the cores' worth of workers).")
    String workers = "auto";

    @Option(names = "--max-body", paramLabel = "BYTES", description = "The largest request body (default: "
            + "${DEFAULT-VALUE}).")
    long maxBody = 64L << 20;

    @Option(names = "--max-batch-size", paramLabel = "ROWS", description = "Dynamic batching: the most rows of "
            + "concurrent requests joined into one ONNX Runtime call (default: ${DEFAULT-VALUE}; 1 turns it off).")
    int maxBatchSize = 256;

    @Option(names = "--max-queue-delay-us", paramLabel = "MICROS", description = "How long a batch may wait for "
            + "more requests (default: ${DEFAULT-VALUE}: batch whatever is queued, never wait).")
    long maxQueueDelayMicros = 0;

    @Option(names = "--max-queue", paramLabel = "REQUESTS", description = "Requests waiting per model before new "
            + "ones get 503 (default: ${DEFAULT-VALUE}).")
    int maxQueue = 4096;

    @Option(names = "--request-timeout-ms", paramLabel = "MILLIS", description = "The longest a request waits for its"
            + " scores on worker threads before it gets 503; one scored on the event loops is answered in the turn"
            + " that read it (default: ${DEFAULT-VALUE}).")
    long requestTimeoutMillis = 30_000;

    @Option(names = "--poll-seconds", paramLabel = "SECONDS", description = "How often the repository is checked for "
            + "new or removed versions (default: ${DEFAULT-VALUE}; 0: only on POST /v2/repository/models/<m>/load).")
    long pollSeconds = 10;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Require 'Authorization: Bearer <token>' on "
            + "every request but health and metrics, with the token in FILE.")
    Path tokenFile;

    @Option(names = "--access-log", description = "Print a line per request on standard output.")
    boolean accessLog;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new AnnealException("--port: expected 0 to 65535, got " + port);
        }
        if (threads < 1) {
            throw new AnnealException("--threads: expected at least 1, got " + threads);
        }
        int workerThreads = workerThreads();
        if (maxBody < 1) {
            throw new AnnealException("--max-body: expected a positive number of bytes, got " + maxBody);
        }
        if (maxBatchSize < 1 || maxQueue < 1 || maxQueueDelayMicros < 0) {
            throw new AnnealException("--max-batch-size and --max-queue must be at least 1 and --max-queue-delay-us at"
                    + " least 0, got " + maxBatchSize + ", " + maxQueue + " and " + maxQueueDelayMicros);
        }
        if (requestTimeoutMillis < 1 || pollSeconds < 0) {
            throw new AnnealException("--request-timeout-ms must be at least 1 and --poll-seconds at least 0, got "
                    + requestTimeoutMillis + " and " + pollSeconds);
        }
        String token = tokenFile == null ? null : readToken(tokenFile);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        InferenceServer server = InferenceServer.start(models, new InferenceServer.Options(host, port, device,
                transport, threads, workerThreads, maxBody, maxBatchSize, maxQueueDelayMicros, maxQueue,
                requestTimeoutMillis, pollSeconds, token, accessLog ? line -> {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                } : null), AnnealVersion.get(), warning -> {
                    err.println("warning: " + warning);
                    err.flush();
                });
        try {
            for (String model : server.awaitReady()) {
                err.println("loaded " + model);
            }
        } catch (AnnealException e) {
            server.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "anneal-serve-shutdown"));
        err.printf("serving on http://%s:%d (%s transport); stop with Ctrl-C or SIGTERM%n", host, server.port(),
                server.transport().label());
        err.flush();
        stopped.await();
        return 0;
    }

    /** {@code --workers} as {@link InferenceServer.Options#workers()}. */
    private int workerThreads() {
        if (workers.equals("auto")) {
            return InferenceServer.Options.AUTO_WORKERS;
        }
        int count;
        try {
            count = Integer.parseInt(workers.strip());
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 0) {
            throw new AnnealException("--workers: expected auto, 0 (the event loops) or a number of threads, got '"
                    + workers + "'");
        }
        if (count == 0 && maxQueueDelayMicros > 0) {
            throw new AnnealException("--max-queue-delay-us " + maxQueueDelayMicros + " needs worker threads: the event"
                    + " loops never wait for more requests; use --workers 1 or more");
        }
        return count;
    }

    private static String readToken(Path file) {
        String token;
        try {
            token = Files.readString(file).strip();
        } catch (IOException e) {
            throw new AnnealException("--token-file " + file + ": cannot read it: " + e.getMessage(), e);
        }
        if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new AnnealException("--token-file " + file + ": expected one token of printable ASCII without spaces");
        }
        return token;
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"anneal serve " + AnnealVersion.get()};
        }
    }
}
