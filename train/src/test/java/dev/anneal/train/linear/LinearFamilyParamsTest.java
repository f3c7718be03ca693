package dev.anneal.train.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.config.Problems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The linear family's parameter checks: {@code l2}, {@code max_iter}, {@code tol} and nothing else. */
class LinearFamilyParamsTest {

    private static List<String> problems(String key, Object value) {
        Problems problems = new Problems();
        new LinearFamily().checkParams(Map.of(key, value), "models[2].params", problems);
        return problems.list();
    }

    private static void rejected(String key, Object value, String... fragments) {
        List<String> problems = problems(key, value);
        assertEquals(1, problems.size(), key + "=" + value + " should be rejected: " + problems);
        assertTrue(problems.get(0).startsWith("models[2].params." + key + ": "), problems.get(0));
        for (String fragment : fragments) {
            assertTrue(problems.get(0).contains(fragment), "'" + problems.get(0) + "' should contain '" + fragment + "'");
        }
    }

    private static void accepted(String key, Object value) {
        assertEquals(List.of(), problems(key, value), key + "=" + value);
    }

    @Test
    void l2MustBeAPositiveNumberOrANonEmptyListOfThem() {
        for (Object bad : List.of(-1, 0, 0.0, "x", List.of(), List.of(0.1, -1), List.of("x"), List.of(List.of(0.1)),
                Double.NaN, Double.POSITIVE_INFINITY, true, Map.of("a", 1))) {
            rejected("l2", bad, "expected a positive number or a non-empty list of them", "got ");
        }
        accepted("l2", 0.1);
        accepted("l2", 1);
        accepted("l2", List.of(1e-3, 1.0));
        accepted("l2", List.of(5));
    }

    @Test
    void maxIterMustBeAPositiveInteger() {
        for (Object bad : List.of(0, -5, 1.5, "x", 100.0)) {
            rejected("max_iter", bad, "expected a positive integer");
        }
        accepted("max_iter", 1);
        accepted("max_iter", 5000);
    }

    @Test
    void tolMustBeAPositiveNumber() {
        for (Object bad : List.of(0, -1e-6, "x", Double.NaN)) {
            rejected("tol", bad, "expected a positive number");
        }
        accepted("tol", 1e-8);
        accepted("tol", 1);
    }

    @Test
    void unknownParameterSuggestsAndLists() {
        rejected("l3", 1, "unknown parameter", "did you mean 'l2'?", "linear takes [l2, max_iter, tol]");
        rejected("max_iters", 10, "did you mean 'max_iter'?");
        rejected("C", 1.0, "unknown parameter", "[l2, max_iter, tol]");
    }

    @Test
    void everyBadParameterIsReported() {
        Problems problems = new Problems();
        new LinearFamily().checkParams(Map.of("l2", -1, "max_iter", 0, "tol", 0, "alpha", 1), "p", problems);
        assertEquals(4, problems.list().size(), problems.list().toString());
    }
}
