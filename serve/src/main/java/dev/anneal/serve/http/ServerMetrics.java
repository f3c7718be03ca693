package dev.anneal.serve.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics ({@code GET /metrics}), through Micrometer: requests by endpoint, model
 * and status code (errors are the codes of 400 and above), request latency as a histogram, the rows and
 * requests of each ONNX Runtime call that dynamic batching made, and each model's queue depth.
 */
final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> batchRows = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> batchRequests = new ConcurrentHashMap<>();
    private final Map<String, QueueGauge> queues = new HashMap<>();

    /** Counts one answered request and its latency. */
    void request(String endpoint, String model, int status, long nanos) {
        String key = endpoint + '\u0000' + model + '\u0000' + status;
        requests.computeIfAbsent(key, k -> Counter.builder("anneal.requests").description("HTTP requests answered")
                .tags("endpoint", endpoint, "model", model, "code", Integer.toString(status)).register(registry))
                .increment();
        latencies.computeIfAbsent(endpoint + '\u0000' + model, k -> Timer.builder("anneal.request.latency")
                .description("Time from a request's arrival to its answer").tags("endpoint", endpoint, "model", model)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records one ONNX Runtime call of {@code model}: its rows and the requests it joined. */
    void batch(String model, int rows, int joined) {
        batchRows.computeIfAbsent(model, m -> DistributionSummary.builder("anneal.batch.rows")
                .description("Rows per ONNX Runtime call").tags("model", m).publishPercentileHistogram()
                .register(registry)).record(rows);
        batchRequests.computeIfAbsent(model, m -> DistributionSummary.builder("anneal.batch.requests")
                .description("Requests joined per ONNX Runtime call").tags("model", m).publishPercentileHistogram()
                .register(registry)).record(joined);
    }

    /**
     * Adds {@code depth} to {@code model}'s queue depth until the returned action runs. A version reloaded
     * with new settings has two batchers for a while (the retiring one finishing its requests): the gauge
     * reports their sum, and goes when the last is removed.
     */
    Runnable queue(String model, Supplier<Number> depth) {
        synchronized (queues) {
            queues.computeIfAbsent(model, m -> new QueueGauge(registry, m)).depths.add(depth);
        }
        return () -> {
            synchronized (queues) {
                QueueGauge gauge = queues.get(model);
                gauge.depths.remove(depth);
                if (gauge.depths.isEmpty()) {
                    queues.remove(model);
                    registry.remove(gauge.gauge);
                }
            }
        };
    }

    /** One model's queue-depth gauge over the batchers that serve it. */
    private static final class QueueGauge {
        final Set<Supplier<Number>> depths = ConcurrentHashMap.newKeySet();
        final Gauge gauge;

        QueueGauge(MeterRegistry registry, String model) {
            gauge = Gauge.builder("anneal.queue.depth", depths,
                    all -> all.stream().mapToDouble(depth -> depth.get().doubleValue()).sum())
                    .description("Requests waiting for the model").tags("model", model).strongReference(true)
                    .register(registry);
        }
    }

    /** The metrics in Prometheus' text format. */
    String scrape() {
        return registry.scrape();
    }
}
