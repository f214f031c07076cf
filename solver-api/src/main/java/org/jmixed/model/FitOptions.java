package org.jmixed.model;

/**
 * How to fit: REML (the default, as in lme4) or maximum likelihood, which backend
 * ({@code auto}, {@code java}, ...), and the optimizer's evaluation cap.
 */
public record FitOptions(boolean reml, String backend, int maxEvaluations) {
    public static final int DEFAULT_MAX_EVALUATIONS = 10_000;

    public static FitOptions defaults() {
        return new FitOptions(true, "auto", DEFAULT_MAX_EVALUATIONS);
    }

    public FitOptions withReml(boolean v) {
        return new FitOptions(v, backend, maxEvaluations);
    }

    public FitOptions withBackend(String v) {
        return new FitOptions(reml, v, maxEvaluations);
    }

    public FitOptions withMaxEvaluations(int v) {
        return new FitOptions(reml, backend, v);
    }
}
