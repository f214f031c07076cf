package org.jmixed.covariance;

/**
 * The covariance structure of one random-effects term's effects within a level of its grouping
 * factor, written in the formula as:
 * <ul>
 *   <li>{@code (x | g)}: unstructured (lme4; nlme {@code pdSymm}; Stata {@code cov(unstructured)});</li>
 *   <li>{@code idn(x | g)}: identity, one variance shared by all the term's effects, no correlation
 *       (nlme {@code pdIdent}; Stata {@code cov(identity)});</li>
 *   <li>{@code cs(x | g)}: compound symmetry, one variance and one correlation shared by every pair
 *       (nlme {@code pdCompSymm}; Stata {@code cov(exchangeable)}). Note glmmTMB's {@code cs()}
 *       has a variance per effect; ours is homogeneous, like nlme's.</li>
 * </ul>
 */
public enum CovarianceKind {
    UNSTRUCTURED, IDENTITY, COMPOUND_SYMMETRY;

    /** The formula function for this structure ({@code null} for the unstructured default). */
    public String function() {
        return switch (this) {
            case UNSTRUCTURED -> null;
            case IDENTITY -> "idn";
            case COMPOUND_SYMMETRY -> "cs";
        };
    }

    /** The structure named by a formula function, or null. */
    public static CovarianceKind ofFunction(String name) {
        return switch (name) {
            case "idn" -> IDENTITY;
            case "cs" -> COMPOUND_SYMMETRY;
            default -> null;
        };
    }
}
