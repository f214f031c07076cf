package org.jmixed.model;

/**
 * How to fit: REML (the default, as in lme4) or maximum likelihood, which backend
 * ({@code auto}, {@code java}, ...), the optimizer's evaluation cap, and optionally a fixed θ at
 * which to evaluate the model without optimizing (as lme4's {@code devfun} would, useful for
 * profiling and for comparing with another program's estimates).
 */
public record FitOptions(boolean reml, String backend, int maxEvaluations, double[] fixedTheta) {
    public static final int DEFAULT_MAX_EVALUATIONS = 10_000;

    public FitOptions {
        fixedTheta = fixedTheta == null ? null : fixedTheta.clone();
    }

    public static FitOptions defaults() {
        return new FitOptions(true, "auto", DEFAULT_MAX_EVALUATIONS, null);
    }

    public FitOptions withReml(boolean v) {
        return new FitOptions(v, backend, maxEvaluations, fixedTheta);
    }

    public FitOptions withBackend(String v) {
        return new FitOptions(reml, v, maxEvaluations, fixedTheta);
    }

    public FitOptions withMaxEvaluations(int v) {
        return new FitOptions(reml, backend, v, fixedTheta);
    }

    /** Evaluate at this θ instead of optimizing (null to optimize). */
    public FitOptions withFixedTheta(double[] theta) {
        return new FitOptions(reml, backend, maxEvaluations, theta);
    }

    @Override
    public double[] fixedTheta() {
        return fixedTheta == null ? null : fixedTheta.clone();
    }
}
