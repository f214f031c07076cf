package org.jmixed.inference.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ReplicateProgressTest {
    @Test
    void lineShowsDoneRateAndTimeLeft() {
        ReplicateProgress p = new ReplicateProgress(System.err, "bootstrap", false);
        assertEquals("bootstrap: 250/1000 replicates, 125.0/s, 6.0 s left   ", p.line(250, 1000, 2.0));
        assertTrue(p.line(1000, 1000, 8.0).contains("done in 8.0 s"));
    }

    @Test
    void shortRunsPrintNothingEvenWhenForced() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReplicateProgress p = new ReplicateProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "x", true);
        new ReplicateRunner<AutoCloseable>(2, p).run(20, 1, () -> () -> { }, (w, s, i) -> new double[] {i});
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runnerStoresRowsByIndex() {
        double[][] rows = new ReplicateRunner<AutoCloseable>(3, null).run(50, 4, () -> () -> { },
                (w, s, i) -> new double[] {i, s.nextDouble()});
        double[][] again = new ReplicateRunner<AutoCloseable>(1, null).run(50, 4, () -> () -> { },
                (w, s, i) -> new double[] {i, s.nextDouble()});
        for (int i = 0; i < 50; i++) {
            assertEquals(i, rows[i][0], 0.0);
            assertEquals(again[i][1], rows[i][1], 0.0);
        }
    }
}
