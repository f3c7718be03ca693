package dev.anneal.serve.runtime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several batches of graph inputs (as {@link dev.anneal.core.bundle.GraphInputs} lays them out) joined into
 * one, rows of the first batch first: what lets a server score concurrent requests in one ONNX Runtime
 * call. Token ids and masks are padded with 0 to the longest row of all the batches, which the mask
 * makes harmless.
 */
public final class InputBatches {

    private InputBatches() {
    }

    /** {@code batches} (each with the same inputs) as one batch. */
    public static Map<String, Object> join(List<Map<String, Object>> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        Map<String, Object> joined = new LinkedHashMap<>();
        for (String name : batches.get(0).keySet()) {
            Object first = batches.get(0).get(name);
            if (first instanceof double[][]) {
                joined.put(name, batches.stream().flatMap(b -> Arrays.stream((double[][]) b.get(name)))
                        .toArray(double[][]::new));
            } else if (first instanceof String[][]) {
                joined.put(name, batches.stream().flatMap(b -> Arrays.stream((String[][]) b.get(name)))
                        .toArray(String[][]::new));
            } else {
                int longest = batches.stream().mapToInt(b -> ((long[][]) b.get(name))[0].length).max().orElse(1);
                joined.put(name, batches.stream().flatMap(b -> Arrays.stream((long[][]) b.get(name)))
                        .map(row -> row.length == longest ? row : Arrays.copyOf(row, longest)).toArray(long[][]::new));
            }
        }
        return joined;
    }
}
