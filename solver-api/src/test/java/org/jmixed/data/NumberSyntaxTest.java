package org.jmixed.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Which cell texts are numbers, and their values; pinned so that faster parsing cannot change them. */
class NumberSyntaxTest {

    private static void assertNumber(double expected, String text) {
        Double d = NumberSyntax.parse(text);
        assertNotNull(d, () -> "'" + text + "' should be a number");
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(d), () -> "'" + text + "'");
    }

    private static void assertNotNumber(String text) {
        assertNull(NumberSyntax.parse(text), () -> "'" + text + "' should not be a number");
        assertFalse(NumberSyntax.isNumber(text));
    }

    @Test
    void acceptsJavaDecimalSyntaxWithSurroundingWhitespace() {
        assertNumber(-0.0, "-0");
        assertNumber(0.0, "+0");
        assertNumber(1e5, "1e5");
        assertNumber(-400, "-4e2");
        assertNumber(0.1, "0.1");
        assertNumber(123456789012345678.0, "123456789012345678");
        assertNumber(0.12345678901234568, "0.1234567890123456789");
        assertNumber(0.5, ".5");
        assertNumber(5, "5.");
        assertNumber(3, "+3");
        assertNumber(1, " 1");
        assertNumber(1, "1\t");
        assertNumber(7, "007");
        assertNumber(8, "0x1p3");
        assertNumber(1.5, "\u20031.5\u2003"); // an em space is whitespace to String.strip
    }

    @Test
    void acceptsRNonFiniteSpellings() {
        assertNumber(Double.POSITIVE_INFINITY, "Inf");
        assertNumber(Double.POSITIVE_INFINITY, "+Inf");
        assertNumber(Double.POSITIVE_INFINITY, "Infinity");
        assertNumber(Double.NEGATIVE_INFINITY, "-Inf");
        assertNumber(Double.NEGATIVE_INFINITY, "-Infinity");
        assertNumber(Double.NaN, "NaN");
    }

    @Test
    void rejectsEverythingElse() {
        for (String s : new String[]{"", " ", "NA", "1_0", "1d", "2f", "1e", "1.2.3", ".", "-", "+", "abc", "1,5",
                "inf", "nan", "-NaN", "1 2", "\u0661", "0x10"}) {
            assertNotNumber(s);
        }
    }
}
