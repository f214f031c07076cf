package org.jmixed.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class LevelCodesTest {

    @Test
    void numbersDistinctStringsInOrderOfFirstAppearanceAsAMapWould() {
        Random rnd = new Random(3);
        for (int levels : new int[]{1, 7, 1000, 50_000}) {
            String[] values = new String[3 * levels + 10];
            for (int i = 0; i < values.length; i++) {
                // equal texts in distinct String objects, runs, and colliding hashes ("Aa" and "BB")
                int l = rnd.nextInt(levels);
                values[i] = rnd.nextInt(5) == 0 && i > 0 ? values[i - 1]
                        : new String((l % 2 == 0 ? "Aa" : "BB") + l / 2);
            }
            Map<String, Integer> expected = new LinkedHashMap<>();
            for (String v : values) {
                expected.putIfAbsent(v, expected.size());
            }
            LevelCodes codes = new LevelCodes(values);
            assertEquals(new ArrayList<>(expected.keySet()), codes.distinct);
            for (int i = 0; i < values.length; i++) {
                assertEquals(expected.get(values[i]), codes.codes[i], "row " + i);
            }
        }
        List<String> none = new LevelCodes(new String[0]).distinct;
        assertTrue(none.isEmpty());
    }
}
