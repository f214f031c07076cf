package org.jmixed.model;

/**
 * Told after each objective evaluation of an iterative computation (the optimizer of a fit, and
 * later the replicates of a bootstrap or the steps of a profile). Called on the computing thread
 * in its inner loop: implementations must be cheap and must not allocate on most calls (see
 * {@link org.jmixed.report.ProgressLine}, which rate-limits its output).
 */
@FunctionalInterface
public interface EvaluationListener {
    /**
     * @param count evaluations (or replicates, steps) done so far
     * @param best  the best (lowest) objective so far, or NaN where there is none
     */
    void evaluated(long count, double best);
}
