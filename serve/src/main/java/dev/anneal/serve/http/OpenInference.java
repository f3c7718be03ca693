package dev.anneal.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.serve.runtime.BundleSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The JSON of the Open Inference Protocol (KServe V2) for anneal's bundles, and of the records endpoint.
 *
 * <p>A bundle's V2 inputs are its raw columns, one tensor each of shape {@code [-1, 1]} (or {@code [-1]}):
 * {@code FP64} for a numeric column (integer and FP32 data are accepted; {@code null} is a missing value),
 * {@code BYTES} for a categorical, date (ISO-8601) or text column ({@code ""} is missing; {@code null} is
 * refused). The server tokenizes text itself. Outputs: {@code label} ({@code BYTES [-1]}) and
 * {@code probabilities} ({@code FP32 [-1, classes]}), or {@code prediction} ({@code FP32 [-1]}).
 */
final class OpenInference {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> NUMERIC_TYPES = Set.of("FP64", "FP32", "FP16", "INT64", "INT32", "INT16", "INT8",
            "UINT64", "UINT32", "UINT16", "UINT8");

    private OpenInference() {
    }

    /**
     * A request checked and turned into graph inputs of {@code rows} rows, and how to answer it once they
     * are scored.
     */
    record Call(Map<String, Object> inputs, int rows, Function<BundleSession.Scores, ObjectNode> answer) {
    }

    /** {@code GET /v2}: the server's name, version and protocol extensions. */
    static ObjectNode serverMetadata(String version) {
        ObjectNode out = JSON.objectNode();
        out.put("name", "anneal");
        out.put("version", version);
        out.putArray("extensions");
        return out;
    }

    /** {@code GET /v2/models/{m}[/versions/{v}]}. */
    static ObjectNode modelMetadata(ServedModel model, List<Integer> versions) {
        ObjectNode out = JSON.objectNode();
        out.put("name", model.name());
        ArrayNode versionList = out.putArray("versions");
        versions.forEach(v -> versionList.add(Integer.toString(v)));
        out.put("platform", "onnx_onnxv1");
        ArrayNode inputs = out.putArray("inputs");
        for (BundleManifest.InputColumn input : model.inputs()) {
            inputs.add(tensor(input.column(), input.type().equals("numeric") ? "FP64" : "BYTES", -1, 1));
        }
        ArrayNode outputs = out.putArray("outputs");
        if (model.manifest().classes().isEmpty()) {
            outputs.add(tensor("prediction", "FP32", -1));
        } else {
            outputs.add(tensor("label", "BYTES", -1));
            outputs.add(tensor("probabilities", "FP32", -1, model.manifest().classes().size()));
        }
        return out;
    }

    private static ObjectNode tensor(String name, String datatype, long... shape) {
        ObjectNode out = JSON.objectNode();
        out.put("name", name);
        out.put("datatype", datatype);
        ArrayNode dims = out.putArray("shape");
        for (long dim : shape) {
            dims.add(dim);
        }
        return out;
    }

