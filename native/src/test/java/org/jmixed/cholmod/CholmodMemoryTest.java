package org.jmixed.cholmod;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;

/**
 * Refactorizations (and opening and closing evaluators) do not grow resident memory. The count is
 * {@code -Djmixed.cholmod.memory.refactorizations=N} (default 20,000; the issue asks for 100,000
 * to stay flat). A leak of one factor, one right-hand side or one solve workspace per call would
 * cost tens of kilobytes each time, gigabytes in all; the slack only absorbs the JVM's own noise.
 */
class CholmodMemoryTest {
    static final String COUNT_PROPERTY = "jmixed.cholmod.memory.refactorizations";
    static final long SLACK_KB = 24 * 1024;

    @Test
    void manyRefactorizationsKeepResidentMemoryFlat() throws IOException {
        int count = Integer.getInteger(COUNT_PROPERTY, 20_000);
        // Simplicial (nested, little fill) for the count, supernodal (crossed) for a tenth of it.
        check(Problems.nested(5, 3000, 400, 4, 10), count, "simplicial");
        check(Problems.crossed(6, 600, 120, 5), Math.max(1, count / 10), "supernodal");
    }

    private static void check(PlsProblem pr, int count, String expectedLayout) throws IOException {
        PlsFactorSummary s = new PlsFactorSummary();
        double[] theta = new double[pr.thetaLength()];
        java.util.Arrays.fill(theta, 0.7);
        try (CholmodPlsEvaluator ev = new CholmodPlsEvaluator(pr)) {
            assertTrue(ev.description().contains(expectedLayout), ev.description());
            for (int i = 0; i < Math.min(count, 2000); i++) {
                theta[0] = 0.5 + (i % 7) * 0.1;
                ev.factor(theta, s);
            }
            ev.solve(true);
            for (int i = 0; i < 50; i++) {
                new CholmodPlsEvaluator(pr).close();
            }
            System.gc();
            long before = rssKb();
            for (int i = 0; i < count; i++) {
                theta[0] = 0.5 + (i % 7) * 0.1;
                ev.factor(theta, s);
                if (i % 1000 == 0) {
                    ev.solve(true);
                }
                if (i % 100 == 0) {
                    new CholmodPlsEvaluator(pr).close();
                }
            }
            System.gc();
            long after = rssKb();
            System.out.printf("CHOLMOD memory (%s): %d refactorizations, VmRSS %d kB -> %d kB (%+d kB)%n",
                    expectedLayout, count, before, after, after - before);
            assertTrue(after - before < SLACK_KB, "VmRSS grew from " + before + " kB to " + after + " kB over "
                    + count + " refactorizations");
        }
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
