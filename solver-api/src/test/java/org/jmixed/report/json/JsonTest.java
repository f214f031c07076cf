package org.jmixed.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void roundTripsDoublesExactly() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", List.of(0.1, 1e-300, -2.5e17, Math.PI));
        m.put("s", "a\"b\\c\nd\u0001é");
        m.put("n", null);
        m.put("t", true);
        m.put("nested", List.of(List.of(1.0, 2.0), List.of()));
        Object back = JsonParser.parse(JsonWriter.write(m));
        assertEquals(m, back);
    }

    @Test
    void layoutLikeJsonReport() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("v", new double[] {1.5, 2.0});
        assertEquals("{\n  \"a\": 1,\n  \"v\": [1.5, 2.0]\n}\n", JsonWriter.write(m));
    }

    @Test
    void errorsNameTheOffset() {
        JsonParser.ParseException e = assertThrows(JsonParser.ParseException.class, () -> JsonParser.parse("{\"a\": [1, 2,]}"));
        assertEquals(12, e.offset());
        assertThrows(JsonParser.ParseException.class, () -> JsonParser.parse("{\"a\": 01}"));
        assertThrows(JsonParser.ParseException.class, () -> JsonParser.parse("[1] x"));
        assertThrows(JsonParser.ParseException.class, () -> JsonParser.parse("[NaN]"));
        assertThrows(JsonParser.ParseException.class, () -> JsonParser.parse("\"abc"));
        assertEquals(Arrays.asList(1.0, null, "x"), JsonParser.parse(" [1, null, \"x\"] "));
    }

    @Test
    void nestedArraysOneElementPerLineAndNonFiniteAsNull() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", List.of(new double[] {1.0, Double.NaN}, List.of()));
        m.put("e", Map.of());
        m.put("f", Float.POSITIVE_INFINITY);
        m.put("s", "\b\f\r\u2028");
        assertEquals("{\n  \"rows\": [\n    [1.0, null],\n    []\n  ],\n  \"e\": {},\n  \"f\": null,\n"
                + "  \"s\": \"\\b\\f\\r\\u2028\"\n}\n", JsonWriter.write(m));
    }
}
