package org.jmixed.model;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;

/**
 * BOBYQA's {@link Bobyqa.StageProbe} from the analytic gradient: at the end of a stage fine enough
 * for the settled stop, the exact gradient g at the best point and the model's Hessian H predict
 * the rest of the search, a Newton step δ = −H⁻¹g lowering f by ½ g'H⁻¹g. Where that decrease is
 * within the settled stop's share of |f| (what a whole finer stage would have had to show), the
 * step within the stage's resolution even for a true curvature of only
 * {@link ConvergenceCheck#CURVATURE_SHARE} of the model's, and g passes the convergence check by
 * itself, the search ends: the finer stage (2n + 1 or more evaluations) would only have polished
 * digits. The exact gradient is only computed where the model's own gradient already predicts the
 * end (on the 1M-row crossed design it did not, and an exact gradient there would have been
 * wasted). Points near a bound are left to BOBYQA's own rule.
 *
 * <p>The gradient is the one the convergence check needs at the optimum: {@link #gradientAt}
 * hands it over while the evaluator is still factored there, so the check costs nothing more.
 */
final class GradientStageProbe implements Bobyqa.StageProbe {
    private final PlsEvaluator evaluator;
    private final PlsProblem problem;
    private final boolean reml;
    /**
     * Made at the first exact gradient: its workspace is the size of Z'Z's blocks (52 MB for 10M
     * rows), which fits whose model never predicts the end should not pay for.
     */
    private ProfiledGradient criterion;
    /** Factors at θ through the fit's own objective, which keeps {@link #presentTheta} and {@link #present}. */
    private final ToDoubleFunction<double[]> objective;
    private final double[] presentTheta;
    private final PlsFactorSummary present;
    private final boolean[] diagonal;
    private final double decreaseShare;
    private double[] lastTheta;
    private double[] lastGradient;

    /**
     * @param objective     the fit's objective, which factors the evaluator at θ and records θ in
     *                      {@code presentTheta} and the factorization's summary in {@code present}
     * @param decreaseShare the settled stop's share of |f| that counts as no decrease
     */
    GradientStageProbe(PlsEvaluator evaluator, PlsProblem problem, boolean reml, ToDoubleFunction<double[]> objective,
                       double[] presentTheta, PlsFactorSummary present, boolean[] diagonal, double decreaseShare) {
        this.evaluator = evaluator;
        this.problem = problem;
        this.reml = reml;
        this.objective = objective;
        this.presentTheta = presentTheta;
        this.present = present;
        this.diagonal = diagonal.clone();
        this.decreaseShare = decreaseShare;
    }

    @Override
    public boolean settled(Bobyqa.Model model, double rho) {
        double[] x = model.center();
        for (int i = 0; i < x.length; i++) {
            if (diagonal[i] && x[i] < rho) {
                return false;
            }
        }
        double allowed = decreaseShare * Math.abs(model.centerValue());
        if (!predictsTheEnd(model.gradient(), model, rho, allowed)) {
            // The model's own gradient (free) does not predict the end: an exact one seldom would,
            // and it costs about two evaluations (and a third where the best point is not the last).
            return false;
        }
        if (!Arrays.equals(presentTheta, x)) {
            objective.applyAsDouble(x);
        }
        if (criterion == null) {
            criterion = new ProfiledGradient(problem, reml);
        }
        double[] g = new double[x.length];
        double v = criterion.valueOfPresentFactor(present);
        if (!Double.isFinite(v) || !criterion.gradientAtLastFactor(evaluator, x, g)) {
            return false;
        }
        lastTheta = x.clone();
        lastGradient = g;
        return predictsTheEnd(g, model, rho, allowed);
    }

    /**
     * Whether the gradient g at the model's center ends the search: the convergence check passes
     * on g alone (lme4's measure, with the curvature share, so that the check needs no
     * evaluations), and {@link #newtonStepSettles}.
     */
    private static boolean predictsTheEnd(double[] g, Bobyqa.Model model, double rho, double allowedDecrease) {
        ModelGradientEstimate estimate = ModelGradientEstimate.analytic(g, model);
        for (int i = 0; i < g.length; i++) {
            if (!ConvergenceCheck.modelSettles(estimate, i, false)) {
                return false;
            }
        }
        return newtonStepSettles(g, model.hessian(), rho, allowedDecrease);
    }

    /**
     * The analytic gradient at θ when this probe computed it there and the evaluator is still
     * factored at θ (the caller's summary describes that factorization); null otherwise.
     */
    double[] gradientAt(double[] theta) {
        return lastTheta != null && Arrays.equals(lastTheta, theta) && Arrays.equals(presentTheta, theta)
                ? lastGradient.clone() : null;
    }

    /**
     * Whether the Newton step −H⁻¹g lowers f by at most {@code allowedDecrease} and stays within
     * rho in every component even for a curvature of {@link ConvergenceCheck#CURVATURE_SHARE}·H
     * (the step grows by 1/share). False where H (n × n, column-major) is not positive definite.
     */
    static boolean newtonStepSettles(double[] g, double[] hessian, double rho, double allowedDecrease) {
        int n = g.length;
        double[] l = hessian.clone();
        if (!SmallCholesky.factor(l, n)) {
            return false;
        }
        double[] step = g.clone();
        SmallCholesky.solve(l, n, step);
        double decrease = 0;
        for (int i = 0; i < n; i++) {
            decrease += 0.5 * g[i] * step[i];
        }
        double share = ConvergenceCheck.CURVATURE_SHARE;
        if (!(decrease <= allowedDecrease)) {
            return false;
        }
        for (double v : step) {
            if (!(Math.abs(v) / share <= rho)) {
                return false;
            }
        }
        return true;
    }
}
