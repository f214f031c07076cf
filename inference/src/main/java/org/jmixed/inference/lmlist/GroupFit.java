package org.jmixed.inference.lmlist;

/**
 * The ordinary least-squares fit of one level of the grouping factor. Arrays are indexed like
 * {@link LmListResult#coefficientNames()}; an aliased coefficient (too few rows, or a column
 * constant within the group) is NaN, as {@code lm} reports NA.
 *
 * @param level          the level of the grouping factor
 * @param n              rows in the group
 * @param coefficients   OLS estimates
 * @param standardErrors standard errors from the group's own residual SD ({@code summary(lm)})
 * @param pooledStandardErrors standard errors from the pooled residual SD ({@code summary(lmList)}, pool = TRUE)
 * @param sigma          the group's residual SD; NaN when it has no residual degrees of freedom
 * @param df             residual degrees of freedom, n − rank
 * @param note           why some coefficients are NA, or null
 */
public record GroupFit(String level, int n, double[] coefficients, double[] standardErrors,
                       double[] pooledStandardErrors, double sigma, int df, String note) {
    public GroupFit {
        coefficients = coefficients.clone();
        standardErrors = standardErrors.clone();
        pooledStandardErrors = pooledStandardErrors.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    @Override
    public double[] pooledStandardErrors() {
        return pooledStandardErrors.clone();
    }
}
