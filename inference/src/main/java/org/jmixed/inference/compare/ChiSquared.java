package org.jmixed.inference.compare;

import org.hipparchus.special.Gamma;

/** Upper tail probabilities of χ² distributions, including the point mass χ²₀ at zero. */
public final class ChiSquared {
    private ChiSquared() {
    }

    /**
     * P(X ≥ x) for X ~ χ²(df). For df = 0 (all mass at 0) this is 1 when x ≤ 0, else 0, which is
     * what the boundary mixtures need.
     */
    public static double upperTail(double x, int df) {
        if (df < 0) {
            throw new IllegalArgumentException("degrees of freedom " + df + " < 0");
        }
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        if (df == 0) {
            return 0.0;
        }
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
    }
}
