package dev.anneal.serve.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.core.bundle.BundleManifest;
import dev.anneal.serve.runtime.BundleSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    /** Reads records bodies and writes answers; floats with Jackson's fast writer (answers are mostly floats). */
    private static final ObjectMapper TREES = new ObjectMapper(JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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

    /**
     * A request: its body, whose first {@code jsonLength} bytes are JSON, and the binary tensor data after
     * them ({@code null} without the extension).
     */
    record Request(byte[] body, int jsonLength, ByteBuffer binary) {

        /**
         * The JSON as a tree.
         *
         * @throws HttpError 400 when it is not one JSON value
         */
        JsonNode tree() {
            try {
                return TREES.readTree(body, 0, jsonLength);
            } catch (IOException e) {
                throw HttpError.unreadableJson(e);
            }
        }
    }

    /** An answer: its JSON, written, and the binary tensor data to send after it ({@code null} for none). */
    record Answer(byte[] json, byte[] binary) {

        /** An answer of {@code json} alone. */
        static Answer of(ObjectNode json) {
            try {
                return new Answer(TREES.writeValueAsBytes(json), null);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
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
        InferRequestJson request = InferRequestJson.read(call.body(), 0, call.jsonLength(), MAX_ROWS);
        BinaryTensors.Reader binary = new BinaryTensors.Reader(call.binary());
        if (request.inputs == null || request.inputs.isEmpty()) {
            throw HttpError.badRequest("'inputs' must be a non-empty array of tensors");
        }
        Map<String, Integer> positions = model.inputPositions();
        Object[][] values = new Object[positions.size()][];
        int rows = -1;
        for (InferRequestJson.Tensor tensor : request.inputs) {
            String name = tensor.name;
            if (name == null) {
                throw HttpError.badRequest("every input needs a string 'name'");
            }
            Integer position = positions.get(name);
            if (position == null) {
                throw HttpError.badRequest("input '" + name + "': the model has no such input; it takes "
                        + positions.keySet().stream().sorted().toList());
            }
            if (values[position] != null) {
                throw HttpError.badRequest("input '" + name + "' is given twice");
            }
            Object[] column = column(name, model.inputs().get(position), tensor, binary);
            if (rows >= 0 && column.length != rows) {
                throw HttpError.badRequest("input '" + name + "' has " + column.length + " rows but another input has "
                        + rows);
            }
            rows = column.length;
            values[position] = column;
        }
        for (Map.Entry<String, Integer> input : positions.entrySet()) {
            if (values[input.getValue()] == null) {
                throw HttpError.badRequest("input '" + input.getKey() + "' is missing; the model takes "
                        + positions.keySet().stream().sorted().toList());
            }
        }
        if (rows == 0) {
            throw HttpError.badRequest("the inputs hold no rows");
        }
        if (binary.hasRemaining()) {
            throw HttpError.badRequest("binary data is left over after the inputs' binary_data_size");
        }
        JsonNode parameters = request.parameters == null ? JSON.missingNode() : request.parameters;
        Map<String, Boolean> wanted = requestedOutputs(model, request.outputs,
                parameters.path("binary_data_output").asBoolean(false));
        JsonNode id = request.id;
        return new Call(model.inputs(rows, (row, input) -> values[input][row]), rows,
                scores -> inferResponse(model, id, wanted, scores));
    }

    /**
     * The outputs, each as JSON data or (when {@code wanted} says so) as binary data after the JSON; written
     * straight to bytes, as the single-row requests a server mostly answers spend much of their time here.
     */
    private static Answer inferResponse(ServedModel model, JsonNode id, Map<String, Boolean> wanted,
            BundleSession.Scores scores) {
        int n = scores.rows();
        ByteArrayBuilder json = new ByteArrayBuilder(256);
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        try (JsonGenerator out = TREES.createGenerator(json)) {
            out.writeStartObject();
            out.writeStringField("model_name", model.name());
            out.writeStringField("model_version", model.version());
            if (id != null) {
                out.writeFieldName("id");
                out.writeTree(id);
            }
            out.writeArrayFieldStart("outputs");
            for (Map.Entry<String, Boolean> output : wanted.entrySet()) {
                String name = output.getKey();
                out.writeStartObject();
                out.writeStringField("name", name);
                out.writeStringField("datatype", name.equals("label") ? "BYTES" : "FP32");
                out.writeArrayFieldStart("shape");
                out.writeNumber(n);
                if (name.equals("probabilities")) {
                    out.writeNumber(model.manifest().classes().size());
                }
                out.writeEndArray();
                float[] numbers = name.equals("prediction") ? scores.predictions()
                        : name.equals("probabilities") ? flat(scores.probabilities()) : null;
                if (output.getValue()) {
                    byte[] bytes = numbers == null ? BinaryTensors.strings(scores.labels()) : BinaryTensors.floats(numbers);
                    out.writeObjectFieldStart("parameters");
                    out.writeNumberField("binary_data_size", bytes.length);
                    out.writeEndObject();
                    binary.writeBytes(bytes);
                } else {
                    out.writeArrayFieldStart("data");
                    if (numbers == null) {
                        for (String label : scores.labels()) {
                            out.writeString(label);
                        }
                    } else {
                        for (float value : numbers) {
                            out.writeNumber(value);
                        }
                    }
                    out.writeEndArray();
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Answer(json.toByteArray(), binary.size() == 0 ? null : binary.toByteArray());
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
    private static Object[] column(String name, BundleManifest.InputColumn input, InferRequestJson.Tensor tensor,
            BinaryTensors.Reader binary) {
        String where = "input '" + name + "'";
        boolean numeric = input.type().equals("numeric");
        String datatype = tensor.datatype;
        if (numeric ? !NUMERIC_TYPES.contains(datatype) : !datatype.equals("BYTES")) {
            throw HttpError.badRequest(where + ": datatype '" + datatype + "' does not fit; expected "
                    + (numeric ? "FP64 (or another number type)" : "BYTES"));
        }
        long rows = rows(where, tensor);
        JsonNode binarySize = tensor.parameters == null ? null : tensor.parameters.get("binary_data_size");
        if (binarySize != null) {
            if (!binarySize.canConvertToLong() || tensor.data != null) {
                throw HttpError.badRequest(where + ": 'binary_data_size' must be a number of bytes, and then the tensor"
                        + " has no 'data'");
            }
            return binary.take(where, datatype, binarySize.asLong(), (int) rows);
        }
        if (tensor.data == null) {
            throw HttpError.badRequest(where + ": 'data' must be an array (flat, or nested as the shape)");
        }
        if (tensor.dataProblem != null) {
            throw HttpError.badRequest(where + ": " + tensor.dataProblem);
        }
        InferRequestJson.Values data = tensor.data;
        if (data.size() > rows) {
            throw HttpError.badRequest(where + ": 'data' holds more values than its shape (" + rows + ")");
        }
        if (data.size() != rows) {
            throw HttpError.badRequest(where + ": 'data' holds " + data.size() + " values but shape " + tensor.shapeText()
                    + " needs " + rows);
        }
        Object[] column = new Object[data.size()];
        for (int i = 0; i < column.length; i++) {
            InferRequestJson.Values.Kind kind = data.kind(i);
            if (numeric && kind == InferRequestJson.Values.Kind.NULL) {
                column[i] = null;
            } else if (numeric && kind == InferRequestJson.Values.Kind.NUMBER) {
                column[i] = data.number(i);
            } else if (!numeric && kind == InferRequestJson.Values.Kind.STRING) {
                column[i] = data.text(i);
            } else {
                throw HttpError.badRequest(where + ", value " + i + ": expected " + (numeric ? "a number (or null)"
                        : "a string") + ", got " + describe(data, i));
            }
        }
        return column;
    }

    /** The rows a tensor's {@code shape} gives ({@code [rows]} or {@code [rows, 1]}). */
    private static long rows(String where, InferRequestJson.Tensor tensor) {
        long[] dims = tensor.shape;
        if (dims == null || tensor.dims == 0 || tensor.dims > 2) {
            throw HttpError.badRequest(where + ": 'shape' must be [rows] or [rows, 1]");
        }
        for (long dim : dims) {
            if (dim < 0) {
                throw HttpError.badRequest(where + ": 'shape' must hold non-negative integers, got " + tensor.shapeText());
            }
        }
        if (dims.length == 2 && dims[1] != 1) {
            throw HttpError.badRequest(where + ": shape " + tensor.shapeText() + " does not fit; the model takes one value"
                    + " per row ([rows, 1])");
        }
        if (dims[0] > MAX_ROWS) {
            throw HttpError.badRequest(where + ": " + dims[0] + " rows is more than the " + MAX_ROWS + " a request may hold");
        }
        return dims[0];
    }

    /** The most rows one request may hold. */
    static final long MAX_ROWS = 100_000;

    private static String describe(InferRequestJson.Values data, int i) {
        return switch (data.kind(i)) {
            case NUMBER -> "number " + data.number(i);
            case NULL -> "null null";
            case STRING -> InferRequestJson.describe(JSON.textNode(data.text(i)));
            case OTHER -> data.text(i);
        };
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
        JsonNode request = call.tree();
        JsonNode instances = request.isObject() ? request.get("instances") : null;
        if (instances == null || !instances.isArray() || instances.isEmpty()) {
            throw HttpError.badRequest("the body must be {\"instances\": [{\"column\": value, ...}, ...]}");
        }
        if (instances.size() > MAX_ROWS) {
            throw HttpError.badRequest(instances.size() + " instances is more than the " + MAX_ROWS + " a request may hold");
        }
        Set<String> known = model.inputPositions().keySet();
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            JsonNode instance = instances.get(i);
            if (!instance.isObject()) {
                throw HttpError.badRequest("instance " + i + ": expected an object of column values, got "
                        + InferRequestJson.describe(instance));
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
                            + "': expected a number, a string or null, got " + InferRequestJson.describe(value));
                }
                row.put(field.getKey(), value.isNull() ? null : value.asText());
            }
            rows.add(row);
        }
        List<BundleManifest.InputColumn> inputs = model.inputs();
        return new Call(model.inputs(rows.size(), (row, input) -> rows.get(row).get(inputs.get(input).column())),
                rows.size(),
                scores -> Answer.of(recordsResponse(model, scores)));
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
