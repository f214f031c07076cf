package org.jmixed.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * lme4-style check of the optimum by finite differences: at an interior optimum the gradient
 * should vanish. As lme4 does, a component passes when either its absolute value or its value
 * scaled by the curvature (|g_i| / √H_ii, a Newton step in θ's units) is below the tolerance;
 * a diagonal θ on its bound only needs a non-negative derivative into the feasible region.
 * Costs 2·length(θ) evaluations.
 */
final class ConvergenceCheck {
    /** lme4's default tolerance for the (scaled) gradient. */
    static final double GRADIENT_TOLERANCE = 2e-3;
    /** Finite-difference step, relative to max(|θ_i|, 1). */
    static final double STEP = 1e-4;

    private ConvergenceCheck() {
    }

    /** Returns warnings; empty when the optimum passes. */
    static List<String> check(ToDoubleFunction<double[]> f, double[] theta, double value, boolean[] diagonal) {
        List<String> problems = new ArrayList<>();
        double worst = 0.0;
        int worstIndex = -1;
        for (int i = 0; i < theta.length; i++) {
            double h = STEP * Math.max(Math.abs(theta[i]), 1.0);
            double[] t = theta.clone();
            boolean onBound = diagonal[i] && theta[i] == 0.0;
            t[i] = theta[i] + h;
            double up = f.applyAsDouble(t);
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
            double g = (up - down) / (2 * h);
            double curvature = (up - 2 * value + down) / (h * h);
            double scaled = curvature > 0 ? Math.abs(g) / Math.sqrt(curvature) : Double.POSITIVE_INFINITY;
            double measure = Math.min(Math.abs(g), scaled);
            if (measure > worst) {
                worst = measure;
                worstIndex = i;
            }
        }
        if (worst > GRADIENT_TOLERANCE) {
            problems.add(String.format("model failed to converge: max|grad| = %.3g at theta[%d] (tol = %.3g)", worst,
                    worstIndex + 1, GRADIENT_TOLERANCE));
        }
        return problems;
    }
}
