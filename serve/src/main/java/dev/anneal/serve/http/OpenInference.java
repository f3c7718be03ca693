package dev.anneal.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.serve.runtime.BundleSession;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    record Call(Map<String, Object> inputs, int rows, Function<BundleSession.Scores, Answer> answer) {
    }

    /** A request: its JSON, and the binary tensor data after it ({@code null} without the extension). */
    record Request(JsonNode json, ByteBuffer binary) {
    }

    /** An answer: its JSON, and the binary tensor data to send after it ({@code null} for none). */
    record Answer(ObjectNode json, byte[] binary) {
    }

    /** {@code GET /v2}: the server's name, version and protocol extensions. */
    static ObjectNode serverMetadata(String version) {
        ObjectNode out = JSON.objectNode();
        out.put("name", "anneal");
        out.put("version", version);
        out.putArray("extensions").add("binary_tensor_data");
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
    static Call infer(ServedModel model, Request call) {
        JsonNode request = call.json();
        BinaryTensors.Reader binary = new BinaryTensors.Reader(call.binary());
        if (!request.isObject()) {
            throw HttpError.badRequest("the request body must be a JSON object with 'inputs'");
        }
        JsonNode inputs = request.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw HttpError.badRequest("'inputs' must be a non-empty array of tensors");
        }
        Map<String, BundleManifest.InputColumn> expected = model.inputsByName();
        Map<String, Object[]> values = new HashMap<>();
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
            Object[] column = column(name, input, tensor, binary);
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
        if (binary.hasRemaining()) {
            throw HttpError.badRequest("binary data is left over after the inputs' binary_data_size");
        }
        Map<String, Boolean> wanted = requestedOutputs(model, request.get("outputs"),
                request.path("parameters").path("binary_data_output").asBoolean(false));
        JsonNode id = request.get("id");
        return new Call(model.inputs(rows, (row, name) -> values.get(name)[row]), rows,
                scores -> inferResponse(model, id, wanted, scores));
    }

    /** The outputs, each as JSON data or (when {@code wanted} says so) as binary data after the JSON. */
    private static Answer inferResponse(ServedModel model, JsonNode id, Map<String, Boolean> wanted,
            BundleSession.Scores scores) {
        ObjectNode out = JSON.objectNode();
        out.put("model_name", model.name());
        out.put("model_version", model.version());
        if (id != null) {
            out.set("id", id);
        }
        ArrayNode outputs = out.putArray("outputs");
        int n = scores.rows();
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        for (Map.Entry<String, Boolean> output : wanted.entrySet()) {
            String name = output.getKey();
            ObjectNode tensor = name.equals("label") ? tensor(name, "BYTES", n)
                    : name.equals("prediction") ? tensor(name, "FP32", n)
                    : tensor(name, "FP32", n, model.manifest().classes().size());
            float[] numbers = name.equals("prediction") ? scores.predictions()
                    : name.equals("probabilities") ? flat(scores.probabilities()) : null;
            if (output.getValue()) {
                byte[] bytes = numbers == null ? BinaryTensors.strings(scores.labels()) : BinaryTensors.floats(numbers);
                tensor.putObject("parameters").put("binary_data_size", bytes.length);
                binary.writeBytes(bytes);
            } else {
                ArrayNode data = tensor.putArray("data");
                if (numbers == null) {
                    for (String label : scores.labels()) {
                        data.add(label);
                    }
                } else {
                    for (float value : numbers) {
                        data.add(value);
                    }
                }
            }
            outputs.add(tensor);
        }
        return new Answer(out, binary.size() == 0 ? null : binary.toByteArray());
    }

    private static float[] flat(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * width];
        for (int row = 0; row < rows.length; row++) {
            System.arraycopy(rows[row], 0, out, row * width, width);
        }
        return out;
    }

    /** One input tensor's values: a {@link Double} (number) or {@link String} per row, {@code null} = missing. */
    private static Object[] column(String name, BundleManifest.InputColumn input, JsonNode tensor,
            BinaryTensors.Reader binary) {
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
        JsonNode binarySize = tensor.path("parameters").get("binary_data_size");
        if (binarySize != null) {
            if (!binarySize.canConvertToLong() || tensor.has("data")) {
                throw HttpError.badRequest(where + ": 'binary_data_size' must be a number of bytes, and then the tensor"
                        + " has no 'data'");
            }
            return binary.take(where, datatype, binarySize.asLong(), (int) dims[0]);
        }
        List<JsonNode> data = new ArrayList<>();
        flatten(tensor.get("data"), data, where, 0, dims[0]);
        if (data.size() != dims[0]) {
            throw HttpError.badRequest(where + ": 'data' holds " + data.size() + " values but shape " + shape
                    + " needs " + dims[0]);
        }
        Object[] column = new Object[data.size()];
        for (int i = 0; i < column.length; i++) {
            JsonNode value = data.get(i);
            if (numeric && value.isNull()) {
                column[i] = null;
            } else if (numeric && value.isNumber()) {
                column[i] = value.doubleValue();
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

    /** The outputs to send, in order, each with whether it goes as binary data. */
    private static Map<String, Boolean> requestedOutputs(ServedModel model, JsonNode outputs, boolean binary) {
        List<String> known = model.manifest().classes().isEmpty() ? List.of("prediction")
                : List.of("label", "probabilities");
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        if (outputs == null) {
            known.forEach(name -> wanted.put(name, binary));
            return wanted;
        }
        if (!outputs.isArray()) {
            throw HttpError.badRequest("'outputs' must be an array of {\"name\": ...}");
        }
        for (JsonNode output : outputs) {
            String name = output.path("name").asText(null);
            if (name == null || !known.contains(name)) {
                throw HttpError.badRequest("output " + output + ": the model's outputs are " + known);
            }
            wanted.put(name, output.path("parameters").path("binary_data").asBoolean(binary));
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
    static Call records(ServedModel model, Request call) {
        if (call.binary() != null) {
            throw HttpError.badRequest("the records endpoint takes JSON only, not binary tensor data");
        }
        JsonNode request = call.json();
        JsonNode instances = request.isObject() ? request.get("instances") : null;
        if (instances == null || !instances.isArray() || instances.isEmpty()) {
            throw HttpError.badRequest("the body must be {\"instances\": [{\"column\": value, ...}, ...]}");
        }
        if (instances.size() > MAX_ROWS) {
            throw HttpError.badRequest(instances.size() + " instances is more than the " + MAX_ROWS + " a request may hold");
        }
        Set<String> known = model.inputsByName().keySet();
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
                scores -> new Answer(recordsResponse(model, scores), null));
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
