package org.jmixed.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Minimizes the profiled criterion over θ with its analytic gradient: a projected quasi-Newton
 * method (BFGS on the inverse Hessian, restricted to the variables not held at their bound) with
 * the box θ_diag ≥ 0, off-diagonals free, and a backtracking line search along the projected path
 * (Armijo's condition). θ has few elements, so the inverse Hessian is a small dense matrix; every
 * array is allocated in the constructor, none per iteration.
 *
 * <p>Converged when the predicted decrease −g'd (d the quasi-Newton step) is below
 * {@link #DECREASE_TOLERANCE} relative to the criterion and the projected gradient below
 * {@link #GRADIENT_TOLERANCE}, or the projected gradient alone is below
 * {@link #SMALL_GRADIENT} relative. A variable at its bound with zero derivative (θ = 0 is a
 * stationary point of every scalar term, the criterion being even in it) is tried once a little
 * inside, and the search restarts there when that is lower: a bound reached by projection is not
 * taken for a minimum without that check. Small diagonals are then tried at exactly zero, as
 * {@link ThetaOptimizer} does.
 */
final class GradientOptimizer {
    /** The criterion and its gradient at the θ of the last value call. */
    interface Objective {
        double value(double[] theta);

        void gradient(double[] theta, double[] out);
    }

    /**
     * Stop when −g'd, twice the predicted decrease, is below this share of max(1, |f|): far below
     * the 1e-8 relative agreement promised for the objective, and about where the rounding of the
     * gradient (terms of size |f| summed) stops further progress (InstEval: |g| ≈ 2e-4 at f ≈ 2.4e5).
     */
    static final double DECREASE_TOLERANCE = 1e-12;
    /** ... and the largest projected-gradient component below this (lme4's check uses 2e-3). */
    static final double GRADIENT_TOLERANCE = 1e-3;
    /** Or the largest projected-gradient component below this share of max(1, |f|). */
    static final double SMALL_GRADIENT = 1e-10;
    /** A first step of this share of the start's largest element (at least {@link #MIN_FIRST_STEP}). */
    static final double FIRST_STEP_SHARE = 0.05;
    static final double MIN_FIRST_STEP = 0.01;
    /** Armijo's sufficient-decrease constant. */
    static final double ARMIJO = 1e-4;
    /** Backtracking steps before the line search gives up. */
    static final int MAX_BACKTRACKS = 40;
    /** Step into the feasible region when checking a bound with zero derivative. */
    static final double ESCAPE_STEP = 0.05;
    /** Restarts from such escapes. */
    static final int MAX_RESTARTS = 2;

    private final Objective objective;
    private final boolean[] bounded;
    private final int maxEvaluations;
    private final int m;
    private final double[] x;
    private final double[] g;
    private final double[] trial;
    private final double[] trialGradient;
    private final double[] d;
    private final double[] s;
    private final double[] y;
    private final double[] hy;
    private final double[] h;
    private final boolean[] free;
    private final SearchRecord record;
    private int gradients;
    private int iterations;
    private double finalProjectedGradient = Double.NaN;
    private boolean limited;

    GradientOptimizer(Objective objective, boolean[] diagonal, int maxEvaluations, EvaluationListener listener) {
        this.objective = objective;
        this.bounded = diagonal.clone();
        this.maxEvaluations = maxEvaluations;
        this.record = new SearchRecord(objective::value, listener);
        this.m = diagonal.length;
        x = new double[m];
        g = new double[m];
        trial = new double[m];
        trialGradient = new double[m];
        d = new double[m];
        s = new double[m];
        y = new double[m];
        hy = new double[m];
        h = new double[m * m];
        free = new boolean[m];
    }

    /** Gradient evaluations made (each after a value at the same θ). */
    int gradients() {
        return gradients;
    }

    int iterations() {
        return iterations;
    }

    /**
     * Minimizes from lme4's start or the guess (when given and feasible), whichever is lower.
     */
    ThetaOptimizer.Result minimize(double[] guess) {
        double[] start = new double[m];
        for (int i = 0; i < m; i++) {
            start[i] = bounded[i] ? 1.0 : 0.0;
        }
        double[] from = start;
        double fromValue;
        if (guess != null && guess.length == m && ThetaBounds.feasible(guess, bounded) && maxEvaluations >= 4) {
            // The guess last: it usually wins, and the evaluator is then already at it for the gradient.
            double startValue = evaluate(start);
            double guessValue = evaluate(guess);
            if (guessValue < startValue) {
                from = guess;
                fromValue = guessValue;
            } else {
                fromValue = evaluate(start);
            }
        } else {
            fromValue = evaluate(start);
        }
        return run(from, fromValue);
    }

    /**
     * Minimizes from a point known to be good (a refit to data like the original's), without the
     * comparison with lme4's start; an unusable start (wrong length, outside the bounds) falls back
     * to {@link #minimize}.
     */
    ThetaOptimizer.Result minimizeFrom(double[] start) {
        if (start == null || start.length != m || !ThetaBounds.feasible(start, bounded)) {
            return minimize(null);
        }
        return run(start, evaluate(start));
    }

    /** The search from {@code from}, the point evaluated last. */
    private ThetaOptimizer.Result run(double[] from, double fromValue) {
        System.arraycopy(from, 0, x, 0, m);
        double f = fromValue;
        for (int restart = 0; ; restart++) {
            if (!Double.isFinite(f) || limited) {
                break;
            }
            f = search(f);
            if (limited || restart == MAX_RESTARTS || !escapeFromBound(f)) {
                break;
            }
            f = record.bestValue;
        }
        return record.result(bounded, limited);
    }

    /** Warnings about the optimum in lme4's words; empty when its projected gradient is small. */
    List<String> convergenceProblems() {
        List<String> problems = new ArrayList<>();
        if (!(finalProjectedGradient <= ConvergenceCheck.GRADIENT_TOLERANCE)) {
            problems.add(String.format("model failed to converge: max|projected grad| = %.3g (tol = %.3g)",
                    finalProjectedGradient, ConvergenceCheck.GRADIENT_TOLERANCE));
        }
        return problems;
    }

    /** Quasi-Newton iterations from x (value f, already evaluated last); returns the final value. */
    private double search(double f) {
        gradient(x, g);
        resetHessian(1.0);
        boolean scaled = false;
        boolean first = true;
        while (true) {
            double pg = projectedGradient();
            finalProjectedGradient = pg;
            double scale = Math.max(1.0, Math.abs(f));
            // Direction on the free variables: d = −H g.
            double slope = direction();
            if (slope >= 0) {
                resetHessian(1.0);
                scaled = false;
                slope = direction();
            }
            if (pg <= SMALL_GRADIENT * scale || (-slope <= DECREASE_TOLERANCE * scale && pg <= GRADIENT_TOLERANCE)) {
                return f;
            }
            double alpha = 1.0;
            if (first) {
                // Before any curvature is known, a step small on θ's scale (a relative standard deviation).
                double firstStep = Math.max(MIN_FIRST_STEP, FIRST_STEP_SHARE * ThetaBounds.maxAbs(x));
                alpha = Math.min(1.0, firstStep / ThetaBounds.maxAbs(d));
                first = false;
            }
            double ft = Double.NaN;
            boolean accepted = false;
            for (int b = 0; b < MAX_BACKTRACKS; b++) {
                double decrease = project(alpha);
                if (decrease >= 0) {
                    break; // the projected step does not move
                }
                if (record.evaluations >= maxEvaluations) {
                    limited = true;
                    return f;
                }
                ft = evaluate(trial);
                if (Double.isFinite(ft) && ft <= f + ARMIJO * decrease) {
                    accepted = true;
                    break;
                }
                // Minimizer of the quadratic through f, the slope and ft, kept within [0.1, 0.5]·α.
                double next = Double.isFinite(ft) ? -decrease * alpha / (2.0 * (ft - f - decrease)) : 0.1 * alpha;
                alpha = Math.max(0.1 * alpha, Math.min(0.5 * alpha, next));
            }
            if (!accepted) {
                // No decrease left along the quasi-Newton step: the objective is flat to rounding here.
                return f;
            }
            iterations++;
            gradient(trial, trialGradient);
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < m; i++) {
                s[i] = trial[i] - x[i];
                y[i] = trialGradient[i] - g[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
            }
            if (sy > 1e-12 * Math.sqrt(yy) * norm(s)) {
                if (!scaled) {
                    resetHessian(sy / yy);
                    scaled = true;
                }
                bfgsUpdate(sy);
            }
            System.arraycopy(trial, 0, x, 0, m);
            System.arraycopy(trialGradient, 0, g, 0, m);
            f = ft;
        }
    }

    /**
     * At a bound with a zero derivative, try a point a little inside; if it is lower, continue
     * from there (x, its value is bestValue) and return true.
     */
    private boolean escapeFromBound(double f) {
        for (int i = 0; i < m; i++) {
            if (bounded[i] && x[i] == 0.0 && Math.abs(g[i]) <= GRADIENT_TOLERANCE
                    && record.evaluations < maxEvaluations) {
                System.arraycopy(x, 0, trial, 0, m);
                trial[i] = ESCAPE_STEP;
                double v = evaluate(trial);
                if (v < f) {
                    System.arraycopy(trial, 0, x, 0, m);
                    return true;
                }
            }
        }
        return false;
    }

    /** Largest |component| of the projected gradient; marks the free variables. */
    private double projectedGradient() {
        double worst = 0;
        for (int i = 0; i < m; i++) {
            free[i] = !(bounded[i] && x[i] <= 0.0 && g[i] > 0.0);
            if (free[i]) {
                worst = Math.max(worst, Math.abs(g[i]));
            }
        }
        return worst;
    }

    /** d = −H g on the free variables (0 elsewhere); returns g'd. */
    private double direction() {
        double slope = 0;
        for (int i = 0; i < m; i++) {
            double v = 0;
            if (free[i]) {
                for (int j = 0; j < m; j++) {
                    if (free[j]) {
                        v -= h[i + j * m] * g[j];
                    }
                }
            }
            d[i] = v;
            slope += v * g[i];
        }
        return slope;
    }

    /** trial = P(x + αd); returns g'(trial − x), the first-order change along the projected path. */
    private double project(double alpha) {
        double change = 0;
        for (int i = 0; i < m; i++) {
            double v = x[i] + alpha * d[i];
            if (bounded[i] && v < 0.0) {
                v = 0.0;
            }
            trial[i] = v;
            change += g[i] * (v - x[i]);
        }
        return change;
    }

    /** H := (I − ρ s y') H (I − ρ y s') + ρ s s', ρ = 1/(s'y). */
    private void bfgsUpdate(double sy) {
        double rho = 1.0 / sy;
        double yhy = 0;
        for (int i = 0; i < m; i++) {
            double v = 0;
            for (int j = 0; j < m; j++) {
                v += h[i + j * m] * y[j];
            }
            hy[i] = v;
            yhy += y[i] * v;
        }
        double c = rho * (1.0 + rho * yhy);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                h[i + j * m] += c * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
            }
        }
    }

    private void resetHessian(double diagonal) {
        java.util.Arrays.fill(h, 0.0);
        for (int i = 0; i < m; i++) {
            h[i + i * m] = diagonal;
        }
    }

    private double evaluate(double[] theta) {
        return record.evaluate(theta);
    }

    private void gradient(double[] theta, double[] out) {
        gradients++;
        objective.gradient(theta, out);
    }


    private static double norm(double[] v) {
        double r = 0;
        for (double a : v) {
            r += a * a;
        }
        return Math.sqrt(r);
    }
}
