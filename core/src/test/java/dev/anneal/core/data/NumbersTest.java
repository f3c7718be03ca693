package dev.anneal.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "NaN", "Infinity", "-inf", "0x1p3",
        "1d", "2f", " 1", "1 ", "1,5", "12abc", "None", "--1"})
    void rejectsWhatIsNotAPlainDecimal(String text) {
        assertTrue(Double.isNaN(Numbers.parse(text)), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "007", "+.5", "5.", "1e5", "1E-5", "-2.5e+3", "123456789012345678",
        "1234567890123456789012", "0.1", "0.30000000000000004", "1e308", "1e-320", "2.2250738585072014E-308",
        "9007199254740993", "1e23", "8.98846567431158e307"})
    void agreesWithJavaOnEdgeCases(String text) {
        assertEquals(Double.parseDouble(text), Numbers.parse(text), text);
    }

    @Test
    void agreesWithJavaOnRandomNumbersBitForBit() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextGaussian() * 1000;
                case 1 -> Math.round(random.nextGaussian() * 1e6) / 1e4;
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextInt(2_000_000) - 1_000_000;
            };
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String text = i % 8 == 5 ? String.format(Locale.ROOT, "%.6f", value) : Double.toString(value);
            assertEquals(Double.doubleToLongBits(Double.parseDouble(text)),
                    Double.doubleToLongBits(Numbers.parse(text)), text);
        }
    }
}
