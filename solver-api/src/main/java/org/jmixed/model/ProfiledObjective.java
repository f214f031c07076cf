package org.jmixed.model;

import org.jmixed.spi.PlsFactorSummary;

/**
 * The profiled objectives of GUIDE §1, from one factorization's three numbers: the ML deviance
 * (−2 log-likelihood with β and σ profiled out) and the REML criterion.
 */
public final class ProfiledObjective {
    private static final double LOG_TWO_PI = Math.log(2.0 * Math.PI);

    private ProfiledObjective() {
    }

    /** The REML criterion (reml) or the ML deviance at one factorization of a model with n rows, p fixed effects. */
    public static double value(PlsFactorSummary f, int n, int p, boolean reml) {
        if (reml) {
            int nmp = n - p;
            return f.logDetL + f.logDetRX + nmp * (1.0 + LOG_TWO_PI + Math.log(f.pwrss / nmp));
        }
        return f.logDetL + n * (1.0 + LOG_TWO_PI + Math.log(f.pwrss / n));
    }

    /** σ̂² at this factorization: r²/n (ML) or r²/(n − p) (REML). */
    static double sigmaSquared(PlsFactorSummary f, int n, int p, boolean reml) {
        return f.pwrss / (reml ? n - p : n);
    }
}