    /**
     * {@code POST .../infer}: checks every input tensor against the model's inputs; the answer holds the
     * requested outputs (all by default) and echoes the request's {@code id}.
     *
     * @throws HttpError 400 for a request that does not fit the model, naming the tensor and what was expected
     */
    static Call infer(ServedModel model, JsonNode request) {
        if (!request.isObject()) {
            throw HttpError.badRequest("the request body must be a JSON object with 'inputs'");
        }
        JsonNode inputs = request.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw HttpError.badRequest("'inputs' must be a non-empty array of tensors");
        }
        Map<String, BundleManifest.InputColumn> expected = new HashMap<>();
        model.inputs().forEach(input -> expected.put(input.column(), input));
        Map<String, String[]> values = new HashMap<>();
        int rows = -1;
        for (JsonNode tensor : inputs) {
            String name = tensor.path("name").isTextual() ? tensor.get("name").asText() : null;
            if (name == null) {
                throw HttpError.badRequest("every input needs a string 'name'");
            }
            BundleManifest.InputColumn input = expected.get(name);
            if (input == null) {
                throw HttpError.badRequest("input '" + name + "': the model has no such input; it takes "
                        + expected.keySet().stream().sorted().toList());
            }
            if (values.containsKey(name)) {
                throw HttpError.badRequest("input '" + name + "' is given twice");
            }
            String[] column = column(name, input, tensor);
            if (rows >= 0 && column.length != rows) {
                throw HttpError.badRequest("input '" + name + "' has " + column.length + " rows but another input has "
                        + rows);
            }
            rows = column.length;
            values.put(name, column);
        }
        for (String name : expected.keySet()) {
            if (!values.containsKey(name)) {
                throw HttpError.badRequest("input '" + name + "' is missing; the model takes "
                        + expected.keySet().stream().sorted().toList());
            }
        }
        if (rows == 0) {
            throw HttpError.badRequest("the inputs hold no rows");
        }
        Set<String> wanted = requestedOutputs(model, request.get("outputs"));
        JsonNode id = request.get("id");
        return new Call(model.inputs(rows, (row, name) -> values.get(name)[row]), rows,
                scores -> inferResponse(model, id, wanted, scores));
    }

    private static ObjectNode inferResponse(ServedModel model, JsonNode id, Set<String> wanted,
            BundleSession.Scores scores) {
        ObjectNode out = JSON.objectNode();
        out.put("model_name", model.name());
        out.put("model_version", model.version());
        if (id != null) {
            out.set("id", id);
        }
        ArrayNode outputs = out.putArray("outputs");
        int n = scores.rows();
        if (wanted.contains("prediction")) {
            ObjectNode tensor = tensor("prediction", "FP32", n);
            ArrayNode data = tensor.putArray("data");
            for (float value : scores.predictions()) {
                data.add(value);
            }
            outputs.add(tensor);
        }
        if (wanted.contains("label")) {
            ObjectNode tensor = tensor("label", "BYTES", n);
            ArrayNode data = tensor.putArray("data");
            for (String label : scores.labels()) {
                data.add(label);
            }
            outputs.add(tensor);
        }
        if (wanted.contains("probabilities")) {
            int classes = model.manifest().classes().size();
            ObjectNode tensor = tensor("probabilities", "FP32", n, classes);
            ArrayNode data = tensor.putArray("data");
            for (float[] row : scores.probabilities()) {
                for (float p : row) {
                    data.add(p);
                }
            }
            outputs.add(tensor);
        }
        return out;
    }

    /** One input tensor's values as raw text per row ({@code null} = missing). */
    private static String[] column(String name, BundleManifest.InputColumn input, JsonNode tensor) {
        String where = "input '" + name + "'";
        boolean numeric = input.type().equals("numeric");
        String datatype = tensor.path("datatype").asText("");
        if (numeric ? !NUMERIC_TYPES.contains(datatype) : !datatype.equals("BYTES")) {
            throw HttpError.badRequest(where + ": datatype '" + datatype + "' does not fit; expected "
                    + (numeric ? "FP64 (or another number type)" : "BYTES"));
        }
        JsonNode shape = tensor.get("shape");
        if (shape == null || !shape.isArray() || shape.isEmpty() || shape.size() > 2) {
            throw HttpError.badRequest(where + ": 'shape' must be [rows] or [rows, 1]");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!shape.get(i).canConvertToLong() || !shape.get(i).isIntegralNumber() || shape.get(i).asLong() < 0) {
                throw HttpError.badRequest(where + ": 'shape' must hold non-negative integers, got " + shape);
            }
            dims[i] = shape.get(i).asLong();
        }
        if (dims.length == 2 && dims[1] != 1) {
            throw HttpError.badRequest(where + ": shape " + shape + " does not fit; the model takes one value per row"
                    + " ([rows, 1])");
        }
        if (dims[0] > MAX_ROWS) {
            throw HttpError.badRequest(where + ": " + dims[0] + " rows is more than the " + MAX_ROWS + " a request may hold");
        }
        List<JsonNode> data = new ArrayList<>();
        flatten(tensor.get("data"), data, where, 0, dims[0]);
        if (data.size() != dims[0]) {
            throw HttpError.badRequest(where + ": 'data' holds " + data.size() + " values but shape " + shape
                    + " needs " + dims[0]);
        }
        String[] column = new String[data.size()];
        for (int i = 0; i < column.length; i++) {
            JsonNode value = data.get(i);
            if (numeric && value.isNull()) {
                column[i] = null;
            } else if (numeric && value.isNumber()) {
                column[i] = value.asText();
            } else if (!numeric && value.isTextual()) {
                column[i] = value.asText();
            } else {
                throw HttpError.badRequest(where + ", value " + i + ": expected " + (numeric ? "a number (or null)"
                        : "a string") + ", got " + describe(value));
            }
        }
        return column;
    }

    /** The most rows one request may hold. */
    static final long MAX_ROWS = 100_000;
    /** The deepest nesting of a tensor's {@code data}. */
    private static final int MAX_DEPTH = 8;

    /** {@code data}, flat or nested arrays, into {@code out}; refuses more than {@code limit} values early. */
    private static void flatten(JsonNode data, List<JsonNode> out, String where, int depth, long limit) {
        if (data == null || !data.isArray()) {
            throw HttpError.badRequest(where + ": 'data' must be an array (flat, or nested as the shape)");
        }
        if (depth > MAX_DEPTH) {
            throw HttpError.badRequest(where + ": 'data' is nested deeper than " + MAX_DEPTH + " levels");
        }
        for (JsonNode value : data) {
            if (value.isArray()) {
                flatten(value, out, where, depth + 1, limit);
            } else if (out.size() >= limit) {
                throw HttpError.badRequest(where + ": 'data' holds more values than its shape (" + limit + ")");
            } else {
                out.add(value);
            }
        }
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private static Set<String> requestedOutputs(ServedModel model, JsonNode outputs) {
        Set<String> known = new LinkedHashSet<>(model.manifest().classes().isEmpty() ? List.of("prediction")
                : List.of("label", "probabilities"));
        if (outputs == null) {
            return known;
        }
        if (!outputs.isArray()) {
            throw HttpError.badRequest("'outputs' must be an array of {\"name\": ...}");
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (JsonNode output : outputs) {
            String name = output.path("name").asText(null);
            if (name == null || !known.contains(name)) {
                throw HttpError.badRequest("output " + output + ": the model's outputs are " + known);
            }
            wanted.add(name);
        }
        return wanted;
    }

    /**
     * {@code POST /v1/models/{m}:predict}: {@code {"instances": [{"column": value, ...}, ...]}} of raw rows
     * (a column left out or {@code null} is missing); the answer holds each row's label and class
     * probabilities (the bundle's decision threshold applied, as its graph applies it) or prediction.
     *
     * @throws HttpError 400 naming the instance and field of a bad value or an unknown field
     */
    static Call records(ServedModel model, JsonNode request) {
        JsonNode instances = request.isObject() ? request.get("instances") : null;
        if (instances == null || !instances.isArray() || instances.isEmpty()) {
            throw HttpError.badRequest("the body must be {\"instances\": [{\"column\": value, ...}, ...]}");
        }
        if (instances.size() > MAX_ROWS) {
            throw HttpError.badRequest(instances.size() + " instances is more than the " + MAX_ROWS + " a request may hold");
        }
        Set<String> known = new LinkedHashSet<>();
        model.inputs().forEach(input -> known.add(input.column()));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            JsonNode instance = instances.get(i);
            if (!instance.isObject()) {
                throw HttpError.badRequest("instance " + i + ": expected an object of column values, got "
                        + describe(instance));
            }
            Map<String, String> row = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = instance.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!known.contains(field.getKey())) {
                    throw HttpError.badRequest("instance " + i + ": unknown field '" + field.getKey()
                            + "'; the model reads " + known);
                }
                JsonNode value = field.getValue();
                if (value.isContainerNode()) {
                    throw HttpError.badRequest("instance " + i + ", field '" + field.getKey()
                            + "': expected a number, a string or null, got " + describe(value));
                }
                row.put(field.getKey(), value.isNull() ? null : value.asText());
            }
            rows.add(row);
        }
        return new Call(model.inputs(rows.size(), (row, column) -> rows.get(row).get(column)), rows.size(),
                scores -> recordsResponse(model, scores));
    }

    private static ObjectNode recordsResponse(ServedModel model, BundleSession.Scores scores) {
        ObjectNode out = JSON.objectNode();
        out.put("model_name", model.name());
        out.put("model_version", model.version());
        if (model.manifest().threshold() != null) {
            out.put("threshold", model.manifest().threshold());
        }
        ArrayNode predictions = out.putArray("predictions");
        List<String> classes = model.manifest().classes();
        for (int row = 0; row < scores.rows(); row++) {
            ObjectNode prediction = predictions.addObject();
            if (classes.isEmpty()) {
                prediction.put("prediction", scores.predictions()[row]);
            } else {
                prediction.put("label", scores.labels()[row]);
                ObjectNode probabilities = prediction.putObject("probabilities");
                for (int k = 0; k < classes.size(); k++) {
                    probabilities.put(classes.get(k), scores.probabilities()[row][k]);
                }
            }
        }
        return out;
    }
}
