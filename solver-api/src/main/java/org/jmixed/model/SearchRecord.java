package org.jmixed.model;

import java.util.function.ToDoubleFunction;

import org.jmixed.JmixedException;

/**
 * What a θ search has evaluated, shared by the BOBYQA and gradient searches: counts the
 * evaluations, tells the listener after each, and keeps the best point seen, so that an
 * interrupted search still returns it.
 */
final class SearchRecord {
    private final ToDoubleFunction<double[]> objective;
    /** Told after each evaluation (a progress line); null for none. */
    private final EvaluationListener listener;
    int evaluations;
    double[] best;
    double bestValue = Double.POSITIVE_INFINITY;

    SearchRecord(ToDoubleFunction<double[]> objective, EvaluationListener listener) {
        this.objective = objective;
        this.listener = listener;
    }

    /** The objective at θ, +∞ where it is not a number. */
    double evaluate(double[] theta) {
        evaluations++;
        double v = objective.applyAsDouble(theta);
        if (Double.isNaN(v)) {
            v = Double.POSITIVE_INFINITY;
        }
        if (v < bestValue) {
            bestValue = v;
            best = theta.clone();
        }
        if (listener != null) {
            listener.evaluated(evaluations, bestValue);
        }
        return v;
    }

    /**
     * The outcome: the best point, first with each small bounded element tried at exactly zero
     * unless the search ran out of evaluations. Optimizers approach a zero variance only
     * asymptotically; lme4's BOBYQA lands on the bound, so a zero is kept when it is no worse.
     */
    ThetaOptimizer.Result result(boolean[] bounded, boolean limited) {
        if (best == null) {
            throw new JmixedException("the REML/ML criterion is not a number at any of the " + evaluations
                    + " values of theta tried (non-finite or overflowing data?)");
        }
        if (!limited) {
            for (int i = 0; i < bounded.length; i++) {
                if (bounded[i] && best[i] != 0.0 && best[i] < ThetaOptimizer.BOUNDARY_SNAP) {
                    double[] trial = best.clone();
                    trial[i] = 0.0;
                    double before = bestValue;
                    double v = evaluate(trial);
                    if (v <= before + 1e-10 * Math.abs(before)) {
                        best = trial;
                        bestValue = v;
                    }
                }
            }
        }
        return new ThetaOptimizer.Result(best.clone(), bestValue, evaluations, limited);
    }
}
