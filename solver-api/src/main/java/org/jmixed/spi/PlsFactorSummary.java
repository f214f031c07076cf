package org.jmixed.spi;

/**
 * The three numbers one factorization yields, written by {@link PlsEvaluator#factor} into a holder
 * the caller owns so that evaluating the objective allocates nothing.
 */
public final class PlsFactorSummary {
    /** log|Lθ|² = 2 Σ log diag(L_ZZ). */
    public double logDetL;
    /** log|RX|² = 2 Σ log diag of the X part of L. */
    public double logDetRX;
    /** r², the penalized residual sum of squares (the squared last diagonal element). */
    public double pwrss;

    /** Makes this summary a copy of {@code other} (the same factorization, held elsewhere). */
    public void copyFrom(PlsFactorSummary other) {
        logDetL = other.logDetL;
        logDetRX = other.logDetRX;
        pwrss = other.pwrss;
    }
}
