package dev.anneal.core.data;

import com.fasterxml.jackson.core.io.NumberInput;

/**
 * Parses decimal numbers straight from a reader's character buffer, without making a {@code String}.
 *
 * <p>Accepted syntax: {@code [+-]? digits? (. digits?)? ([eE] [+-]? digits)?} with at least one digit in
 * the mantissa. {@code NaN}, {@code Infinity}, hex floats, Java's {@code d}/{@code f} suffixes and
 * surrounding spaces are not numbers here, so such a column is read as labels rather than silently
 * changed. Public for the data checks, whose numeric rule must accept exactly what the readers read as a
 * number.
 */
public final class Numbers {

    /** Returned by {@link #parse} when the text is not a number; a real NaN is never returned. */
    static final double NOT_A_NUMBER = Double.NaN;

    // Clinger's fast path: a mantissa below 2^53 times or divided by an exact power of ten (10^22 is the
    // largest exactly representable) rounds correctly in one IEEE operation.
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };
    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private Numbers() {
    }

    /** The value of {@code buf[off, off + len)}, or NaN when it is not a number in the syntax above. */
    static double parse(char[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        if (i == end) {
            return NOT_A_NUMBER;
        }
        boolean negative = false;
        char c = buf[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int significant = 0;
        int fractionDigits = 0;
        while (i < end && (c = buf[i]) >= '0' && c <= '9') {
            mantissa = mantissa * 10 + (c - '0');
            if (mantissa != 0) {
                significant++;
            }
            digits++;
            i++;
        }
        if (i < end && buf[i] == '.') {
            i++;
            while (i < end && (c = buf[i]) >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0) {
                    significant++;
                }
                digits++;
                fractionDigits++;
                i++;
            }
        }
        if (digits == 0) {
            return NOT_A_NUMBER;
        }
        int exponent = 0;
        if (i < end && ((c = buf[i]) == 'e' || c == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && ((c = buf[i]) == '-' || c == '+')) {
                negativeExponent = c == '-';
                i++;
            }
            int exponentDigits = 0;
            while (i < end && (c = buf[i]) >= '0' && c <= '9') {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (c - '0');
                }
                exponentDigits++;
                i++;
            }
            if (exponentDigits == 0) {
                return NOT_A_NUMBER;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != end) {
            return NOT_A_NUMBER;
        }
        // Up to 18 significant digits cannot overflow a long; more, or a mantissa too wide for a double,
        // or a power of ten that is not exact, goes to the general parser.
        if (significant <= 18 && mantissa <= MAX_EXACT_MANTISSA) {
            int scale = exponent - fractionDigits;
            double value;
            if (mantissa == 0) {
                value = 0.0;
            } else if (scale >= 0 && scale < POWERS_OF_TEN.length) {
                value = mantissa * POWERS_OF_TEN[scale];
            } else if (scale < 0 && -scale < POWERS_OF_TEN.length) {
                value = mantissa / POWERS_OF_TEN[-scale];
            } else {
                return NumberInput.parseDouble(buf, off, len, true);
            }
            return negative ? -value : value;
        }
        return NumberInput.parseDouble(buf, off, len, true);
    }

    /** The value of {@code text}, or NaN when it is not a number in the syntax above. */
    public static double parse(String text) {
        return parse(text.toCharArray(), 0, text.length());
    }
}
