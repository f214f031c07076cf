package org.jmixed.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;

/**
 * The convergence check ({@link ConvergenceCheck}) at the end of a BOBYQA fit, with the cheapest
 * sources of the gradient first: BOBYQA's final quadratic model (free, where its error bound
 * settles a component), then the analytic gradient ({@link ProfiledGradient}) where the evaluator
 * gives a selected inverse and the finite differences still needed would cost more, then finite
 * differences for what is left. The analytic gradient needs a factorization at θ, which the fit's
 * final solve then reuses ({@link Result#summary()}).
 */
final class OptimumCheck {
    /**
     * What one analytic gradient costs once the factorization at θ is done (it is reused by the
     * final solve), in evaluations: the selected inverse and the derivative sums. Measured on the
     * java backend (blocked evaluator, 2 cores, load about 2.5): InstEval 1.1/2.6/3.0, the 400k
     * crossed design 1.8/2.4/3.5 evaluations (3 repeats each).
     */
    static final double GRADIENT_COST_IN_EVALUATIONS = 3.0;

    /** The share of the free heap the analytic gradient may take. */
    static final double MEMORY_SHARE = 0.25;

    /**
     * The check's outcome, and the evaluator's factor summary at θ when the evaluator was left
     * factored there (null otherwise: the caller must factor again).
     */
    record Result(ConvergenceCheck.Outcome outcome, PlsFactorSummary summary, boolean analytic) {
    }

    private OptimumCheck() {
    }

    static Result run(PlsEvaluator evaluator, PlsProblem problem, boolean reml, ToDoubleFunction<double[]> objective,
                      double[] theta, double value, boolean[] diagonal, Bobyqa.Model model) {
        return run(evaluator, problem, reml, objective, theta, value, diagonal, model, null);
    }

    /**
     * As above; {@code current}, when not null, is the summary of the evaluator's present
     * factorization, which is at θ (the optimizer's best point was its last evaluation, as it
     * usually is at convergence), so the analytic gradient needs no factorization of its own.
     */
    static Result run(PlsEvaluator evaluator, PlsProblem problem, boolean reml, ToDoubleFunction<double[]> objective,
                      double[] theta, double value, boolean[] diagonal, Bobyqa.Model model,
                      PlsFactorSummary current) {
        return run(evaluator, problem, reml, objective, theta, value, diagonal, model, current, null);
    }

    /**
     * As above; {@code knownGradient}, when not null, is the analytic gradient at θ, already
     * computed from the present factorization (whose summary {@code current} is, and must then be
     * given): the check uses it instead of computing its own.
     */
    static Result run(PlsEvaluator evaluator, PlsProblem problem, boolean reml, ToDoubleFunction<double[]> objective,
                      double[] theta, double value, boolean[] diagonal, Bobyqa.Model model,
                      PlsFactorSummary current, double[] knownGradient) {
        List<ModelGradientEstimate> estimates = new ArrayList<>(ConvergenceCheck.modelEstimate(model, theta, value));
        PlsFactorSummary summary = null;
        boolean analytic = false;
        if (knownGradient != null && current != null) {
            estimates.add(ModelGradientEstimate.analytic(knownGradient, model));
            summary = current;
            analytic = true;
        } else if (finiteDifferenceCost(estimates, theta, diagonal) > GRADIENT_COST_IN_EVALUATIONS
                && evaluator.hasSelectedInverse() && memoryAllows(problem)) {
            ProfiledGradient criterion = new ProfiledGradient(problem, reml);
            double[] gradient = new double[theta.length];
            double v = current != null ? criterion.valueOfPresentFactor(current) : criterion.value(evaluator, theta);
            if (Double.isFinite(v) && criterion.gradientAtLastFactor(evaluator, theta, gradient)) {
                estimates.add(ModelGradientEstimate.analytic(gradient, model));
                summary = criterion.lastFactorSummary();
                analytic = true;
            }
        }
        ConvergenceCheck.Outcome outcome = ConvergenceCheck.check(objective, theta, value, diagonal, estimates);
        return new Result(outcome, outcome.evaluations() == 0 ? summary : null, analytic);
    }

    /**
     * Whether the selected inverse fits comfortably in the heap: it needs about the blocks of Z'Z,
     * V (q × p) and a dense square of the terms after the first (the blocked evaluator's trailing
     * block: 53 GiB for MovieLens-32M's movies, where the factor already holds one). Allowed when
     * that is at most {@link #MEMORY_SHARE} of the heap still free.
     */
    static boolean memoryAllows(PlsProblem problem) {
        long doubles = (long) problem.q() * problem.p();
        long trailing = 0;
        for (int k = 0; k < problem.terms().size(); k++) {
            doubles += problem.cross().zTz(k).length;
            for (int j = 0; j < k; j++) {
                doubles += problem.cross().zTzOff(k, j).values.length;
            }
            if (k > 0) {
                trailing += problem.terms().get(k).q();
            }
        }
        doubles += trailing * trailing;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return 8.0 * doubles <= MEMORY_SHARE * free;
    }

    /** Evaluations the finite differences would take for the components no estimate settles. */
    static int finiteDifferenceCost(List<ModelGradientEstimate> estimates, double[] theta, boolean[] diagonal) {
        int cost = 0;
        for (int i = 0; i < theta.length; i++) {
            boolean onBound = diagonal[i] && theta[i] == 0.0;
            if (!ConvergenceCheck.settled(estimates, i, onBound)) {
                cost += onBound ? 1 : 2;
            }
        }
        return cost;
    }
}
