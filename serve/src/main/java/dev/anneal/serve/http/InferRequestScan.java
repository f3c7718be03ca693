package dev.anneal.serve.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path of {@link InferRequestJson#read}: reads the infer request that V2 clients send — an object
 * of {@code inputs} and perhaps a string {@code id}, each tensor an object of {@code name},
 * {@code datatype}, {@code shape} and {@code data} (numbers, nulls and ASCII strings without escapes, flat
 * or nested) — straight from the bytes, in about half the time of Jackson's token walk
 * (docs/benchmarks.md). On anything else (another key, another kind of value, a duplicate key, an escape,
 * a syntax error) it gives up and Jackson reads the request, so the two never differ in what a request
 * means or in how a bad one is reported: the strict JSON grammar is checked here as far as it reads.
 */
final class InferRequestScan {

    /** Thrown (without a stack trace) where this reader gives up; caught in {@link #read}. */
    private static final class NotSimple extends RuntimeException {
        NotSimple() {
            super(null, null, false, false);
        }
    }

    private static final NotSimple NOT_SIMPLE = new NotSimple();
    /** The longest number read here; Jackson's limits apply to longer ones. */
    private static final int MAX_NUMBER_LENGTH = 100;
    /** {@code 10^i}, each exactly a double. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private static final byte[] INPUTS = ascii("inputs");
    private static final byte[] ID = ascii("id");
    private static final byte[] NAME = ascii("name");
    private static final byte[] DATATYPE = ascii("datatype");
    private static final byte[] SHAPE = ascii("shape");
    private static final byte[] DATA = ascii("data");
    private static final byte[] NULL = ascii("null");
    /** A tensor's keys as bits, to refuse a duplicate. */
    private static final int NAME_FIELD = 1;
    private static final int DATATYPE_FIELD = 2;
    private static final int SHAPE_FIELD = 4;
    private static final int DATA_FIELD = 8;
    /** The datatypes clients send most, read without a new string each. */
    private static final String[] DATATYPES = {"FP64", "BYTES", "FP32", "INT64", "INT32"};
    private static final byte[][] DATATYPE_BYTES = Arrays.stream(DATATYPES).map(InferRequestScan::ascii)
            .toArray(byte[][]::new);

    private final byte[] bytes;
    private final int end;
    private final long maxValues;
    private int at;
    /** Where the last string read by {@link #string()} starts, and its length. */
    private int stringStart;
    private int stringLength;

    private InferRequestScan(byte[] bytes, int offset, int length, long maxValues) {
        this.bytes = bytes;
        this.at = offset;
        this.end = offset + length;
        this.maxValues = maxValues;
    }

    /**
     * The request in {@code length} bytes of {@code bytes} at {@code offset}, as {@link InferRequestJson#read}
     * would read it; {@code null} when it is not of the simple form or not valid JSON.
     */
    static InferRequestJson read(byte[] bytes, int offset, int length, long maxValues) {
        try {
            return new InferRequestScan(bytes, offset, length, maxValues).request();
        } catch (NotSimple e) {
            return null;
        }
    }

    private InferRequestJson request() {
        expect('{');
        String id = null;
        List<InferRequestJson.Tensor> inputs = null;
        if (!closes('}')) {
            do {
                key();
                if (is(INPUTS) && inputs == null) {
                    inputs = tensors();
                } else if (is(ID) && id == null) {
                    expect('"');
                    id = text();
                } else {
                    throw NOT_SIMPLE;
                }
            } while (next(',', '}'));
        }
        skipSpace();
        if (at != end) {
            throw NOT_SIMPLE;
        }
        return new InferRequestJson(id == null ? null : JsonNodeFactory.instance.textNode(id), null, null, inputs);
    }

    private List<InferRequestJson.Tensor> tensors() {
        expect('[');
        List<InferRequestJson.Tensor> tensors = new ArrayList<>();
        if (closes(']')) {
            return tensors;
        }
        do {
            tensors.add(tensor());
        } while (next(',', ']'));
        return tensors;
    }

    private InferRequestJson.Tensor tensor() {
        expect('{');
        InferRequestJson.Tensor tensor = new InferRequestJson.Tensor();
        if (closes('}')) {
            return tensor;
        }
        int seen = 0;
        do {
            key();
            int field = is(NAME) ? NAME_FIELD : is(DATATYPE) ? DATATYPE_FIELD : is(SHAPE) ? SHAPE_FIELD
                    : is(DATA) ? DATA_FIELD : 0;
            if (field == 0 || (seen & field) != 0) {
                throw NOT_SIMPLE;
            }
            seen |= field;
            switch (field) {
                case NAME_FIELD -> {
                    expect('"');
                    tensor.name = text();
                }
                case DATATYPE_FIELD -> {
                    expect('"');
                    tensor.datatype = datatype();
                }
                case SHAPE_FIELD -> shape(tensor);
                default -> data(tensor);
            }
        } while (next(',', '}'));
        return tensor;
    }

    /** A {@code shape} of at most {@link InferRequestJson#MAX_DIMS} non-negative integers. */
    private void shape(InferRequestJson.Tensor tensor) {
        expect('[');
        long[] dims = new long[InferRequestJson.MAX_DIMS];
        int count = 0;
        if (!closes(']')) {
            do {
                if (count == dims.length) {
                    throw NOT_SIMPLE;
                }
                skipSpace();
                dims[count++] = dimension();
            } while (next(',', ']'));
        }
        tensor.validShape(Arrays.copyOf(dims, count));
    }

    /** A non-negative integer of up to 18 digits. */
    private long dimension() {
        int start = at;
        long value = 0;
        while (at < end && isDigit(bytes[at])) {
            value = value * 10 + (bytes[at++] - '0');
        }
        int digits = at - start;
        if (digits == 0 || digits > 18 || (digits > 1 && bytes[start] == '0') || endsNumberAsFraction()) {
            throw NOT_SIMPLE;
        }
        return value;
    }

    /** {@code data}: numbers, nulls and strings in arrays nested less deep than Jackson's limit. */
    private void data(InferRequestJson.Tensor tensor) {
        InferRequestJson.Values values = new InferRequestJson.Values();
        expect('[');
        values(values, 1);
        tensor.data = values;
    }

    /** The rest of an array at {@code depth} (its '[' read), its values added to {@code values}. */
    private void values(InferRequestJson.Values values, int depth) {
        if (closes(']')) {
            return;
        }
        do {
            skipSpace();
            byte first = peek();
            if (first == '[') {
                if (depth >= InferRequestJson.MAX_DEPTH) {
                    throw NOT_SIMPLE;
                }
                at++;
                values(values, depth + 1);
                continue;
            }
            if (values.size() >= maxValues) {
                throw NOT_SIMPLE;
            }
            if (first == '"') {
                at++;
                values.add(InferRequestJson.Values.Kind.STRING, 0, text());
            } else if (first == 'n') {
                literal(NULL);
                values.add(InferRequestJson.Values.Kind.NULL, 0, null);
            } else {
                values.add(InferRequestJson.Values.Kind.NUMBER, number(), null);
            }
        } while (next(',', ']'));
    }

    /**
     * A JSON number, as Jackson gives it: an integer as its {@code long} converted, a fraction exactly
     * when its digits make an exact double (Clinger's fast path), else through {@link Double#parseDouble};
     * each correctly rounded.
     */
    private double number() {
        byte[] in = bytes;
        int start = at;
        int i = start;
        boolean negative = i < end && in[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long mantissa = 0;
        while (i < end && isDigit(in[i])) {
            mantissa = mantissa * 10 + (in[i++] - '0');
        }
        int integerDigits = i - digitsStart;
        if (integerDigits == 0 || (integerDigits > 1 && in[digitsStart] == '0')) {
            throw NOT_SIMPLE;
        }
        int fractionDigits = -1;
        if (i < end && in[i] == '.') {
            int fractionStart = ++i;
            while (i < end && isDigit(in[i])) {
                mantissa = mantissa * 10 + (in[i++] - '0');
            }
            fractionDigits = i - fractionStart;
            if (fractionDigits == 0) {
                throw NOT_SIMPLE;
            }
        }
        boolean exponent = i < end && (in[i] == 'e' || in[i] == 'E');
        if (exponent) {
            i++;
            if (i < end && (in[i] == '+' || in[i] == '-')) {
                i++;
            }
            int exponentStart = i;
            while (i < end && isDigit(in[i])) {
                i++;
            }
            if (i == exponentStart) {
                throw NOT_SIMPLE;
            }
        }
        at = i;
        if (i - start > MAX_NUMBER_LENGTH) {
            throw NOT_SIMPLE;
        }
        int digits = integerDigits + Math.max(fractionDigits, 0);
        if (!exponent && digits <= 15) {
            if (fractionDigits < 0) {
                return negative ? -mantissa : mantissa;
            }
            double value = mantissa / POWERS_OF_TEN[fractionDigits];
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(in, start, i - start, StandardCharsets.ISO_8859_1));
    }

    /** Whether the integer just read goes on as a fraction or an exponent (so it is not an integer). */
    private boolean endsNumberAsFraction() {
        return at < end && (bytes[at] == '.' || bytes[at] == 'e' || bytes[at] == 'E');
    }

    /** An object's key and the colon after it; {@link #is} then tells which key. */
    private void key() {
        expect('"');
        string();
        expect(':');
    }

    /** Whether the last string read is {@code name}. */
    private boolean is(byte[] name) {
        if (stringLength != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (bytes[stringStart + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** The rest of a string (its opening quote read): a datatype the server takes as a constant, else the text. */
    private String datatype() {
        string();
        for (int i = 0; i < DATATYPES.length; i++) {
            if (is(DATATYPE_BYTES[i])) {
                return DATATYPES[i];
            }
        }
        return new String(bytes, stringStart, stringLength, StandardCharsets.ISO_8859_1);
    }

    /** The rest of a string (its opening quote read) as text. */
    private String text() {
        string();
        return new String(bytes, stringStart, stringLength, StandardCharsets.ISO_8859_1);
    }

    /** Reads the rest of a string of printable ASCII without escapes (its opening quote read). */
    private void string() {
        int start = at;
        int i = start;
        byte b;
        // Bytes of 0x80 and above are negative, so UTF-8 is left to Jackson to check.
        while (i < end && (b = bytes[i]) != '"') {
            if (b < 0x20 || b == '\\') {
                throw NOT_SIMPLE;
            }
            i++;
        }
        if (i == end) {
            throw NOT_SIMPLE;
        }
        stringStart = start;
        stringLength = i - start;
        at = i + 1;
    }

    private void literal(byte[] word) {
        if (end - at < word.length || !Arrays.equals(bytes, at, at + word.length, word, 0, word.length)) {
            throw NOT_SIMPLE;
        }
        at += word.length;
    }

    /** Skips space, then reads {@code c}. */
    private void expect(char c) {
        skipSpace();
        if (at == end || bytes[at] != c) {
            throw NOT_SIMPLE;
        }
        at++;
    }

    /** After an opening bracket: skips space and reads {@code close} if it is next (an empty container). */
    private boolean closes(char close) {
        skipSpace();
        if (at < end && bytes[at] == close) {
            at++;
            return true;
        }
        return false;
    }

    /** After a member or element: true for the comma before another, false for {@code close}. */
    private boolean next(char comma, char close) {
        skipSpace();
        if (at < end) {
            byte b = bytes[at++];
            if (b == comma) {
                return true;
            }
            if (b == close) {
                return false;
            }
        }
        throw NOT_SIMPLE;
    }

    private byte peek() {
        if (at == end) {
            throw NOT_SIMPLE;
        }
        return bytes[at];
    }

    private void skipSpace() {
        int i = at;
        while (i < end) {
            byte b = bytes[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            i++;
        }
        at = i;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
