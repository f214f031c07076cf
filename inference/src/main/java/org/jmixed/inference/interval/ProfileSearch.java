package org.jmixed.inference.interval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The profile of one parameter: where the signed square root of the likelihood-ratio statistic,
 * ζ(x) = sign(x − x̂) √(D(x) − D̂), crosses ±z, D(x) being the deviance minimized over the other
 * parameters with this one held at x. lme4 traces ζ on a grid and reads the ends off an
 * interpolating spline; here each end is a root of ζ(x) ∓ z, found by safeguarded secant steps
 * from x̂ outward, on log x for standard deviations and σ (where ζ is nearly linear) and on x
 * otherwise: the first step small (1% for standard deviations, as lme4's first profile point) or,
 * for the second side, mirrored from the first side's half-width; then chords aimed at z. Every
 * constrained fit starts from the free parameters interpolated between its nearest neighbours on the
 * profile, so that it needs few evaluations.
 */
final class ProfileSearch {
    /** A bracket this narrow (relative to the parameter's scale) ends the search. */
    static final double X_TOLERANCE = 1e-9;
    /**
     * A point this close to the crossing in ζ ends the search: the end is then read off the chord
     * to a neighbour on the other side, whose error is second order (the profile's curvature times
     * the product of the two distances), about 1e-5 of ζ on the reference models.
     */
    static final double ACCEPT = 5e-3;
    /** A march step may grow at most this many times over the previous one. */
    static final double MAX_GROWTH = 30.0;
    /** Below this share of x̂ a standard deviation is tried at its bound, 0, directly. */
    static final double NEAR_BOUND = 0.05;
    static final int MAX_STEPS = 60;
    /** Caps on a first step mirrored from the other side: a factor e on log x, else first steps. */
    static final double MAX_MIRRORED_LOG_STEP = 1.0;
    static final double MAX_MIRRORED_STEPS = 4.0;

    /** One constrained fit: the deviance and the free parameters at their optimum. */
    record Fit(double deviance, double[] free) {
    }

    /**
     * The constrained fits of the family: parameter held at x, the others free, starting from
     * {@code warmStart}; {@code nearest} (the free parameters of the nearest point known) says how
     * far the start may be from the optimum.
     */
    @FunctionalInterface
    interface Family {
        Fit fit(double x, double[] warmStart, double[] nearest);
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
    /** The half-width, on the marching scale, of the side found first; NaN before. */
    private double otherHalfWidth = Double.NaN;

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

    /**
     * Finds the end of the interval on one side (direction −1 or +1) where |ζ| = z: secant steps on
     * the marching scale, aimed at z from the two latest points (ζ is nearly linear there, so they
     * converge in a few steps), kept inside the bracket once one point lies beyond z, and bisecting
     * when a secant step would leave it.
     */
    End end(int direction, double z) {
        double bound = direction < 0 ? lowerBound : upperBound;
        if (direction < 0 ? estimate <= lowerBound : estimate >= upperBound) {
            return new End(bound, true, true);
        }
        Point older = points.get(estimate);
        Point last = null;
        Point inside = older; // the farthest point with |ζ| < z
        Point beyond = null;  // the nearest point with |ζ| >= z
        double target = direction * z;
        for (int i = 0; i < MAX_STEPS; i++) {
            double x;
            if (last == null) {
                // The other side's half-width, when known, is the better guess for this one's,
                // unless that side is very long (a profile flattening towards a bound).
                double step = Double.isNaN(otherHalfWidth) ? firstStep
                        : Math.min(otherHalfWidth, logScale ? MAX_MIRRORED_LOG_STEP : MAX_MIRRORED_STEPS * firstStep);
                x = fromScale(toScale(estimate) + direction * step);
            } else {
                double dt = toScale(last.x()) - toScale(older.x());
                double dz = last.zeta() - older.zeta();
                double t;
                if (dz * direction > 0 && Double.isFinite(dz)) {
                    t = toScale(last.x()) + (target - last.zeta()) * dt / dz;
                } else {
                    t = toScale(last.x()) + 2 * dt; // flat or falling: not monotone here; keep going
                }
                if (beyond == null) {
                    double maxStep = MAX_GROWTH * Math.abs(dt);
                    double step = t - toScale(last.x());
                    if (Math.abs(step) > maxStep) {
                        t = toScale(last.x()) + Math.copySign(maxStep, step);
                    }
                }
                x = fromScale(t);
                if (beyond != null) {
                    double a = Math.min(inside.x(), beyond.x());
                    double b = Math.max(inside.x(), beyond.x());
                    if (!(x > a && x < b)) {
                        x = secantOfBracket(inside, beyond, target);
                        if (!(x > a && x < b)) {
                            x = a > 0 || !logScale ? fromScale((toScale(a) + toScale(b)) / 2) : (a + b) / 2;
                        }
                    }
                }
            }
            if (direction < 0 ? x <= lowerBound : x >= upperBound) {
                x = bound;
            } else if (beyond == null && boundReachable && logScale && direction < 0 && x < NEAR_BOUND * estimate) {
                x = bound;
            }
            if (x == bound && !boundReachable) {
                // σ = 0 is never a profile point; halve the way to it instead.
                x = ((last == null ? estimate : last.x()) + bound) / 2;
            }
            Point pt = at(x);
            if (Math.abs(pt.zeta()) >= z) {
                if (beyond == null || Math.abs(pt.x() - estimate) < Math.abs(beyond.x() - estimate)) {
                    beyond = pt;
                }
            } else {
                if (x == bound) {
                    return new End(bound, true, true);
                }
                if (Math.abs(pt.x() - estimate) > Math.abs(inside.x() - estimate)) {
                    inside = pt;
                }
            }
            if (Math.abs(pt.zeta() - target) <= ACCEPT) {
                // Close: the chord to the nearest point on the other side of z (else the previous
                // point) puts the end within ~ACCEPT² of the crossing, without another fit.
                Point other = Math.abs(pt.zeta()) >= z ? inside : beyond != null ? beyond : last != null ? last : older;
                double end = pt.zeta() == target || other == pt ? pt.x() : secantOfBracket(other, pt, target);
                if (!Double.isFinite(end) || Math.signum(end - estimate) != direction) {
                    end = pt.x();
                }
                otherHalfWidth = Math.abs(toScale(end) - toScale(estimate));
                return new End(end, false, true);
            }
            if (beyond != null && Math.abs(beyond.x() - inside.x()) <= X_TOLERANCE * xScale) {
                return new End(secantOfBracket(inside, beyond, target), false, true);
            }
            older = last == null ? older : last;
            last = pt;
        }
        return new End(Double.NaN, false, false);
    }

    /**
     * Extends the trace on one side until |ζ| reaches {@code zetaMax} (or the bound): for zeta plots
     * over a wider range than the interval needs. Secant steps from the two outermost points, aimed
     * a little past zetaMax; the interval's ends are not affected.
     */
    void extend(int direction, double zetaMax) {
        double bound = direction < 0 ? lowerBound : upperBound;
        for (int i = 0; i < MAX_STEPS; i++) {
            List<Point> side = new ArrayList<>();
            for (Point p : points()) {
                if (p.x() == estimate || Math.signum(p.x() - estimate) == direction) {
                    side.add(p);
                }
            }
            if (direction < 0) {
                java.util.Collections.reverse(side);
            }
            Point last = side.get(side.size() - 1);
            if (Math.abs(last.zeta()) >= zetaMax || last.x() == bound || side.size() < 2) {
                return;
            }
            Point older = side.get(side.size() - 2);
            double dt = toScale(last.x()) - toScale(older.x());
            double dz = last.zeta() - older.zeta();
            double t = dz * direction > 0 ? toScale(last.x()) + (direction * zetaMax * 1.02 - last.zeta()) * dt / dz
                    : toScale(last.x()) + 2 * dt;
            double step = t - toScale(last.x());
            if (Math.abs(step) > MAX_GROWTH * Math.abs(dt)) {
                t = toScale(last.x()) + Math.copySign(MAX_GROWTH * Math.abs(dt), step);
            }
            double x = fromScale(t);
            if (direction < 0 ? x <= lowerBound : x >= upperBound) {
                x = boundReachable ? bound : (last.x() + bound) / 2;
            }
            if (x == last.x()) {
                return;
            }
            at(x);
        }
    }

    /** Where the chord between two points reaches the target, on the marching scale. */
    private double secantOfBracket(Point a, Point b, double target) {
        // A bracket reaching the bound 0 of a standard deviation is searched on x itself.
        boolean log = logScale && a.x() > 0 && b.x() > 0;
        double ta = log ? toScale(a.x()) : a.x();
        double tb = log ? toScale(b.x()) : b.x();
        double t = !Double.isFinite(b.zeta()) || b.zeta() == a.zeta() ? (ta + tb) / 2
                : ta + (target - a.zeta()) * (tb - ta) / (b.zeta() - a.zeta());
        return log ? fromScale(t) : t;
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
        Fit fit = family.fit(x, warmStart(x), nearest(x).free());
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

    private Point nearest(double x) {
        Point best = null;
        for (Point p : points.values()) {
            if (best == null || Math.abs(p.x() - x) < Math.abs(best.x() - x)) {
                best = p;
            }
        }
        return best;
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
