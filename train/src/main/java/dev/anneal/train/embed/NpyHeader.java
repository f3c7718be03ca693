package dev.anneal.train.embed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header of a NumPy format 1.0 file holding a little-endian float32 matrix of {@code rows x dim},
 * C order. It always takes {@value #BYTES} bytes (space-padded, as NumPy pads its own), so the row count,
 * unknown while streaming, can be written over it at the end.
 */
final class NpyHeader {

    /** Size of the whole header: magic, version, length and the padded dictionary; a multiple of 64. */
    static final int BYTES = 128;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private NpyHeader() {
    }

    static ByteBuffer encode(long rows, int dim) {
        String dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + dim + "), }";
        int length = BYTES - MAGIC.length - 2;
        // the longest dictionary (19-digit rows, 10-digit dim) is 86 characters, so it always fits
        byte[] text = new byte[length];
        Arrays.fill(text, (byte) ' ');
        byte[] ascii = dictionary.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, text, 0, ascii.length);
        text[length - 1] = '\n';
        return ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).putShort((short) length).put(text).flip();
    }
}
