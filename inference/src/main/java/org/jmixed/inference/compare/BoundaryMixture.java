package org.jmixed.inference.compare;

/**
 * The p-value of a likelihood-ratio test whose null hypothesis puts variances on the boundary of
 * their space (a variance = 0), where the χ²(df) reference distribution is wrong: the statistic
 * is 0 with probability about ½ under the null.
 *
 * <p>The rule: with {@code df} parameters tested, {@code p = ½ P(χ²(df − 1) ≥ x) + ½ P(χ²(df) ≥ x)}
 * (χ²(0) is the point mass at 0).
 * <ul>
 *   <li>One variance tested ({@code variances = 1}): the asymptotic null distribution (Self &amp;
 *       Liang 1987; Stram &amp; Lee 1994 for a random effect added with its df − 1 covariances to
 *       a correlated block). For df = 1 it is Stata's {@code chibar2(01)}: ½χ²₀ + ½χ²₁.</li>
 *   <li>Several variances: the exact null mixture puts more weight on fewer degrees of freedom
 *       (e.g. ¼χ²₀ + ½χ²₁ + ¼χ²₂ for two independent variances), so this p-value is conservative,
 *       though less so than the plain χ²(df) p-value, which Stata prints with its note "LR test
 *       is conservative". {@link #exact()} is false then.</li>
 * </ul>
 *
 * @param variances    variances tested (random-effect columns the larger model adds)
 * @param df           parameters tested (variances and covariances)
 * @param p            the mixture p-value
 * @param distribution the reference distribution, e.g. {@code 0.5*chi2(0) + 0.5*chi2(1)}
 * @param exact        whether the mixture is the asymptotic null distribution (one variance tested)
 *                     rather than a conservative approximation
 */
public record BoundaryMixture(int variances, int df, double p, String distribution, boolean exact) {
    /**
     * @param chisq     the likelihood-ratio statistic (clamped at 0)
     * @param df        parameters tested, ≥ 1
     * @param variances variances among them, ≥ 1
     */
    public static BoundaryMixture of(double chisq, int df, int variances) {
        if (df < 1 || variances < 1 || variances > df) {
            throw new IllegalArgumentException("df " + df + ", variances " + variances);
        }
        double p = 0.5 * ChiSquared.upperTail(chisq, df - 1) + 0.5 * ChiSquared.upperTail(chisq, df);
        return new BoundaryMixture(variances, df, Math.min(1.0, p),
                "0.5*chi2(" + (df - 1) + ") + 0.5*chi2(" + df + ")", variances == 1);
    }

    /** Stata's name for the one-variance case, {@code chibar2(01)}, else the mixture. */
    public String label() {
        return df == 1 ? "chibar2(01)" : distribution;
    }
}
