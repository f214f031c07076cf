package org.jmixed.inference.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class BootstrapIntervalsTest {
    /** Replicates 1..5 and 10 of one quantity around an estimate of 3. */
    private static BootstrapResult result() {
        double[] values = {10, 2, 5, 1, 4, 3};
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[] {values[i], 1.0};
        }
        return BootstrapResult.of(List.of("a"), new double[] {3.0}, rows, new BootstrapOptions(6, 1, 1, false), true,
                new boolean[0], 0.0);
    }

    @Test
    void quantilesAreRsTypeSeven() {
        // R: quantile(c(10, 2, 5, 1, 4, 3), c(0.025, 0.3, 0.975)) = 1.125, 2.5, 9.375
        BootstrapResult r = result();
        assertEquals(1.125, r.quantile(0, 0.025), 1e-12);
        assertEquals(2.5, r.quantile(0, 0.3), 1e-12);
        assertEquals(9.375, r.quantile(0, 0.975), 1e-12);
    }

    @Test
    void percentileBasicAndNormal() {
        BootstrapResult r = result();
        BootstrapIntervals.Interval pc = BootstrapIntervals.compute(r, BootstrapIntervals.Method.PERCENTILE, 0.95).get(0);
        assertEquals(1.125, pc.lower(), 1e-12);
        assertEquals(9.375, pc.upper(), 1e-12);
        BootstrapIntervals.Interval basic = BootstrapIntervals.compute(r, BootstrapIntervals.Method.BASIC, 0.95).get(0);
        assertEquals(6 - 9.375, basic.lower(), 1e-12);
        assertEquals(6 - 1.125, basic.upper(), 1e-12);
        // mean 25/6, sd(c(10,2,5,1,4,3)) = 3.188521..., z = 1.959964
        BootstrapIntervals.Interval normal = BootstrapIntervals.compute(r, BootstrapIntervals.Method.NORMAL, 0.95).get(0);
        double centre = 3 - (25.0 / 6 - 3);
        assertEquals(centre - 1.959963985 * 3.1885210782, normal.lower(), 1e-8);
        assertEquals(centre + 1.959963985 * 3.1885210782, normal.upper(), 1e-8);
        assertEquals(3.0, normal.estimate(), 0.0);
    }

    @Test
    void failedReplicatesAreLeftOut() {
        double[][] rows = {{1, 1}, {Double.NaN, Double.NaN}, {3, 0}};
        BootstrapResult r = BootstrapResult.of(List.of("a"), new double[] {2}, rows, new BootstrapOptions(3, 1, 1, false),
                true, new boolean[] {true}, 0.0);
        assertEquals(1, r.failed());
        assertEquals(1, r.notConverged());
        assertEquals(2.0, r.mean(0), 0.0);
        assertEquals(2, r.column(0).length);
    }
}
