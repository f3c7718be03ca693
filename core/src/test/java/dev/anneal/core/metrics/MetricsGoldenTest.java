package dev.anneal.core.metrics;

import static dev.anneal.core.metrics.MetricsTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anneal.core.Task;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Compares {@link Metrics} with scikit-learn on the cases in metrics/golden.json (made by make_golden.py). */
class MetricsGoldenTest {

    @TestFactory
    Stream<DynamicTest> matchesScikitLearn() throws IOException {
        JsonNode cases = golden().get("cases");
        assertTrue(cases.size() >= 7, "golden.json should hold every generated case");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) {
        Task task = Task.valueOf(c.get("task").asText().toUpperCase(Locale.ROOT));
        Map<String, Double> actual = switch (task) {
            case BINARY -> Metrics.evaluate(
                    task, ints(c.get("y")), null, doubles(c.get("p")), 0, c.get("threshold").asDouble());
            case MULTICLASS -> Metrics.evaluate(
                    task, ints(c.get("y")), null, doubles(c.get("probs")), c.get("k").asInt(), Double.NaN);
            case REGRESSION -> Metrics.evaluate(
                    task, null, doubles(c.get("y")), doubles(c.get("prediction")), 0, Double.NaN);
        };
        JsonNode expected = c.get("expected");
        List<String> expectedKeys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : expected.properties()) {
            expectedKeys.add(e.getKey());
        }
        assertEquals(expectedKeys, List.copyOf(actual.keySet()), "metric names and order");
        for (Map.Entry<String, JsonNode> e : expected.properties()) {
            assertClose(e.getValue().asDouble(), actual.get(e.getKey()), c.get("name").asText() + " " + e.getKey());
        }
        if (task == Task.BINARY) {
            assertEquals(c.get("best_f1_threshold").asDouble(),
                    Metrics.bestF1Threshold(ints(c.get("y")), doubles(c.get("p"))), "best F1 threshold");
        }
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = MetricsGoldenTest.class.getResourceAsStream("/metrics/golden.json")) {
            assertNotNull(in, "metrics/golden.json is missing from the test resources");
            return new ObjectMapper().readTree(in);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
