package dev.anneal.serve.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The queue-depth gauge while a reloaded version's old and new batchers overlap. */
class ServerMetricsTest {

    @Test
    void aModelsQueueDepthSumsItsBatchersUntilTheLastIsRemoved() {
        ServerMetrics metrics = new ServerMetrics();
        Runnable retiring = metrics.queue("churn:1", () -> 3);
        Runnable reloaded = metrics.queue("churn:1", () -> 4);
        assertTrue(metrics.scrape().contains("anneal_queue_depth{model=\"churn:1\"} 7.0"), metrics.scrape());
        retiring.run();
        assertTrue(metrics.scrape().contains("anneal_queue_depth{model=\"churn:1\"} 4.0"), metrics.scrape());
        reloaded.run();
        assertFalse(metrics.scrape().contains("anneal_queue_depth{model=\"churn:1\"}"), metrics.scrape());
        metrics.queue("churn:1", () -> 1);
        assertTrue(metrics.scrape().contains("anneal_queue_depth{model=\"churn:1\"} 1.0"), metrics.scrape());
    }
}
