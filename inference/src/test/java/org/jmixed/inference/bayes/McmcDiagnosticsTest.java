package org.jmixed.inference.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** ESS and R̂ in cases with known answers. */
class McmcDiagnosticsTest {
    private static double[][] ar1(int chains, int n, double phi, double[] offsets, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[chains][n];
        double innovation = Math.sqrt(1 - phi * phi);
        for (int c = 0; c < chains; c++) {
            double v = Variates.normal(rng);
            for (int i = 0; i < n; i++) {
                v = phi * v + innovation * Variates.normal(rng);
                x[c][i] = v + offsets[c];
            }
        }
        return x;
    }

    @Test
    void iidDrawsHaveEssNearTheirNumberAndRhatNearOne() {
        double[][] x = ar1(4, 5000, 0, new double[4], 1);
        double ess = McmcDiagnostics.ess(x);
        assertEquals(20000, ess, 0.12 * 20000, "ess " + ess);
        double rhat = McmcDiagnostics.splitRhat(x);
        assertTrue(rhat < 1.005 && rhat > 0.995, "rhat " + rhat);
    }

    @Test
    void autoregressiveChainsHaveTheTheoreticalEss() {
        double phi = 0.8;
        double[][] x = ar1(4, 10000, phi, new double[4], 2);
        double expected = 40000 * (1 - phi) / (1 + phi);
        double ess = McmcDiagnostics.ess(x);
        assertEquals(expected, ess, 0.2 * expected, "ess " + ess);
    }

    @Test
    void chainsWithDifferentMeansHaveLargeRhat() {
        double[][] x = ar1(4, 2000, 0.5, new double[] {0, 0, 3, 3}, 3);
        double rhat = McmcDiagnostics.splitRhat(x);
        assertTrue(rhat > 1.5, "rhat " + rhat);
        assertTrue(McmcDiagnostics.ess(x) < 500, "ess " + McmcDiagnostics.ess(x));
    }

    @Test
    void aTrendWithinOneChainShowsInSplitRhat() {
        int n = 2000;
        double[][] x = ar1(1, n, 0, new double[1], 4);
        for (int i = 0; i < n; i++) {
            x[0][i] += 4.0 * i / n;
        }
        assertTrue(McmcDiagnostics.splitRhat(x) > 1.2, "rhat " + McmcDiagnostics.splitRhat(x));
    }

    @Test
    void constantDrawsHaveNoDiagnostics() {
        double[][] x = {new double[10], new double[10]};
        assertTrue(Double.isNaN(McmcDiagnostics.splitRhat(x)));
        assertTrue(Double.isNaN(McmcDiagnostics.ess(x)));
    }
}
