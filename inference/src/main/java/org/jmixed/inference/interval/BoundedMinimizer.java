package org.jmixed.inference.interval;

import java.util.function.ToDoubleFunction;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.jmixed.model.Bobyqa;

/**
 * Minimizes a deviance over the parameters a profile leaves free, from a warm start: BOBYQA
 * ({@link Bobyqa}) for two or more, a bracketing Brent search for one. Each coordinate is divided by
 * its own scale (the estimate's size) so that one trust-region radius suits them all. Always returns
 * the best point evaluated, also when the evaluation cap stops the search.
 */
final class BoundedMinimizer {
    /** Largest and smallest first trust-region radius, relative to each coordinate's scale. */
    static final double MAX_INITIAL_RADIUS = 0.05;
    static final double MIN_INITIAL_RADIUS = 1e-3;
    /**
     * Final radius, relative. The deviance is flat at the optimum: 1e-4 in the parameters costs
     * about 1e-8 of the curvature in the deviance, and an end moves by that over 2z of ζ's slope.
     * Measured: the reference models' ends and InstEval's are the same (to 4e-5 of the width) as
     * at 1e-5, with 20% fewer evaluations.
     */
    static final double STOPPING_RADIUS = 1e-4;
    static final int MAX_EVALUATIONS = 2_000;

    record Result(double[] x, double value, int evaluations) {
    }

    private final ToDoubleFunction<double[]> f;
    private final double[] lo;
    private final double[] hi;
    private final double[] scale;
    private final double[] point;
    private double[] best;
    private double bestValue;
    private int evaluations;

    private final double initialRadius;

    private BoundedMinimizer(ToDoubleFunction<double[]> f, double[] lo, double[] hi, double[] scale,
                             double initialRadius) {
        this.initialRadius = initialRadius;
        this.f = f;
        this.lo = lo;
        this.hi = hi;
        this.scale = scale;
        this.point = new double[lo.length];
    }

    /**
     * @param start a feasible start (clamped into the bounds if not)
     * @param scale positive, per coordinate
     * @param near  a point the optimum is known to be near (the start's neighbour): the first radius
     *              is twice the largest scaled distance from the start, within
     *              [{@link #MIN_INITIAL_RADIUS}, {@link #MAX_INITIAL_RADIUS}]
     */
    static Result minimize(ToDoubleFunction<double[]> f, double[] start, double[] lo, double[] hi, double[] scale,
                           double[] near) {
        double d = 0;
        for (int i = 0; i < start.length; i++) {
            d = Math.max(d, Math.abs(start[i] - near[i]) / scale[i]);
        }
        double radius = Math.max(MIN_INITIAL_RADIUS, Math.min(MAX_INITIAL_RADIUS, 2 * d));
        BoundedMinimizer m = new BoundedMinimizer(f, lo, hi, scale, radius);
        return m.run(start);
    }

    private Result run(double[] start) {
        int k = start.length;
        double[] z0 = new double[k];
        for (int i = 0; i < k; i++) {
            double x = Math.max(lo[i], Math.min(hi[i], start[i]));
            z0[i] = x / scale[i];
        }
        bestValue = Double.POSITIVE_INFINITY;
        double v0 = evaluate(z0);
        if (k == 1) {
            minimizeOne(z0[0], v0);
        } else if (k >= 2) {
            minimizeMany(z0);
        }
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = best[i] * scale[i];
        }
        return new Result(x, bestValue, evaluations);
    }

    private double evaluate(double[] z) {
        evaluations++;
        for (int i = 0; i < z.length; i++) {
            point[i] = Math.max(lo[i], Math.min(hi[i], z[i] * scale[i]));
        }
        double v = f.applyAsDouble(point);
        if (Double.isNaN(v)) {
            v = Double.POSITIVE_INFINITY;
        }
        if (v < bestValue) {
            bestValue = v;
            best = z.clone();
        }
        return v;
    }

    private double evaluateOne(double z) {
        return evaluate(new double[] {z});
    }

    private void minimizeOne(double z0, double v0) {
        double zl = lo[0] / scale[0];
        double zh = hi[0] / scale[0];
        double h = initialRadius;
        // Bracket the minimum: walk downhill with growing steps, then search inside.
        double a = z0;
        double fa = v0;
        double b = Math.min(zh, z0 + h);
        double fb = b == a ? fa : evaluateOne(b);
        if (fb >= fa) {
            double c = Math.max(zl, z0 - h);
            double fc = c == a ? fa : evaluateOne(c);
            if (fc >= fa) {
                brent(c, b, z0);
                return;
            }
            b = c;
            fb = fc;
            h = -h;
        }
        // fb < fa: keep going in the direction of b.
        while (evaluations < MAX_EVALUATIONS) {
            h *= 2;
            double c = Math.max(zl, Math.min(zh, b + h));
            if (c == b) {
                brent(Math.min(a, b), Math.max(a, b), b);
                return;
            }
            double fc = evaluateOne(c);
            if (fc >= fb) {
                brent(Math.min(a, c), Math.max(a, c), b);
                return;
            }
            a = b;
            b = c;
            fb = fc;
        }
    }

    private void brent(double lower, double upper, double start) {
        if (!(upper > lower)) {
            return;
        }
        UnivariateObjectiveFunction g = new UnivariateObjectiveFunction(this::evaluateOne);
        try {
            new BrentOptimizer(1e-10, STOPPING_RADIUS * 1e-2).optimize(
                    new MaxEval(Math.max(1, MAX_EVALUATIONS - evaluations)), g, GoalType.MINIMIZE,
                    new SearchInterval(lower, upper, start));
        } catch (MathRuntimeException stopped) {
            // the best point seen stands
        }
    }

    private void minimizeMany(double[] z0) {
        int k = z0.length;
        double[] zl = new double[k];
        double[] zh = new double[k];
        double radius = initialRadius;
        for (int i = 0; i < k; i++) {
            zl[i] = lo[i] / scale[i];
            zh[i] = hi[i] / scale[i];
            radius = Math.min(radius, (zh[i] - zl[i]) / 2.5);
        }
        if (!(radius > 0)) {
            return; // a coordinate with no room: the start stands
        }
        // The evaluation cap or a degenerate trust region ends it: the best point seen stands.
        new Bobyqa(k).minimize(this::evaluate, z0, zl, zh, radius, Math.min(STOPPING_RADIUS, radius / 10),
                Math.max(1, MAX_EVALUATIONS - evaluations));
    }
}
