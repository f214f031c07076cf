package org.jmixed.inference.interval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;

/**
 * The profile of one parameter: where the signed square root of the likelihood-ratio statistic,
 * ζ(x) = sign(x − x̂) √(D(x) − D̂), crosses ±z, D(x) being the deviance minimized over the other
 * parameters with this one held at x. lme4 traces ζ on a grid and reads the ends off an
 * interpolating spline; here each end is a root of |ζ(x)| − z, found exactly (to
 * {@link #X_TOLERANCE} of the parameter's scale) by Brent's method once a march outward from x̂
 * has bracketed it. The march takes secant steps aimed just past z, on log x for standard deviations
 * and σ (where ζ is nearly linear) and on x otherwise. Every constrained fit starts from the free
 * parameters interpolated between its nearest neighbours on the profile.
 */
final class ProfileSearch {
    /** Root accuracy in x, relative to the parameter's scale; the ends need 1e-3. */
    static final double X_TOLERANCE = 1e-7;
    /** Root accuracy in ζ. */
    static final double ZETA_TOLERANCE = 1e-6;
    /** Secant steps aim this far past z so that one step usually brackets the crossing. */
    static final double OVERSHOOT = 1.1;
    /** A march step may grow at most this many times over the previous one. */
    static final double MAX_GROWTH = 8.0;
    /** Below this share of x̂ a standard deviation is tried at its bound, 0, directly. */
    static final double NEAR_BOUND = 0.05;
    static final int MAX_STEPS = 60;
    static final int MAX_ROOT_EVALUATIONS = 60;

    /** One constrained fit: the deviance and the free parameters at their optimum. */
    record Fit(double deviance, double[] free) {
    }

    /** The constrained fits of the family: parameter held at x, the others free. */
    @FunctionalInterface
    interface Family {
        Fit fit(double x, double[] warmStart);
    }

    /** A point of the profile. */
    record Point(double x, double zeta, double deviance, double[] free) {
    }

    /** One end of the interval: its value, and whether it is the parameter's bound. */
    record End(double value, boolean atBound, boolean found) {
    }

    private final Family family;
    private final double estimate;
    private final double base;
    private final double lowerBound;
    private final double upperBound;
    private final boolean logScale;
    private final boolean boundReachable;
    private final double firstStep;
    private final double xScale;
    private final Map<Double, Point> points = new HashMap<>();
    private double lowestDeviance;

    /**
     * @param logScale       march on log x (x̂ must be positive)
     * @param boundReachable whether the parameter's bound can hold a finite deviance (a standard
     *                       deviation of 0, a correlation of ±1; not σ = 0)
     * @param firstStep      the first step, on the marching scale
     * @param xScale         the parameter's size, for the root tolerance
     */
    ProfileSearch(Family family, double estimate, double[] estimateFree, double baseDeviance, double lowerBound,
                  double upperBound, boolean logScale, boolean boundReachable, double firstStep, double xScale) {
        this.family = family;
        this.estimate = estimate;
        this.base = baseDeviance;
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
        this.logScale = logScale;
        this.boundReachable = boundReachable;
        this.firstStep = firstStep;
        this.xScale = xScale;
        this.lowestDeviance = baseDeviance;
        points.put(estimate, new Point(estimate, 0.0, baseDeviance, estimateFree.clone()));
    }

    /** The points evaluated so far, by increasing x (the estimate included). */
    List<Point> points() {
        List<Point> list = new ArrayList<>(points.values());
        list.sort(Comparator.comparingDouble(Point::x));
        return list;
    }

    /** The lowest deviance any constrained fit reached; below the base when the fit was short of its optimum. */
    double lowestDeviance() {
        return lowestDeviance;
    }

