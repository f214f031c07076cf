package org.jmixed.inference.simstats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsAndDropsTrailingBlanks() {
        String twoSpaces = new TextTable("", "x", "note").leftAlign(2).row("long name", "1.5", "").row("a", "10", "ok")
                .render();
        assertEquals("             x  note\nlong name  1.5\na           10  ok\n", twoSpaces);
        String oneSpace = new TextTable("", "x").gap(1).row("ab", "3").render();
        assertEquals("   x\nab 3\n", oneSpace);
    }

    @Test
    void significantDigitsWithoutTrailingZeros() {
        assertEquals("16.2", TextTable.significant(16.19999, 5));
        assertEquals("0.0001085", TextTable.significant(1.08496e-4, 4));
        assertEquals("95", TextTable.significant(95.0000001, 6));
        assertEquals("1235000", TextTable.significant(1234567, 4));
        assertEquals("NaN", TextTable.significant(Double.NaN, 3));
        assertEquals("-Inf", TextTable.significant(Double.NEGATIVE_INFINITY, 3));
    }
}
