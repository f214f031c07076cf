package org.jmixed.covariance;

import java.util.List;

/**
 * A residual covariance structure bound to the rows of a model: {@code Var(ε) = σ² Λ} with Λ block
 * diagonal, one block Λ_g per group of rows. Its parameters are unconstrained reals (logarithms of
 * standard-deviation ratios, transformed correlations), so the optimizer needs no bounds for them
 * and 0 is always a valid start (Λ = I, or the structure's neutral point).
 */
public abstract class ResidualStructure {
    private final String spec;
    private final int[][] groups;

    /**
     * @param spec   the structure as the user wrote it, e.g. {@code ar1(Days | Subject)}
     * @param groups the model rows of each block, in the order the block's matrix uses
     */
    protected ResidualStructure(String spec, int[][] groups) {
        this.spec = spec;
        this.groups = groups;
    }

    /** The structure as written, e.g. {@code ar1(Days | Subject)}. */
    public final String spec() {
        return spec;
    }

    /** Short name: {@code none}, {@code diag}, {@code cs}, {@code ar1}, {@code car1}, {@code un}. */
    public abstract String kind();

    public abstract int parameterCount();

    /** The model rows of each block. */
    public final int[][] groups() {
        return groups;
    }

    /** Whether some block has more than one row (rows are mixed by the whitening). */
    public final boolean correlated() {
        for (int[] g : groups) {
            if (g.length > 1) {
                return true;
            }
        }
        return false;
    }

    /** Writes Λ_g (m × m, column-major, m = groups()[g].length) at the parameters {@code par}. */
    public abstract void covariance(double[] par, int g, double[] out);

    /** Names of the reported (natural-scale) parameters. */
    public abstract List<String> parameterNames();

    /** The reported parameters: standard-deviation ratios, correlations. */
    public abstract double[] naturalParameters(double[] par);

    /**
     * A starting point for the optimizer from residuals e of a preliminary fit (ordinary least
     * squares): moment estimates of the structure's parameters, or null to start at 0.
     */
    public double[] momentStart(double[] e) {
        return null;
    }

    /** logit(p) = log(p / (1 − p)). */
    static double logit(double p) {
        return Math.log(p / (1.0 - p));
    }

    /** logistic(z) = 1 / (1 + e^(−z)). */
    static double logistic(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
