package org.jmixed.data;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class DecimalBytesTest {
    private static int handled;

    private static double parse(String text) {
        byte[] b = ("x" + text + "y").getBytes(StandardCharsets.UTF_8); // a range inside a larger array
        return DecimalBytes.parse(b, 1, b.length - 1);
    }

    /** Either not handled, or exactly Java's double; counts the handled ones. */
    private static void assertAgreesWithJava(String text) {
        double fast = parse(text);
        if (Double.isNaN(fast)) {
            return;
        }
        handled++;
        double java = Double.parseDouble(text);
        assertEquals(Double.doubleToRawLongBits(java), Double.doubleToRawLongBits(fast),
                () -> "'" + text + "': " + fast + " vs Java's " + java);
    }

    private static void assertHandledAsJava(String text) {
        assertFalse(Double.isNaN(parse(text)), () -> "'" + text + "' should be handled");
        assertAgreesWithJava(text);
    }

    @Test
    void commonSpellingsGiveJavasDouble() {
        for (String s : new String[]{"0", "-0", "+0", "-0.0", "0.0", "00", "007", "1", "-1", "+3", "5.", "-5.",
                ".5", "-.5", "+.5", "0.1", "0.2", "0.3", "2.5", "-400", "1002", "123.456", "1e5", "1E5", "-4e2",
                "1.5e-3", "2E+10", "1.e5", ".5e1", "5.871370154147755", "-0.15163468422340254",
                "0.30000000000000004", "1.7976931348623157e308", "2.2250738585072014E-308", "9007199254740993",
                "9007199254740992", "9007199254740995", "123456789012345678", "4.9406564584124654e-300",
                "1e308", "1e22", "1e23", "8.98846567431158e307", "0.000000000000000000000000001"}) {
            assertHandledAsJava(s);
        }
    }

    @Test
    void negativeZeroKeepsItsSign() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parse("-0")));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parse("-0.000e5")));
    }

    @Test
    void leavesEverythingElseToTheSlowPath() {
        for (String s : new String[]{"", "-", "+", ".", "-.", "+.", "e5", ".e5", "1e", "1e+", "1e-", "1e1.5",
                "0x10", "0x1p3", "1_0", " 1", "1 ", "1d", "2f", "1.2.3", "--1", "+-1", "1-", "Inf", "NaN", "Infinity",
                "NA", "abc", "1234567890123456789", "0.1234567890123456789", "1,5", "\u0661", "\uFF11",
                "1e1234567", "1e309", "2e-320", "4.9e-324", "1e-342", "1.8e308"}) {
            assertTrue(Double.isNaN(parse(s)), () -> "'" + s + "' should be left to the slow path");
        }
    }

    @Test
    void randomSeventeenDigitDoublesRoundTrip() {
        Random rnd = new Random(17);
        handled = 0;
        for (int k = 0; k < 300_000; k++) {
            double d = switch (k % 3) {
                case 0 -> rnd.nextGaussian();
                case 1 -> Double.longBitsToDouble(rnd.nextLong() & 0x7FEFFFFFFFFFFFFFL); // any finite
                default -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
            };
            String text = new BigDecimal(d).round(new java.math.MathContext(17)).toString();
            assertAgreesWithJava(text);
            assertAgreesWithJava(Double.toString(d));
            assertAgreesWithJava(String.format("%.17g", d));
        }
        assertTrue(handled > 700_000, "most of them take the fast path: " + handled);
    }

    @Test
    void randomShortDecimalsAndExponents() {
        Random rnd = new Random(20261129);
        StringBuilder sb = new StringBuilder();
        handled = 0;
        for (int k = 0; k < 300_000; k++) {
            sb.setLength(0);
            int sign = rnd.nextInt(3);
            sb.append(sign == 1 ? "-" : sign == 2 ? "+" : "");
            int digits = 1 + rnd.nextInt(DecimalBytes.MAX_DIGITS);
            int point = rnd.nextInt(digits + 2) - 1; // -1: no point; digits: trailing point
            for (int i = 0; i < digits; i++) {
                if (i == point) {
                    sb.append('.');
                }
                sb.append((char) ('0' + (i == 0 && rnd.nextBoolean() ? 0 : rnd.nextInt(10))));
            }
            if (point == digits) {
                sb.append('.');
            }
            if (rnd.nextInt(4) == 0) {
                sb.append(rnd.nextBoolean() ? 'e' : 'E').append(rnd.nextInt(3) == 0 ? "-" : "")
                        .append(rnd.nextInt(330));
            }
            assertAgreesWithJava(sb.toString());
        }
        assertTrue(handled > 250_000, "short decimals take the fast path: " + handled);
    }

    /** Integers just above 2^53 are often exactly halfway between two doubles: ties go to even. */
    @Test
    void halfwayIntegersRoundToEven() {
        Random rnd = new Random(53);
        for (int k = 0; k < 100_000; k++) {
            long w = (1L << 53) + rnd.nextInt(1 << 20);
            assertHandledAsJava(Long.toString(w));
            long big = Math.abs(rnd.nextLong()) % 1_000_000_000_000_000_000L;
            assertAgreesWithJava(Long.toString(big));
            assertAgreesWithJava(Long.toString(big) + "e" + (rnd.nextInt(40) - 20));
        }
    }
}
