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
            Object[][] parts = new Object[batches.size()][];
            int rows = 0;
            for (int b = 0; b < parts.length; b++) {
                parts[b] = (Object[]) batches.get(b).get(name);
                rows += parts[b].length;
            }
            Object[] rowsOfAll = parts[0] instanceof double[][] ? new double[rows][]
                    : parts[0] instanceof String[][] ? new String[rows][] : new long[rows][];
            int at = 0;
            for (Object[] part : parts) {
                System.arraycopy(part, 0, rowsOfAll, at, part.length);
                at += part.length;
            }
            if (rowsOfAll instanceof long[][] tokens) {
                padTokens(tokens);
            }
            joined.put(name, rowsOfAll);
        }
        return joined;
    }

    /** Pads every row of token ids (or mask) with 0 to the longest. */
    private static void padTokens(long[][] rows) {
        int longest = 1;
        for (long[] row : rows) {
            longest = Math.max(longest, row.length);
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length < longest) {
                rows[i] = Arrays.copyOf(rows[i], longest);
            }
        }
    }
}
