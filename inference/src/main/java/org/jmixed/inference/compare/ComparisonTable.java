package org.jmixed.inference.compare;

import java.util.List;

import org.jmixed.model.FitResult;

/**
 * The result of comparing nested models, as lme4's {@code anova(m0, m1, ...)}: one row per model,
 * sorted by number of parameters, each row after the first tested against the row before it.
 * Immutable.
 *
 * @param models      the models, by number of parameters (ties keep the order given)
 * @param tests       tests.get(i) compares models i and i + 1
 * @param reml        whether the likelihoods are restricted (REML) ones
 * @param nobs        rows every model was fitted to
 * @param rowsDropped rows of the data dropped because a variable of some model was missing
 * @param notes       what the user should know: dropped rows, refits by ML, singular fits
 */
public record ComparisonTable(List<Model> models, List<Test> tests, boolean reml, int nobs, int rowsDropped,
                              List<String> notes) {
    public ComparisonTable {
        models = List.copyOf(models);
        tests = List.copyOf(tests);
        notes = List.copyOf(notes);
    }

    /**
     * One model's row.
     *
     * @param name    {@code m1}, {@code m2}, ... in the order the formulas were given
     * @param formula the formula
     * @param npar    parameters: fixed effects, θ and σ
     * @param fit     the fit (by ML unless the table is REML)
     */
    public record Model(String name, String formula, int npar, FitResult fit) {
        public double logLik() {
            return fit.logLik();
        }

        /** −2 log-likelihood. */
        public double deviance() {
            return -2.0 * fit.logLik();
        }

        public double aic() {
            return deviance() + 2.0 * npar;
        }

        public double bic() {
            return deviance() + Math.log(fit.nobs()) * npar;
        }
    }

    /**
     * A likelihood-ratio test of a model against the one before it in the table.
     *
     * @param smaller  index of the model with fewer parameters
     * @param larger   index of the other
     * @param chisq    2 × (difference in log-likelihood), clamped at 0 as lme4 does
     * @param df       difference in number of parameters
     * @param p        P(χ²(df) ≥ chisq); NaN when df = 0
     * @param boundary the boundary-corrected p-value when the models differ only in variance
     *                 components and the larger model adds variances (null otherwise)
     */
    public record Test(int smaller, int larger, double chisq, int df, double p, BoundaryMixture boundary) {
    }
}
