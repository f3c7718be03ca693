package dev.anneal.serve.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of a V2 infer request, read in one streaming pass: each input tensor's {@code data} goes
 * straight into a {@link Values} column, with no JSON tree in between (for a single-row request, building
 * and walking the tree cost more than everything else the server does), and each {@code shape} into its
 * dimensions. The small parts ({@code id}, {@code outputs}, {@code parameters}, a tensor's
 * {@code parameters}) are kept as trees.
 * Only the JSON's syntax is checked here; {@link OpenInference#infer} checks the request against the model.
 */
final class InferRequestJson {

    /** The most dimensions of a {@code shape} kept: one more than a valid shape has. */
    static final int MAX_DIMS = 3;
    /** The deepest nesting of a tensor's {@code data}. */
    static final int MAX_DEPTH = 8;
    /**
     * Reads the small parts as trees, mid-stream (so without a check for trailing tokens); numbers with
     * Jackson's fast double parser, as most of a request's tokens are numbers.
     */
    private static final ObjectMapper TREES = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());

    /** The request's {@code id} ({@code null} when absent), to echo. */
    final JsonNode id;
    /** The request's {@code outputs}, or {@code null}. */
    final JsonNode outputs;
    /** The request's {@code parameters}, or {@code null}. */
    final JsonNode parameters;
    /** The input tensors, or {@code null} when {@code inputs} is absent or not an array. */
    final List<Tensor> inputs;

    InferRequestJson(JsonNode id, JsonNode outputs, JsonNode parameters, List<Tensor> inputs) {
        this.id = id;
        this.outputs = outputs;
        this.parameters = parameters;
        this.inputs = inputs;
    }

    /** One element of {@code inputs}, as sent (all fields unset when it is not an object). */
    static final class Tensor {
        /** The {@code name}, or {@code null} when absent or not a string. */
        String name;
        /** The {@code datatype} as text, "" when absent. */
        String datatype = "";
        /**
         * The {@code shape}'s first dimensions (at most {@link #MAX_DIMS}; -1 for one that is not a
         * non-negative integer); {@code null} when absent or not an array.
         */
        long[] shape;
        /** How many dimensions {@code shape} lists in all. */
        int dims;
        /** The {@code shape} as sent when it is not an array of non-negative integers, else {@code null}. */
        private String oddShape = "null";
        JsonNode parameters;
        /** The {@code data}'s scalars flattened in order, or {@code null} when absent. */
        Values data;
        /** Why {@code data} cannot be used (not an array, nested too deep, too many values), or {@code null}. */
        String dataProblem;

        /** Sets a {@code shape} of non-negative integers. */
        void validShape(long[] dimensions) {
            shape = dimensions;
            dims = dimensions.length;
            oddShape = null;
        }

        /** The {@code shape} as JSON, cut short, for an error. */
        String shapeText() {
            if (oddShape != null) {
                return oddShape;
            }
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < shape.length; i++) {
                text.append(i == 0 ? "" : ",").append(shape[i]);
            }
            return cut(text.append(dims > shape.length ? ",...]" : "]").toString());
        }
    }

    /** A tensor's {@code data}: numbers, strings, nulls and anything else, flattened in order. */
    static final class Values {
        /** What a value is. */
        enum Kind { NUMBER, STRING, NULL, OTHER }

        private Kind[] kinds = new Kind[4];
        private double[] numbers = new double[4];
        /** A string value, or the description of an {@code OTHER} one. */
        private String[] texts = new String[4];
        private int size;

        int size() {
            return size;
        }

        Kind kind(int i) {
            return kinds[i];
        }

        double number(int i) {
            return numbers[i];
        }

        /** A string's text, or what an {@code OTHER} value is ({@code "boolean true"}), for an error. */
        String text(int i) {
            return texts[i];
        }

        void add(Kind kind, double number, String text) {
            if (size == kinds.length) {
                int capacity = size * 2;
                kinds = Arrays.copyOf(kinds, capacity);
                numbers = Arrays.copyOf(numbers, capacity);
                texts = Arrays.copyOf(texts, capacity);
            }
            kinds[size] = kind;
            numbers[size] = number;
            texts[size] = text;
            size++;
        }
    }

    /**
     * Reads {@code length} bytes of JSON at {@code offset} of {@code bytes}: the usual form through
     * {@link InferRequestScan}, anything else with Jackson.
     *
     * @param maxValues the most values a tensor's {@code data} may hold
     * @throws HttpError 400 when the bytes are not one JSON value, or it is not an object
     */
    static InferRequestJson read(byte[] bytes, int offset, int length, long maxValues) {
        InferRequestJson usual = InferRequestScan.read(bytes, offset, length, maxValues);
        return usual != null ? usual : readWithJackson(bytes, offset, length, maxValues);
    }

    /**
     * {@link #read} with Jackson's parser, which reads any request: the fallback, and the reference the fast
     * path is tested against.
     */
    static InferRequestJson readWithJackson(byte[] bytes, int offset, int length, long maxValues) {
        try (JsonParser parser = TREES.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                skipAll(parser);
                throw HttpError.badRequest("the request body must be a JSON object with 'inputs'");
            }
            JsonNode id = null;
            JsonNode outputs = null;
            JsonNode parameters = null;
            List<Tensor> inputs = null;
            String field;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "inputs" -> inputs = token == JsonToken.START_ARRAY ? tensors(parser, maxValues)
                            : skip(parser, null);
                    case "id" -> id = TREES.readTree(parser);
                    case "outputs" -> outputs = TREES.readTree(parser);
                    case "parameters" -> parameters = TREES.readTree(parser);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw HttpError.badRequest("the body is not valid JSON: more than one value");
            }
            return new InferRequestJson(id, outputs, parameters, inputs);
        } catch (IOException e) {
            throw HttpError.unreadableJson(e);
        }
    }

    /** Reads to the end, so that a syntax error anywhere is reported as one. */
    private static void skipAll(JsonParser parser) throws IOException {
        while (parser.nextToken() != null) {
            parser.skipChildren();
        }
    }

    private static <T> T skip(JsonParser parser, T value) throws IOException {
        parser.skipChildren();
        return value;
    }

    private static List<Tensor> tensors(JsonParser parser, long maxValues) throws IOException {
        List<Tensor> tensors = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            Tensor tensor = new Tensor();
            tensors.add(tensor);
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            String field;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "name" -> tensor.name = token == JsonToken.VALUE_STRING ? parser.getText() : skip(parser, null);
                    case "datatype" -> tensor.datatype = token.isScalarValue() && token != JsonToken.VALUE_NULL
                            ? parser.getText() : skip(parser, "");
                    case "shape" -> shape(parser, tensor);
                    case "parameters" -> tensor.parameters = TREES.readTree(parser);
                    case "data" -> data(parser, tensor, maxValues);
                    default -> parser.skipChildren();
                }
            }
        }
        return tensors;
    }

    /**
     * {@code shape}: an array of dimensions, read without a tree; its text is kept only when it holds
     * something other than non-negative integers (others are written back from the numbers when an error
     * needs them).
     */
    private static void shape(JsonParser parser, Tensor tensor) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            tensor.shape = null;
            tensor.oddShape = cut(TREES.readTree(parser).toString());
            return;
        }
        long[] dims = new long[MAX_DIMS];
        int count = 0;
        StringBuilder odd = null;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            boolean integer = parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
            long dim = integer ? parser.getLongValue() : -1;
            if (dim < 0 && odd == null) {
                odd = new StringBuilder("[");
                for (int i = 0; i < count; i++) {
                    odd.append(i == 0 ? "" : ",").append(dims[i]);
                }
            }
            if (odd != null && odd.length() <= 40) {
                odd.append(count == 0 ? "" : ",").append(integer ? parser.getText() : TREES.readTree(parser).toString());
            } else if (!integer) {
                parser.skipChildren();
            }
            if (count < MAX_DIMS) {
                dims[count] = Math.max(dim, -1);
            }
            count++;
        }
        tensor.shape = Arrays.copyOf(dims, Math.min(count, MAX_DIMS));
        tensor.dims = count;
        tensor.oddShape = odd == null ? null : cut(odd.append(']').toString());
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** {@code data}, flat or nested arrays, flattened into {@code tensor.data}. */
    private static void data(JsonParser parser, Tensor tensor, long maxValues)
            throws IOException {
        Values values = new Values();
        tensor.data = values;
        tensor.dataProblem = null;
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            tensor.dataProblem = "'data' must be an array (flat, or nested as the shape)";
            parser.skipChildren();
            return;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            switch (token) {
                case START_ARRAY -> {
                    if (depth > MAX_DEPTH) {
                        tensor.dataProblem = "'data' is nested deeper than " + MAX_DEPTH + " levels";
                        parser.skipChildren();
                    } else {
                        depth++;
                    }
                    continue;
                }
                case END_ARRAY -> {
                    depth--;
                    continue;
                }
                default -> { }
            }
            if (values.size() >= maxValues) {
                tensor.dataProblem = "'data' holds more than the " + maxValues + " values a request may hold";
                parser.skipChildren();
                continue;
            }
            switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> values.add(Values.Kind.NUMBER, parser.getDoubleValue(), null);
                case VALUE_STRING -> values.add(Values.Kind.STRING, 0, parser.getText());
                case VALUE_NULL -> values.add(Values.Kind.NULL, 0, null);
                default -> values.add(Values.Kind.OTHER, 0, describe(TREES.readTree(parser)));
            }
        }
    }

    /** What a JSON value is, for an error: its type and its text, cut at 40 characters. */
    static String describe(JsonNode value) {
        return value.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + cut(value.toString());
    }
}
