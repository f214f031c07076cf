package org.jmixed.inference.interval;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.jmixed.JmixedException;
import org.jmixed.inference.structured.ModifiedModel;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.spi.PlsProblem;

/**
 * Profile intervals of the fixed effects for models whose variance parameters are not θ alone (a
 * residual structure, idn()/cs() terms): β_j held at b by moving b·x_j into the response and
 * dropping x_j, every other parameter (the other coefficients, σ, the random-effects and the
 * residual structure's parameters) re-optimized by a full ML fit; ζ(b) = sign(b − β̂_j)
 * √(deviance(b) − deviance(β̂)) inverted at ±z by Brent's method, from a bracket grown out of the
 * Wald interval. On the ML deviance, as lme4 profiles. σ and the residual parameters of diag, cs, ar1
 * and car1 are profiled by {@link StructuredResidualProfile}; the other variance parameters get the
 * Wald intervals of the ML fit on nlme's scales ({@link StructuredVarianceWald}), with a note.
 */
final class StructuredProfile {
    /** ζ is inverted to this absolute accuracy in β (relative to its standard error). */
    static final double ACCURACY = 1e-6;
    /** The bracket grows by this factor of the Wald half-width until ζ passes ±z. */
    static final double GROWTH = 1.6;
    static final int MAX_GROWTH_STEPS = 30;

    private StructuredProfile() {
    }

    static IntervalTable fixedEffects(PreparedModel model, FitOptions fitOptions, ProfileOptions options) {
        long start = System.nanoTime();
        FitOptions ml = fitOptions.withReml(false);
        FitResult fit = LinearMixedModel.fit(model, ml);
        List<String> names = StructuredVarianceWald.parameterNames(model, fit);
        int nVariance = names.size() - model.fixedNames().size();
        boolean[] wanted = ConfidenceIntervals.select(options.parameters(), names, nVariance);
        double z = ConfidenceIntervals.quantile(options.level());
        java.util.Map<String, Interval> wald = java.util.stream.IntStream.range(0, nVariance).anyMatch(i -> wanted[i])
                ? StructuredVarianceWald.intervals(model, fit, fitOptions.backend(), z) : java.util.Map.of();
        int[] counts = new int[2];
        java.util.Set<String> chosen = new java.util.HashSet<>();
        for (int i = 0; i < nVariance; i++) {
            if (wanted[i]) {
                chosen.add(names.get(i));
            }
        }
        java.util.Map<String, Interval> profiled = chosen.isEmpty() ? java.util.Map.of()
                : StructuredResidualProfile.intervals(model, fit, fitOptions.backend(), z, chosen::contains, counts);
        List<Interval> intervals = new ArrayList<>();
        int[] fits = new int[2];
        for (int i = 0; i < names.size(); i++) {
            if (!wanted[i]) {
                continue;
            }
            if (i < nVariance && profiled.containsKey(names.get(i))) {
                intervals.add(profiled.get(names.get(i)));
                continue;
            }
            if (i < nVariance) {
                Interval w = wald.get(names.get(i));
                List<String> notes = new ArrayList<>(w.notes());
                notes.add("Wald interval of the ML fit (not profiled)");
                intervals.add(new Interval(w.name(), w.estimate(), w.lower(), w.upper(), notes));
                continue;
            }
            int j = i - nVariance;
            double b = fit.fixef().estimate(j);
            double se = fit.fixef().stdError(j);
            java.util.function.DoubleUnaryOperator zeta = v -> {
                FitResult h = held(model, j, v, ml);
                fits[0]++;
                fits[1] += h.evaluations();
                double d = Math.max(0.0, h.objective() - fit.objective());
                return Math.signum(v - b) * Math.sqrt(d);
            };
            intervals.add(new Interval(names.get(i), b, end(zeta, b, se, -z), end(zeta, b, se, z), List.of()));
        }
        List<String> messages = new ArrayList<>();
        if (fitOptions.reml()) {
            messages.add(ConfidenceIntervals.REFITTED_BY_ML);
        }
        messages.add("fixed effects profiled by full ML refits (" + fits[0] + ")");
        if (!profiled.isEmpty()) {
            messages.add(String.join(", ", profiled.keySet()) + " profiled by " + counts[0]
                    + " constrained ML minimizations over the other variance parameters");
        }
        if (profiled.size() < chosen.size()) {
            messages.add("random-effects parameters (and un()'s) not profiled for residual structures and idn()/cs()"
                    + " terms: " + StructuredVarianceWald.SCALES_NOTE + ", from the ML fit");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new IntervalTable("profile", options.level(), model.frame().formula(), fitOptions.reml(), intervals,
                List.of(), messages, fits[1] + counts[1], seconds);
    }

    /** The b where ζ(b) = target, on the side of β̂ the sign of target says. */
    private static double end(java.util.function.DoubleUnaryOperator zeta, double b, double se, double target) {
        double dir = Math.signum(target);
        double width = Math.abs(target) * se;
        double inner = b;
        double outer = b + dir * width;
        for (int k = 0; zeta.applyAsDouble(outer) * dir < Math.abs(target); k++) {
            if (k == MAX_GROWTH_STEPS) {
                return dir * Double.POSITIVE_INFINITY;
            }
            inner = outer;
            width *= GROWTH;
            outer = b + dir * width;
        }
        try {
            double lo = Math.min(inner, outer);
            double hi = Math.max(inner, outer);
            return new BrentSolver(ACCURACY * se).solve(200, v -> zeta.applyAsDouble(v) - target, lo, hi);
        } catch (MathIllegalArgumentException | MathIllegalStateException e) {
            throw new JmixedException("profile of a fixed effect: no crossing of zeta = " + target + " found ("
                    + e.getMessage() + ")");
        }
    }

    /** The ML fit with β_j held at b: b·x_j moved into the response, x_j dropped. */
    private static FitResult held(PreparedModel model, int j, double b, FitOptions ml) {
        PlsProblem base = model.problem();
        int n = base.n();
        int p = base.p();
        double[] x = new double[n * (p - 1)];
        double[] y = base.y().clone();
        for (int c = 0, k = 0; c < p; c++) {
            if (c == j) {
                for (int i = 0; i < n; i++) {
                    y[i] -= b * base.x()[i + c * n];
                }
            } else {
                System.arraycopy(base.x(), c * n, x, k * n, n);
                k++;
            }
        }
        List<String> kept = new ArrayList<>(model.fixedNames());
        kept.remove(j);
        return LinearMixedModel.fit(ModifiedModel.withDesign(model, y, x, kept), ml, false);
    }
}
