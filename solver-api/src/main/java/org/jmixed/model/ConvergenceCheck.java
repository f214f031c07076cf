package org.jmixed.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * lme4-style check of the optimum: at an interior optimum the gradient should vanish. As lme4
 * does, a component passes when either its absolute value or its value scaled by the curvature
 * (|g_i| / √H_ii, a Newton step in θ's units) is below the tolerance; a diagonal θ on its bound
 * only needs a non-negative derivative into the feasible region.
 *
 * <p>lme4 estimates g and H by finite differences, 2·length(θ) evaluations. Where BOBYQA's final
 * quadratic model is at hand ({@link Bobyqa.Model}), a component whose model estimate passes even
 * in the worst case of its error bound ({@link ModelGradientEstimate}) costs nothing; the others
 * are still done by finite differences. A component can only fail on finite differences, so the
 * warnings are those of the finite-difference rule.
 */
final class ConvergenceCheck {
    /** lme4's default tolerance for the (scaled) gradient. */
    static final double GRADIENT_TOLERANCE = 2e-3;
    /** Finite-difference step, relative to max(|θ_i|, 1). */
    static final double STEP = 1e-4;
    /**
     * The true curvature H_ii is assumed to be at least this share of the model's when a model
     * estimate is scaled by it (checked against finite differences in ModelConvergenceCheckTest).
     */
    static final double CURVATURE_SHARE = 0.25;

    /** The warnings (empty when the optimum passes) and the evaluations the check cost. */
    record Outcome(List<String> problems, int evaluations, int modelComponents) {
    }

    private ConvergenceCheck() {
    }

    /** Returns warnings by finite differences alone; empty when the optimum passes. */
    static List<String> check(ToDoubleFunction<double[]> f, double[] theta, double value, boolean[] diagonal) {
        return check(f, theta, value, diagonal, List.of()).problems();
    }

    /**
     * The check at θ (f(θ) = value), using the model where it settles a component and finite
     * differences elsewhere; model null for finite differences throughout.
     */
    static Outcome check(ToDoubleFunction<double[]> f, double[] theta, double value, boolean[] diagonal,
                         Bobyqa.Model model) {
        return check(f, theta, value, diagonal, modelEstimate(model, theta, value));
    }

    /** The model's estimate at θ; empty when there is no model (or one of another dimension). */
    static List<ModelGradientEstimate> modelEstimate(Bobyqa.Model model, double[] theta, double value) {
        return model == null || model.center().length != theta.length ? List.of()
                : List.of(ModelGradientEstimate.at(model, theta, value));
    }

    /**
     * The check at θ (f(θ) = value): a component that one of the estimates settles
     * ({@link #modelSettles}) costs nothing, the others are done by finite differences.
     */
    static Outcome check(ToDoubleFunction<double[]> f, double[] theta, double value, boolean[] diagonal,
                         List<ModelGradientEstimate> estimates) {
        List<String> problems = new ArrayList<>();
        int evaluations = 0;
        int fromModel = 0;
        double worst = 0.0;
        int worstIndex = -1;
        for (int i = 0; i < theta.length; i++) {
            boolean onBound = diagonal[i] && theta[i] == 0.0;
            if (settled(estimates, i, onBound)) {
                fromModel++;
                continue;
            }
            double h = STEP * Math.max(Math.abs(theta[i]), 1.0);
            double[] t = theta.clone();
            t[i] = theta[i] + h;
            double up = f.applyAsDouble(t);
            evaluations++;
            if (onBound) {
                double slope = (up - value) / h;
                if (slope < -GRADIENT_TOLERANCE) {
                    problems.add(String.format("objective decreases away from the boundary at theta[%d] (slope %.3g)",
                            i + 1, slope));
                }
                continue;
            }
            t[i] = theta[i] - h;
            double down = f.applyAsDouble(t);
            evaluations++;
            double g = (up - down) / (2 * h);
            double curvature = (up - 2 * value + down) / (h * h);
            double measure = measure(g, curvature);
            if (measure > worst) {
                worst = measure;
                worstIndex = i;
            }
        }
        if (worst > GRADIENT_TOLERANCE) {
            problems.add(String.format("model failed to converge: max|grad| = %.3g at theta[%d] (tol = %.3g)", worst,
                    worstIndex + 1, GRADIENT_TOLERANCE));
        }
        return new Outcome(problems, evaluations, fromModel);
    }

    /** Whether one of the estimates settles component i. */
    static boolean settled(List<ModelGradientEstimate> estimates, int i, boolean onBound) {
        for (ModelGradientEstimate e : estimates) {
            if (modelSettles(e, i, onBound)) {
                return true;
            }
        }
        return false;
    }

    /** lme4's measure of one component: the smaller of |g| and the Newton step |g| / √H. */
    static double measure(double gradient, double curvature) {
        double scaled = curvature > 0 ? Math.abs(gradient) / Math.sqrt(curvature) : Double.POSITIVE_INFINITY;
        return Math.min(Math.abs(gradient), scaled);
    }

    /**
     * Whether the model's estimate passes component i whatever its error within the bound: the
     * largest |g_i| consistent with the bound, scaled by the smallest curvature assumed
     * ({@link #CURVATURE_SHARE} of the model's); at a bound, the lowest slope into the region.
     */
    static boolean modelSettles(ModelGradientEstimate estimate, int i, boolean onBound) {
        double bound = estimate.errorBound;
        if (!Double.isFinite(bound)) {
            return false;
        }
        double g = estimate.gradient[i];
        if (onBound) {
            return g - bound >= -GRADIENT_TOLERANCE;
        }
        return measure(Math.abs(g) + bound, CURVATURE_SHARE * estimate.curvature[i]) <= GRADIENT_TOLERANCE;
    }
}
