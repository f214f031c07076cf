package org.jmixed.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmixed.JmixedException;
import org.junit.jupiter.api.Test;

/** The size formula of what the driver holds, and the refusal that names it. */
class DriverFootprintTest {
    @Test
    void bytesFollowTheFormula() {
        // two terms: 1000 levels of width 2, 50 levels of width 1; p = 3; 4000 observed pairs
        long[] levels = {1000, 50};
        int[] widths = {2, 1};
        long[][] pairs = {{0, 0}, {4000, 0}};
        long expected = 8L * 4 * 4                                  // [X y]'[X y]
                + 8L * 1000 * (4 + 2 * 4) + 64L * 1000            // term 1 blocks, Z'[X y], names
                + 8L * 50 * (1 + 4) + 64L * 50                    // term 2
                + 4000L * (8 * 2 + 4)                             // Z_2'Z_1 blocks with row indices
                + 16L * 50 * 50;                                  // dense trailing block and its factor
        assertEquals(expected, DriverFootprint.bytes(levels, widths, 3, pairs));
    }

    @Test
    void aTrailingBlockLargerThanTheHeapIsRefusedWithItsSize() {
        // 2,000,000 levels in the second term: the dense block alone is 16·(2e6)² bytes = 58 TiB
        JmixedException e = assertThrows(JmixedException.class, () -> DriverFootprint.check(
                new long[] {5_000_000, 2_000_000}, new int[] {1, 1}, 1, null, new String[] {"user", "item"}));
        assertTrue(e.getMessage().startsWith("the model needs about 58"), e.getMessage());
        assertTrue(e.getMessage().contains("user: 5000000 levels, item: 2000000 levels"), e.getMessage());
        assertTrue(e.getMessage().contains("dense trailing block 2000000²"), e.getMessage());
    }

    @Test
    void aSmallModelPasses() {
        DriverFootprint.check(new long[] {18}, new int[] {2}, 2, new long[][] {{0}}, new String[] {"Subject"});
    }
}
