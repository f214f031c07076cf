package org.jmixed.inference.interval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jmixed.spi.TermStructure;
import org.junit.jupiter.api.Test;

class SdCorScaleTest {
    /** A width-3 term, then a scalar term: θ of length 6 + 1. */
    private static final List<TermStructure> TERMS = List.of(new TermStructure("g", 10, 3, 0),
            new TermStructure("h", 5, 1, 6));

    @Test
    void namesAndKindsFollowLme4() {
        SdCorScale s = new SdCorScale(TERMS);
        assertEquals(8, s.size());
        assertEquals(".sig01", s.name(0));
        assertEquals(".sig07", s.name(6));
        assertEquals(".sigma", s.name(7));
        // Column by column: sd1, cor21, cor31, sd2, cor32, sd3, then the scalar term's sd.
        boolean[] cor = {false, true, true, false, true, false, false, false};
        for (int i = 0; i < cor.length; i++) {
            assertEquals(cor[i], s.isCorrelation(i), "position " + i);
        }
    }

    @Test
    void standardDeviationsAndCorrelationsOfTheCovariance() {
        SdCorScale s = new SdCorScale(List.of(new TermStructure("g", 10, 2, 0)));
        // T = [[2, 0], [1, 3]], σ = 0.5: Σ = σ² T T' = 0.25 · [[4, 2], [2, 10]].
        double[] psi = s.fromTheta(new double[] {2, 1, 3}, 0.5);
        assertEquals(1.0, psi[0], 1e-15);
        assertEquals(2 / Math.sqrt(40), psi[1], 1e-15);
        assertEquals(Math.sqrt(2.5), psi[2], 1e-15);
        assertEquals(0.5, psi[3], 0);
    }

    @Test
    void toThetaInvertsFromTheta() {
        SdCorScale s = new SdCorScale(TERMS);
        double[] theta = {1.3, -0.4, 0.25, 0.9, 0.1, 0.6, 0.75};
        double[] psi = s.fromTheta(theta, 2.5);
        double[] back = new double[theta.length];
        s.toTheta(psi, back);
        assertArrayEquals(theta, back, 1e-13);
    }

    @Test
    void semidefiniteCovarianceGetsZeroColumns() {
        SdCorScale s = new SdCorScale(List.of(new TermStructure("g", 10, 2, 0)));
        double[] theta = new double[3];
        // Correlation 1: the second column of the factor vanishes.
        s.toTheta(new double[] {2, 1, 3, 1}, theta);
        assertArrayEquals(new double[] {2, 3, 0}, theta, 1e-12);
        // A zero standard deviation: its column is zero, the correlation is irrelevant.
        s.toTheta(new double[] {0, 0.5, 3, 2}, theta);
        assertArrayEquals(new double[] {0, 0, 1.5}, theta, 1e-12);
        for (double v : theta) {
            assertFalse(Double.isNaN(v));
        }
        assertTrue(theta[2] > 0);
    }
}
