package org.jmixed.model;

/**
 * How to fit: REML (the default, as in lme4) or maximum likelihood, which backend
 * ({@code auto}, {@code java}, ...), the optimizer's evaluation cap, optionally a fixed θ at
 * which to evaluate the model without optimizing (as lme4's {@code devfun} would, useful for
 * profiling and for comparing with another program's estimates). Optionally a column of prior
 * weights (lme4's {@code weights=}: row i has residual variance σ²/w_i) and a residual covariance
 * structure ({@code diag(f)}, {@code cs(g)}, {@code ar1(t | g)}, {@code car1(t | g)},
 * {@code un(f | g)}; see {@link org.jmixed.covariance.ResidualSpec}); a fit with neither takes the
 * plain path. Optionally a listener told after each of the optimizer's evaluations (a progress
 * line; null for none).
 */
public record FitOptions(boolean reml, String backend, int maxEvaluations, double[] fixedTheta, String weights,
                         String residual, EvaluationListener listener) {
    public static final int DEFAULT_MAX_EVALUATIONS = 10_000;

    public FitOptions {
        fixedTheta = fixedTheta == null ? null : fixedTheta.clone();
    }

    /** Options without weights, residual structure or listener. */
    public FitOptions(boolean reml, String backend, int maxEvaluations, double[] fixedTheta) {
        this(reml, backend, maxEvaluations, fixedTheta, null, null, null);
    }

    public static FitOptions defaults() {
        return new FitOptions(true, "auto", DEFAULT_MAX_EVALUATIONS, null);
    }

    public FitOptions withReml(boolean v) {
        return new FitOptions(v, backend, maxEvaluations, fixedTheta, weights, residual, listener);
    }

    public FitOptions withBackend(String v) {
        return new FitOptions(reml, v, maxEvaluations, fixedTheta, weights, residual, listener);
    }

    public FitOptions withMaxEvaluations(int v) {
        return new FitOptions(reml, backend, v, fixedTheta, weights, residual, listener);
    }

    /** Evaluate at this θ instead of optimizing (null to optimize). */
    public FitOptions withFixedTheta(double[] theta) {
        return new FitOptions(reml, backend, maxEvaluations, theta, weights, residual, listener);
    }

    /** Prior weights from this column of the data (null for none). */
    public FitOptions withWeights(String column) {
        return new FitOptions(reml, backend, maxEvaluations, fixedTheta, column, residual, listener);
    }

    /** A residual covariance structure such as {@code ar1(Days | Subject)} (null for σ² I). */
    public FitOptions withResidual(String spec) {
        return new FitOptions(reml, backend, maxEvaluations, fixedTheta, weights, spec, listener);
    }

    /** Tell this listener after each of the optimizer's evaluations (null for none). */
    public FitOptions withListener(EvaluationListener v) {
        return new FitOptions(reml, backend, maxEvaluations, fixedTheta, weights, residual, v);
    }

    @Override
    public double[] fixedTheta() {
        return fixedTheta == null ? null : fixedTheta.clone();
    }
}
