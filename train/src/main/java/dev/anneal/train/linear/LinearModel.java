package dev.anneal.train.linear;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.core.AnnealException;
import dev.anneal.core.features.FeatureMatrix;
import java.util.Arrays;

/**
 * A fitted linear model: logistic (binary or multinomial) or linear regression.
 *
 * <p>{@code numClasses} is 0 for regression, 2 for binary classification (one output, the logit of
 * class 1) and k &gt; 2 for multinomial (k outputs, softmax). {@code weights} is
 * {@code [outputs][cols]}, {@code intercepts} has one entry per output. The record is immutable:
 * it copies arrays in and out, so callers may neither change it nor be changed by it.
 */
public record LinearModel(int numClasses, double[][] weights, double[] intercepts) {

    /** Version written by {@link #toJson()}; {@link #fromJson(String)} rejects any other. */
    public static final int FORMAT_VERSION = 1;

    public LinearModel {
        if (numClasses < 0 || numClasses == 1) {
            throw new IllegalArgumentException("numClasses must be 0 (regression) or at least 2, got " + numClasses);
        }
        if (weights == null || intercepts == null) {
            throw new IllegalArgumentException("weights and intercepts must not be null");
        }
        int outputs = numClasses > 2 ? numClasses : 1;
        if (weights.length != outputs || intercepts.length != outputs) {
            throw new IllegalArgumentException("numClasses " + numClasses + " needs " + outputs
                    + " weight rows and intercepts, got " + weights.length + " and " + intercepts.length);
        }
        double[][] copy = new double[outputs][];
        for (int o = 0; o < outputs; o++) {
            if (weights[o] == null || weights[o].length != weights[0].length) {
                throw new IllegalArgumentException("weight rows must all have the same length");
            }
            copy[o] = weights[o].clone();
            requireFinite(copy[o], "weights[" + o + "]");
        }
        weights = copy;
        intercepts = intercepts.clone();
        requireFinite(intercepts, "intercepts");
    }

    @Override
    public double[][] weights() {
        double[][] copy = new double[weights.length][];
        for (int o = 0; o < weights.length; o++) {
            copy[o] = weights[o].clone();
        }
        return copy;
    }

    @Override
    public double[] intercepts() {
        return intercepts.clone();
    }

    /** Number of input columns. */
    public int cols() {
        return weights[0].length;
    }

    /** Width of one row of {@link #predict}: k for multinomial, otherwise 1. */
    public int outputs() {
        return weights.length;
    }

    /**
     * Predicts every row of a dense row-major matrix: the probability of class 1 (binary), k class
     * probabilities per row, row-major (multinomial), or the predicted value (regression).
     */
    public double[] predict(float[] x, int rows, int cols) {
        if (x == null || rows < 0 || (long) rows * cols != x.length) {
            throw new IllegalArgumentException("x must hold rows x cols = " + rows + " x " + cols + " values");
        }
        return predict(DesignMatrix.unchecked(x, rows, cols, null));
    }

    /** {@link #predict(float[], int, int)} on a feature matrix, which may have sparse columns. */
    public double[] predict(FeatureMatrix features) {
        return predict(DesignMatrix.unchecked(features.values(), features.rows(), features.cols(), features.sparse()));
    }

    private double[] predict(DesignMatrix x) {
        int rows = x.rows();
        if (x.cols() != cols()) {
            throw new IllegalArgumentException("model has " + cols() + " columns, input has " + x.cols());
        }
        int outputs = outputs();
        double[] out = new double[rows * outputs];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outputs; o++) {
                out[r * outputs + o] = intercepts[o] + x.dot(weights[o], 0, r);
            }
            if (numClasses == 2) {
                out[r] = sigmoid(out[r]);
            } else if (numClasses > 2) {
                softmaxInPlace(out, r * outputs, outputs);
            }
        }
        return out;
    }


    /** JSON with a {@code formatVersion}; doubles are written so that they read back exactly. */
    public String toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("formatVersion", FORMAT_VERSION);
        node.put("numClasses", numClasses);
        node.set("weights", Json.MAPPER.valueToTree(weights));
        node.set("intercepts", Json.MAPPER.valueToTree(intercepts));
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write linear model as JSON", e);
        }
    }

    /** Reads what {@link #toJson()} wrote. @throws AnnealException on malformed JSON or an unknown version */
    public static LinearModel fromJson(String json) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AnnealException("linear model: not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new AnnealException("linear model: expected a JSON object");
        }
        JsonNode version = node.get("formatVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new AnnealException("linear model: missing integer formatVersion");
        }
        switch (version.intValue()) {
            case 1:
                try {
                    return new LinearModel(
                            required(node, "numClasses").intValue(),
                            Json.MAPPER.treeToValue(required(node, "weights"), double[][].class),
                            Json.MAPPER.treeToValue(required(node, "intercepts"), double[].class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    throw new AnnealException("linear model: " + e.getMessage(), e);
                }
            default:
                throw new AnnealException("linear model: unsupported formatVersion " + version.intValue()
                        + ", this version reads " + FORMAT_VERSION);
        }
    }

    /** Holds the mapper apart so that fitting and predicting never pay for loading Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new AnnealException("linear model: missing field " + field);
        }
        return value;
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** Replaces {@code v[from, from+length)} by its softmax, shifting by the maximum for stability. */
    static void softmaxInPlace(double[] v, int from, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + length; i++) {
            max = Math.max(max, v[i]);
        }
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = from; i < from + length; i++) {
            v[i] /= sum;
        }
    }

    private static void requireFinite(double[] values, String name) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " contains a non-finite value " + v);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof LinearModel that)) {
            return false;
        }
        return numClasses == that.numClasses
                && Arrays.deepEquals(weights, that.weights)
                && Arrays.equals(intercepts, that.intercepts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * numClasses + Arrays.deepHashCode(weights)) + Arrays.hashCode(intercepts);
    }

    @Override
    public String toString() {
        return "LinearModel[numClasses=" + numClasses + ", outputs=" + weights.length + ", cols=" + cols() + "]";
    }
}