    /** Finds the end of the interval on one side (direction −1 or +1) where |ζ| = z. */
    End end(int direction, double z) {
        double bound = direction < 0 ? lowerBound : upperBound;
        if (direction < 0 ? estimate <= lowerBound : estimate >= upperBound) {
            return new End(bound, true, true);
        }
        Point prev = points.get(estimate);
        double step = direction * firstStep;
        for (int i = 0; i < MAX_STEPS; i++) {
            double t = toScale(prev.x()) + step;
            double x = fromScale(t);
            if (direction < 0 ? x <= lowerBound : x >= upperBound) {
                x = bound;
            } else if (boundReachable && logScale && direction < 0 && x < NEAR_BOUND * estimate) {
                x = bound;
            }
            if (x == bound && !boundReachable) {
                // σ = 0 is never a profile point; halve the way to it instead.
                x = (prev.x() + bound) / 2;
            }
            Point pt = at(x);
            if (Math.abs(pt.zeta()) >= z) {
                return new End(root(prev.x(), pt.x(), z), false, true);
            }
            if (x == bound) {
                return new End(bound, true, true);
            }
            double dt = toScale(pt.x()) - toScale(prev.x());
            double dz = pt.zeta() - prev.zeta();
            double next;
            if (dz * direction > 0) {
                next = (direction * z * OVERSHOOT - pt.zeta()) * dt / dz;
                if (Math.abs(next) > MAX_GROWTH * Math.abs(dt)) {
                    next = Math.copySign(MAX_GROWTH * Math.abs(dt), next);
                }
            } else {
                next = 2 * dt; // flat or falling: the profile is not monotone here; keep going
            }
            prev = pt;
            step = next;
        }
        return new End(Double.NaN, false, false);
    }

    private double root(double a, double b, double z) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        try {
            return new BrentSolver(1e-12, X_TOLERANCE * xScale, ZETA_TOLERANCE)
                    .solve(MAX_ROOT_EVALUATIONS, x -> Math.abs(at(x).zeta()) - z, lo, hi);
        } catch (MathIllegalArgumentException | MathIllegalStateException e) {
            return Double.NaN;
        }
    }

    private double toScale(double x) {
        return logScale ? Math.log(x) : x;
    }

    private double fromScale(double t) {
        return logScale ? Math.exp(t) : t;
    }

    /** The profile point at x, fitted once. */
    Point at(double x) {
        Point known = points.get(x);
        if (known != null) {
            return known;
        }
        Fit fit = family.fit(x, warmStart(x));
        lowestDeviance = Math.min(lowestDeviance, fit.deviance());
        double diff = Math.max(0.0, fit.deviance() - base);
        double zeta = Math.signum(x - estimate) * Math.sqrt(diff);
        if (Double.isNaN(zeta) || Double.isInfinite(fit.deviance())) {
            zeta = Math.signum(x - estimate) * Double.POSITIVE_INFINITY;
        }
        Point pt = new Point(x, zeta, fit.deviance(), fit.free());
        points.put(x, pt);
        return pt;
    }

    /**
     * The free parameters interpolated linearly between the nearest known points on either side of
     * x, or extrapolated from the two nearest on one side (at most twice their distance).
     */
    private double[] warmStart(double x) {
        Point below = null;
        Point below2 = null;
        Point above = null;
        Point above2 = null;
        for (Point p : points.values()) {
            if (p.x() < x) {
                if (below == null || p.x() > below.x()) {
                    below2 = below;
                    below = p;
                } else if (below2 == null || p.x() > below2.x()) {
                    below2 = p;
                }
            } else {
                if (above == null || p.x() < above.x()) {
                    above2 = above;
                    above = p;
                } else if (above2 == null || p.x() < above2.x()) {
                    above2 = p;
                }
            }
        }
        if (below != null && above != null) {
            return interpolate(below, above, x);
        }
        Point near = below != null ? below : above;
        Point far = below != null ? below2 : above2;
        if (far == null) {
            return near.free().clone();
        }
        double span = near.x() - far.x();
        double reach = Math.max(-2 * Math.abs(span), Math.min(2 * Math.abs(span), x - near.x()));
        return interpolate(far, near, near.x() + reach);
    }

    private static double[] interpolate(Point a, Point b, double x) {
        double w = (x - a.x()) / (b.x() - a.x());
        double[] out = new double[a.free().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.free()[i] + w * (b.free()[i] - a.free()[i]);
        }
        return out;
    }
}
