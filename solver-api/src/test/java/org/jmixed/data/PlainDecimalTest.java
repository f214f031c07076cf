package org.jmixed.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class PlainDecimalTest {

    private static void assertSameAsJava(String text) {
        double fast = PlainDecimal.parse(text);
        assertFalse(Double.isNaN(fast), () -> "'" + text + "' should be handled");
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(fast),
                () -> "'" + text + "': " + fast + " vs " + Double.parseDouble(text));
    }

    private static void assertNotHandled(String text) {
        assertTrue(Double.isNaN(PlainDecimal.parse(text)), () -> "'" + text + "' should be left to Double.parseDouble");
    }

    @Test
    void plainSpellingsGiveJavasDouble() {
        for (String s : new String[]{"0", "-0", "+0", "-0.0", "0.0", "00", "007", "1", "-1", "+3", "5.", "-5.",
                ".5", "-.5", "+.5", "0.1", "0.2", "0.3", "2.5", "-400", "1002", "123.456", "9007199254740.99",
                "999999999999999", "-999999999999999", "0.00000000000001", "1.00000000000000", "3.14159265358979",
                "0.1000000000000", "100000000000000", "1234567.89012345"}) {
            assertSameAsJava(s);
        }
    }

    @Test
    void negativeZeroKeepsItsSign() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(PlainDecimal.parse("-0")));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(PlainDecimal.parse("-0.000")));
    }

    @Test
    void leavesEverythingElseToJava() {
        for (String s : new String[]{"", "-", "+", ".", "-.", "+.", "1e5", "1E5", "-4e2", "1.5e-3", "0x10", "0x1p3",
                "1_0", " 1", "1 ", "1d", "2f", "1.2.3", "--1", "+-1", "1-", "Inf", "NaN", "Infinity", "NA", "abc",
                "1234567890123456", "123456789012345678", "0.1234567890123456", "1,5", "\u0661", "\uFF11"}) {
            assertNotHandled(s);
        }
    }

    @Test
    void randomPlainDecimalsMatchJava() {
        Random rnd = new Random(20240613);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 200_000; k++) {
            sb.setLength(0);
            int sign = rnd.nextInt(3);
            if (sign == 1) {
                sb.append('-');
            } else if (sign == 2) {
                sb.append('+');
            }
            int digits = 1 + rnd.nextInt(PlainDecimal.MAX_DIGITS);
            int point = rnd.nextInt(digits + 2) - 1; // -1: no point; digits: trailing point
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    sb.append('.');
                }
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            if (point == digits) {
                sb.append('.');
            }
            assertSameAsJava(sb.toString());
        }
    }
}
