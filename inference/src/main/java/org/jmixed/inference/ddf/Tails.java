package org.jmixed.inference.ddf;

import org.hipparchus.special.Beta;

/**
 * Upper tail probabilities of F and |t|, through the regularized incomplete beta function so
 * that small p-values keep their relative accuracy (1 − cdf would lose them).
 */
public final class Tails {
    private Tails() {
    }

    /** Pr(F(d1, d2) &gt; f). */
    public static double fUpper(double f, double d1, double d2) {
        if (Double.isNaN(f) || !(d1 > 0) || !(d2 > 0)) {
            return Double.NaN;
        }
        if (f <= 0) {
            return 1.0;
        }
        return Beta.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2.0, d1 / 2.0);
    }

    /** Pr(|t(df)| &gt; |t|), the two-sided p-value. */
    public static double tTwoSided(double t, double df) {
        if (Double.isNaN(t) || !(df > 0)) {
            return Double.NaN;
        }
        return Beta.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }
}
