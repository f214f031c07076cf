package org.jmixed.model;

/**
 * How to fit: REML (the default, as in lme4) or maximum likelihood, which backend
 * ({@code auto}, {@code java}, ...), the optimizer's evaluation cap, optionally a fixed θ at
 * which to evaluate the model without optimizing (as lme4's {@code devfun} would, useful for
 * profiling and for comparing with another program's estimates), and optionally a listener told
 * after each of the optimizer's evaluations (a progress line; null for none).
 */
public record FitOptions(boolean reml, String backend, int maxEvaluations, double[] fixedTheta,
                         EvaluationListener listener) {
    public static final int DEFAULT_MAX_EVALUATIONS = 10_000;

    /** Without a listener. */
    public FitOptions(boolean reml, String backend, int maxEvaluations, double[] fixedTheta) {
        this(reml, backend, maxEvaluations, fixedTheta, null);
    }

    public FitOptions {
        fixedTheta = fixedTheta == null ? null : fixedTheta.clone();
    }

    public static FitOptions defaults() {
        return new FitOptions(true, "auto", DEFAULT_MAX_EVALUATIONS, null);
    }

    public FitOptions withReml(boolean v) {
        return new FitOptions(v, backend, maxEvaluations, fixedTheta, listener);
    }

    public FitOptions withBackend(String v) {
        return new FitOptions(reml, v, maxEvaluations, fixedTheta, listener);
    }

    public FitOptions withMaxEvaluations(int v) {
        return new FitOptions(reml, backend, v, fixedTheta, listener);
    }

    /** Evaluate at this θ instead of optimizing (null to optimize). */
    public FitOptions withFixedTheta(double[] theta) {
        return new FitOptions(reml, backend, maxEvaluations, theta, listener);
    }

    /** Tell this listener after each of the optimizer's evaluations (null for none). */
    public FitOptions withListener(EvaluationListener v) {
        return new FitOptions(reml, backend, maxEvaluations, fixedTheta, v);
    }

    @Override
    public double[] fixedTheta() {
        return fixedTheta == null ? null : fixedTheta.clone();
    }
}
