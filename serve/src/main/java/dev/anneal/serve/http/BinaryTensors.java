package dev.anneal.serve.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Triton's binary tensor data extension of the Open Inference Protocol: tensor data as raw little-endian
 * bytes after the JSON header, whose length the {@code Inference-Header-Content-Length} header gives.
 * Numbers are packed as their datatype says; a {@code BYTES} element is a 4-byte little-endian length and
 * then its bytes (UTF-8 here).
 */
final class BinaryTensors {

    /** The HTTP header that gives the JSON header's length in bytes. */
    static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    private BinaryTensors() {
    }

    /** The binary part of a request, read tensor after tensor in the order of the JSON inputs. */
    static final class Reader {
        private final ByteBuffer data;

        Reader(ByteBuffer data) {
            this.data = data == null ? ByteBuffer.allocate(0) : data.order(ByteOrder.LITTLE_ENDIAN);
        }

        /**
         * The next {@code size} bytes as {@code rows} values of {@code datatype}: a {@link Double} per row for
         * numbers ({@code null} for NaN, a missing value), a {@link String} for {@code BYTES}.
         *
         * @throws HttpError 400 when the bytes run out, do not hold {@code rows} values, or the type has no
         *     binary form here
         */
        Object[] take(String where, String datatype, long size, int rows) {
            if (size < 0 || size > data.remaining()) {
                throw HttpError.badRequest(where + ": binary_data_size " + size + " but " + data.remaining()
                        + " bytes of binary data are left");
            }
            ByteBuffer tensor = data.slice().order(ByteOrder.LITTLE_ENDIAN).limit((int) size);
            data.position(data.position() + (int) size);
            if (datatype.equals("BYTES")) {
                return strings(where, tensor, rows);
            }
            int width = switch (datatype) {
                case "FP64", "INT64" -> 8;
                case "FP32", "INT32" -> 4;
                default -> throw HttpError.badRequest(where + ": binary data of datatype " + datatype
                        + " is not supported (FP64, FP32, INT64, INT32 and BYTES are)");
            };
            if (size != (long) rows * width) {
                throw HttpError.badRequest(where + ": " + size + " bytes of " + datatype + " is not " + rows + " values");
            }
            Object[] values = new Object[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = number(switch (datatype) {
                    case "FP64" -> tensor.getDouble();
                    case "FP32" -> tensor.getFloat();
                    case "INT64" -> tensor.getLong();
                    default -> tensor.getInt();
                });
            }
            return values;
        }

        /** Whether bytes are left that no input claimed. */
        boolean hasRemaining() {
            return data.hasRemaining();
        }
    }

    /** A binary NaN is a missing value, as a JSON null is. */
    private static Double number(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static String[] strings(String where, ByteBuffer tensor, int rows) {
        String[] values = new String[rows];
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int i = 0; i < rows; i++) {
            if (tensor.remaining() < 4) {
                throw HttpError.badRequest(where + ": the binary data ends before element " + i);
            }
            int length = tensor.getInt();
            if (length < 0 || length > tensor.remaining()) {
                throw HttpError.badRequest(where + ", element " + i + ": length " + Integer.toUnsignedString(length)
                        + " runs past the binary data");
            }
            ByteBuffer bytes = tensor.slice().limit(length);
            tensor.position(tensor.position() + length);
            try {
                values[i] = decoder.decode(bytes).toString();
            } catch (CharacterCodingException e) {
                throw HttpError.badRequest(where + ", element " + i + ": not UTF-8 text");
            }
        }
        if (tensor.hasRemaining()) {
            throw HttpError.badRequest(where + ": the binary data holds more than " + rows + " elements");
        }
        return values;
    }

    /** Float32 values, little-endian. */
    static byte[] floats(float[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            out.putFloat(value);
        }
        return out.array();
    }

    /** Strings as length-prefixed UTF-8. */
    static byte[] strings(String[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
