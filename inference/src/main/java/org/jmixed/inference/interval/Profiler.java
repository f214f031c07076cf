package org.jmixed.inference.interval;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.model.FitResult;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * Profiles the parameters of one model, one at a time, through one {@link MlDeviance}: the families
 * of constrained fits and their ζ searches.
 * <ul>
 * <li>A variance parameter (standard deviation, correlation or σ) held at x: minimize
 * {@link MlDeviance#ofSdCor} over all the others, on lme4's scale, bounded (standard deviations ≥ 0,
 * correlations in [−1, 1], σ &gt; 0).</li>
 * <li>A fixed effect held at b: minimize {@link MlDeviance#withCoefficient} over θ.</li>
 * </ul>
 */
final class Profiler {
    /** First step for standard deviations and σ, on log x: 1%, as lme4's first profile point. */
    static final double FIRST_LOG_STEP = 0.01;
    /** First step for a correlation, and for a standard deviation estimated at 0 (times σ̂). */
    static final double FIRST_LINEAR_STEP = 0.01;
    /** First step for a fixed effect, in Wald half-widths (z·SE): ζ is close to linear, so aim at the end. */
    static final double FIRST_SE_STEP = 1.0;
    /** A lower bound for σ inside the constrained fits, relative to σ̂: σ = 0 has infinite deviance. */
    static final double SIGMA_FLOOR = 1e-8;

    record Outcome(Interval interval, ProfileTrace trace) {
    }

    private final MlDeviance deviance;
    private final SdCorScale scale;
    private final List<String> names;
    private final double z;
    private final double traceZeta;
    private final double[] psiHat;
    private final double[] thetaHat;
    private final double[] betaHat;
    private final double[] seHat;
    private final double base;
    private final boolean[] thetaDiagonal;
    private double lowestDeviance;

    Profiler(MlDeviance deviance, SdCorScale scale, PlsProblem problem, FitResult ml, List<String> names, double z,
             double traceZeta) {
        this.traceZeta = traceZeta;
        this.deviance = deviance;
        this.scale = scale;
        this.names = names;
        this.z = z;
        this.thetaHat = ml.theta();
        this.psiHat = scale.fromTheta(thetaHat, ml.sigma());
        this.betaHat = ml.fixef().estimate();
        this.seHat = ml.fixef().stdError();
        // The base from this evaluator, so that ζ compares like with like.
        this.base = deviance.ofTheta(thetaHat);
        this.lowestDeviance = base;
        this.thetaDiagonal = new boolean[thetaHat.length];
        for (TermStructure t : problem.terms()) {
            for (int i = 0; i < t.thetaLength(); i++) {
                thetaDiagonal[t.thetaOffset() + i] = t.isDiagonal(i);
            }
        }
    }

    double base() {
        return base;
    }

    double lowestDeviance() {
        return lowestDeviance;
    }

    Outcome varianceParameter(int w) {
        int m = scale.size();
        int sigmaIndex = m - 1;
        double sigmaHat = psiHat[sigmaIndex];
        int k = m - 1;
        int[] free = new int[k];
        double[] lo = new double[k];
        double[] hi = new double[k];
        double[] size = new double[k];
        double[] freeHat = new double[k];
        for (int i = 0, c = 0; i < m; i++) {
            if (i == w) {
                continue;
            }
            free[c] = i;
            if (scale.isCorrelation(i)) {
                lo[c] = -1;
                hi[c] = 1;
                size[c] = 1;
            } else if (i == sigmaIndex) {
                lo[c] = SIGMA_FLOOR * sigmaHat;
                hi[c] = Double.POSITIVE_INFINITY;
                size[c] = sigmaHat;
            } else {
                lo[c] = 0;
                hi[c] = Double.POSITIVE_INFINITY;
                size[c] = psiHat[i] > 0 ? psiHat[i] : sigmaHat;
            }
            freeHat[c] = psiHat[i];
            c++;
        }
        double[] psi = psiHat.clone();
        ProfileSearch.Family family = (x, warm, near) -> {
            psi[w] = x;
            BoundedMinimizer.Result r = BoundedMinimizer.minimize(v -> {
                for (int c = 0; c < k; c++) {
                    psi[free[c]] = v[c];
                }
                return deviance.ofSdCor(psi);
            }, warm, lo, hi, size, near);
            return new ProfileSearch.Fit(r.value(), r.x());
        };
        boolean correlation = scale.isCorrelation(w);
        double x = psiHat[w];
        boolean log = !correlation && x > 0;
        double lower = correlation ? -1 : 0;
        double upper = correlation ? 1 : Double.POSITIVE_INFINITY;
        double first = log ? FIRST_LOG_STEP : correlation ? FIRST_LINEAR_STEP : FIRST_LINEAR_STEP * sigmaHat;
        double xScale = correlation ? 1 : x > 0 ? x : sigmaHat;
        ProfileSearch search = new ProfileSearch(family, x, freeHat, base, lower, upper, log, w != sigmaIndex,
                first, xScale);
        ProfileSearch.End lowerEnd = search.end(-1, z);
        ProfileSearch.End upperEnd = search.end(+1, z);
        finish(search);

        List<ProfileSearch.Point> points = search.points();
        double[][] params = new double[points.size()][];
        double[] theta = new double[thetaHat.length];
        for (int i = 0; i < points.size(); i++) {
            ProfileSearch.Point pt = points.get(i);
            double[] all = psiHat.clone();
            all[w] = pt.x();
            for (int c = 0; c < k; c++) {
                all[free[c]] = pt.free()[c];
            }
            scale.toTheta(all, theta);
            double[] sb = deviance.sigmaAndBeta(theta, -1, 0);
            params[i] = concat(all, sb, 1);
        }
        return outcome(w, x, lowerEnd, upperEnd, points, params);
    }

    /** After both ends are found: the traces extended to --trace-zeta, the lowest deviance seen kept. */
    private void finish(ProfileSearch search) {
        if (traceZeta > z) {
            search.extend(-1, traceZeta);
            search.extend(+1, traceZeta);
        }
        lowestDeviance = Math.min(lowestDeviance, search.lowestDeviance());
    }

    Outcome fixedEffect(int j) {
        int k = thetaHat.length;
        double[] lo = new double[k];
        double[] hi = new double[k];
        double[] size = new double[k];
        for (int i = 0; i < k; i++) {
            lo[i] = thetaDiagonal[i] ? 0 : Double.NEGATIVE_INFINITY;
            hi[i] = Double.POSITIVE_INFINITY;
            size[i] = Math.max(Math.abs(thetaHat[i]), 0.1);
        }
        ProfileSearch.Family family = (b, warm, near) -> {
            BoundedMinimizer.Result r = BoundedMinimizer.minimize(th -> deviance.withCoefficient(th, j, b), warm, lo,
                    hi, size, near);
            return new ProfileSearch.Fit(r.value(), r.x());
        };
        double b = betaHat[j];
        double se = seHat[j];
        ProfileSearch search = new ProfileSearch(family, b, thetaHat, base, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, false, false, FIRST_SE_STEP * z * se, se);
        ProfileSearch.End lowerEnd = search.end(-1, z);
        ProfileSearch.End upperEnd = search.end(+1, z);
        finish(search);

        List<ProfileSearch.Point> points = search.points();
        double[][] params = new double[points.size()][];
        for (int i = 0; i < points.size(); i++) {
            ProfileSearch.Point pt = points.get(i);
            double[] sb = deviance.sigmaAndBeta(pt.free(), j, pt.x());
            double[] psi = scale.fromTheta(pt.free(), sb[0]);
            params[i] = concat(psi, sb, 1);
        }
        return outcome(scale.size() + j, b, lowerEnd, upperEnd, points, params);
    }

    private Outcome outcome(int index, double estimate, ProfileSearch.End lowerEnd, ProfileSearch.End upperEnd,
                            List<ProfileSearch.Point> points, double[][] params) {
        String name = names.get(index);
        List<String> notes = new ArrayList<>();
        if (lowerEnd.atBound() && lowerEnd.found()) {
            notes.add("lower end at the bound " + bound(lowerEnd.value()) + ": the profile does not reach the quantile");
        }
        if (upperEnd.atBound() && upperEnd.found()) {
            notes.add("upper end at the bound " + bound(upperEnd.value()) + ": the profile does not reach the quantile");
        }
        if (!lowerEnd.found() || Double.isNaN(lowerEnd.value())) {
            notes.add("lower end not found: the profile did not cross the quantile");
        }
        if (!upperEnd.found() || Double.isNaN(upperEnd.value())) {
            notes.add("upper end not found: the profile did not cross the quantile");
        }
        if (!monotone(points)) {
            notes.add("non-monotone profile");
        }
        double[] value = new double[points.size()];
        double[] zeta = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            value[i] = points.get(i).x();
            zeta[i] = points.get(i).zeta();
        }
        return new Outcome(new Interval(name, estimate, lowerEnd.value(), upperEnd.value(), notes),
                new ProfileTrace(name, value, zeta, names, params));
    }

    private static String bound(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static boolean monotone(List<ProfileSearch.Point> points) {
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).zeta() < points.get(i - 1).zeta() - 1e-6) {
                return false;
            }
        }
        return true;
    }

    private static double[] concat(double[] a, double[] b, int from) {
        double[] out = new double[a.length + b.length - from];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, from, out, a.length, b.length - from);
        return out;
    }
}
