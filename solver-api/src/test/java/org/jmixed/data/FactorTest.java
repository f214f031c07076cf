package org.jmixed.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FactorTest {

    @Test
    void numericLevelsSortByValue() {
        Factor f = Factor.of(new String[]{"10", "9", "308", "9", "1.5"});
        assertEquals(List.of("1.5", "9", "10", "308"), f.levels());
        assertArrayEquals(new int[]{2, 1, 3, 1, 0}, f.codes());
    }

    @Test
    void textLevelsSortByCodePoint() {
        Factor f = Factor.of(new String[]{"b", "B", "a", "A10", "A9"});
        assertEquals(List.of("A10", "A9", "B", "a", "b"), f.levels());
    }

    @Test
    void onlyObservedLevels() {
        assertEquals(1, Factor.of(new String[]{"x", "x"}).nLevels());
    }

    @Test
    void interactionLevelsAreObservedCombinationsFirstFactorSlowest() {
        Factor a = Factor.of(new String[]{"B", "A", "A", "B", "A"});
        Factor b = Factor.of(new String[]{"2", "10", "2", "2", "10"});
        Factor ab = Factor.interaction(a, b);
        assertEquals(List.of("A:2", "A:10", "B:2"), ab.levels());
        assertArrayEquals(new int[]{2, 1, 0, 2, 1}, ab.codes());
    }
}
