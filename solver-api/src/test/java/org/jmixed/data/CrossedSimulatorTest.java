package org.jmixed.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jmixed.JmixedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossedSimulatorTest {
    @Test
    void coversEveryLevelAndIsSkewedAndDeterministic(@TempDir Path dir) throws IOException {
        CrossedSimulator sim = CrossedSimulator.simulate(20_000, 1_000, 200, 7);
        DataFrame df = sim.toDataFrame();
        assertEquals(20_000, df.nrows());
        Map<String, Integer> perUser = counts(df.column("user"));
        Map<String, Integer> perItem = counts(df.column("item"));
        assertEquals(1_000, perUser.size());
        assertEquals(200, perItem.size());
        // Power law: the busiest item has far more observations than the median one.
        int[] itemCounts = perItem.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        assertTrue(itemCounts[itemCounts.length - 1] > 10 * itemCounts[itemCounts.length / 2]);

        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        sim.writeCsv(a);
        CrossedSimulator.simulate(20_000, 1_000, 200, 7).writeCsv(b);
        assertArrayEquals(java.nio.file.Files.readAllBytes(a), java.nio.file.Files.readAllBytes(b));
        DataFrame read = CsvReader.read(a);
        assertEquals(20_000, read.nrows());
        assertEquals(df.column("y").numericValue(123), read.column("y").numericValue(123), 0.0);
        assertTrue(read.column("user").allQuoted());
    }

    @Test
    void refusesTooFewRows() {
        JmixedException e = assertThrows(JmixedException.class, () -> CrossedSimulator.simulate(10, 100, 5, 1));
        assertTrue(e.getMessage().contains("cannot cover"), e.getMessage());
    }

    private static Map<String, Integer> counts(Column c) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < c.size(); i++) {
            m.merge(c.stringValue(i), 1, Integer::sum);
        }
        return m;
    }
}
