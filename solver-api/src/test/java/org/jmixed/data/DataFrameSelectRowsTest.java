package org.jmixed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataFrameSelectRowsTest {
    @Test
    void keepsTypingAndFileLines() {
        DataFrame d = CsvReader.parse("y,g,x\n1,\"10\",a\n2,\"2\",3\nNA,\"1\",4\n", "d.csv");
        DataFrame s = d.selectRows(new int[] {1, 2});
        assertEquals(2, s.nrows());
        assertEquals("d.csv", s.source());
        // g stays quoted (categorical); x keeps its non-numeric flag from the dropped row
        assertTrue(s.column("g").allQuoted());
        assertFalse(s.column("x").allNumeric());
        assertEquals("2", s.column("g").stringValue(0));
        assertEquals(3, s.column("y").lineOfRow(0));
        assertTrue(s.column("y").isMissing(1));
        assertEquals(4, s.column("x").numericValue(1), 0.0);
    }
}
