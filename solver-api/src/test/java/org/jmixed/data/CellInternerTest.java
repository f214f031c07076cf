package org.jmixed.data;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class CellInternerTest {

    private static CellValue intern(CellInterner interner, String padded, int start, int end) {
        byte[] b = padded.getBytes(StandardCharsets.UTF_8);
        return interner.intern(b, start, end, CellInterner.hash(b, start, end));
    }

    @Test
    void sameBytesAnywhereGiveTheSameValue() {
        CellInterner interner = new CellInterner();
        CellValue a = intern(interner, "x,1002,y", 2, 6);
        CellValue b = intern(interner, "1002", 0, 4);
        assertSame(a, b);
        assertEquals("1002", a.text);
        assertTrue(a.isNumber);
        assertEquals(1002.0, a.number);
    }

    @Test
    void equalHashesDifferentBytesStayApart() {
        CellInterner interner = new CellInterner();
        // "Aa" and "BB" have the same polynomial hash
        assertEquals(CellInterner.hash("Aa".getBytes(), 0, 2), CellInterner.hash("BB".getBytes(), 0, 2));
        CellValue aa = intern(interner, "Aa", 0, 2);
        CellValue bb = intern(interner, "BB", 0, 2);
        assertNotSame(aa, bb);
        assertEquals("Aa", aa.text);
        assertEquals("BB", bb.text);
        assertSame(aa, intern(interner, "Aa", 0, 2));
    }

    @Test
    void keepsEveryValueAsTheTableGrows() {
        CellInterner interner = new CellInterner();
        CellValue[] first = new CellValue[20_000];
        for (int i = 0; i < first.length; i++) {
            first[i] = intern(interner, "v" + i, 0, ("v" + i).length());
        }
        for (int i = 0; i < first.length; i++) {
            assertSame(first[i], intern(interner, "v" + i, 0, ("v" + i).length()));
            assertEquals("v" + i, first[i].text);
        }
    }

    @Test
    void missingnessDependsOnQuoting() {
        CellValue spacedNA = new CellValue(" NA ");
        assertTrue(spacedNA.isMissing(false), "an unquoted field is stripped");
        assertFalse(spacedNA.isMissing(true), "a quoted one is taken as written");
        assertTrue(new CellValue("").isMissing(true));
        assertTrue(new CellValue("NA").isMissing(true));
        assertFalse(new CellValue("na").isMissing(false));
        CellValue nan = new CellValue("NaN");
        assertTrue(nan.isNumber);
        assertTrue(Double.isNaN(nan.number));
        CellValue word = new CellValue("abc");
        assertFalse(word.isNumber);
        assertTrue(Double.isNaN(word.number));
    }
}
