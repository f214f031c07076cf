package org.jmixed.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void silentBeforeTheDelay() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "fit",
                "evaluations", 3_600_000_000_000L, 0);
        for (int i = 1; i <= 1000; i++) {
            line.evaluated(i, 100.0 / i);
        }
        line.close();
        assertFalse(line.shown());
        assertEquals(0, bytes.size());
    }

    @Test
    void rewritesOneLineAndErasesIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "fit",
                "evaluations", 0, 0);
        line.evaluated(1, 1800.5);
        line.evaluated(10, 1743.6282);
        assertTrue(line.shown());
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith("\rfit: 1 evaluation, best objective 1800.5000, "), shown);
        assertTrue(shown.contains("\rfit: 10 evaluations, best objective 1743.6282, "), shown);
        assertFalse(shown.contains("\n"), "one line, rewritten in place");
        line.close();
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(all.endsWith("\r"), "close returns to the start of the erased line");
        assertTrue(all.substring(shown.length()).isBlank());
    }

    @Test
    void rateLimited() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "fit",
                "evaluations", 0, 3_600_000_000_000L);
        for (int i = 1; i <= 10_000; i++) {
            line.evaluated(i, 1.0);
        }
        assertEquals(1, bytes.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\r').count());
    }
}
