package org.jmixed.inference.interval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;
import org.jmixed.JmixedException;
import org.jmixed.covariance.CovarianceKind;
import org.jmixed.covariance.ResidualStructure;
import org.jmixed.covariance.ThetaMap;
import org.jmixed.inference.ddf.NumericDerivatives;
import org.jmixed.inference.ddf.StructuredVarianceModel;
import org.jmixed.model.FitResult;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;

/**
 * Profile intervals of σ and of the residual parameters that each are a monotone function of one of
 * the structure's own parameters (the sd ratios of {@code diag}, the correlation of {@code cs}, ρ of
 * {@code ar1}, φ of {@code car1}): that parameter held at c, every other one (random-effects
 * parameters, the rest of the structure, σ) re-optimized on the ML deviance, not profiled
 * ({@link StructuredVarianceModel}); ζ(c) = sign(c − ĉ) √(deviance(c) − deviance(ĉ)) inverted at ±z
 * by Brent's method from a bracket grown out of the Wald interval on the optimizer's scale. {@code un}'s
 * parameters and the random-effects ones mix several optimizer parameters and keep their Wald
 * intervals.
 */
final class StructuredResidualProfile {
    /** ζ is inverted to this accuracy, relative to the parameter's Wald standard error. */
    static final double ACCURACY = 1e-5;
    static final double GROWTH = 1.6;
    static final int MAX_GROWTH_STEPS = 30;

    private StructuredResidualProfile() {
    }

    /** Whether {@link #intervals} profiles the residual parameters of this fit (σ it always profiles). */
    static boolean profilesResidual(FitResult fit) {
        return fit.residualStructure() != null && !fit.residualStructure().kind().equals("un");
    }

    /**
     * Profile intervals by name ({@code .sigma}, {@code residual.NAME}) of an ML fit; {@code wanted}
     * says which to compute.
     *
     * @param counter element 0 counts the constrained minimizations, element 1 the deviance evaluations
     */
    static Map<String, Interval> intervals(PreparedModel model, FitResult ml, String backend, double z,
                                           java.util.function.Predicate<String> wanted, int[] counter) {
        Map<String, Interval> out = new LinkedHashMap<>();
        try (StructuredVarianceModel m = new StructuredVarianceModel(model, ml, backend)) {
            double[] v0 = m.start();
            int k = v0.length;
            double[] lo = new double[k];
            double[] hi = new double[k];
            double[] size = new double[k];
            java.util.Arrays.fill(lo, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);
            boolean[] bounded = thetaMap(model).lowerBounded();
            for (int i = 0; i < k; i++) {
                if (i < bounded.length && bounded[i]) {
                    lo[i] = 0.0;
                }
                size[i] = Math.max(Math.abs(v0[i]), 0.1);
            }
            int sigma = k - 1;
            lo[sigma] = 1e-8 * v0[sigma];
            // polish the optimum on this deviance (σ not profiled) so that ζ starts at 0
            BoundedMinimizer.Result best = BoundedMinimizer.minimize(m::deviance, v0, lo, hi, size, v0);
            double[] vHat = best.x();
            double base = best.value();
            counter[1] += best.evaluations();
            double[] hess = NumericDerivatives.hessian(m::deviance, vHat);
            double[] cov = inverse(hess, k);
            ResidualStructure structure = m.residualStructure();
            if (structure != null && profilesResidual(ml)) {
                List<String> names = StructuredVarianceWald.residualNames(ml);
                for (int i = 0; i < names.size(); i++) {
                    if (!wanted.test(names.get(i))) {
                        continue;
                    }
                    int j = m.residualOffset() + i;
                    int index = i;
                    DoubleUnaryOperator natural = c -> {
                        double[] r = java.util.Arrays.copyOfRange(vHat, m.residualOffset(),
                                m.residualOffset() + m.residualCount());
                        r[index] = c;
                        return structure.naturalParameters(r)[index];
                    };
                    out.put(names.get(i), profile(m, names.get(i), j, vHat, base, cov, lo, hi, size, z, natural,
                            counter));
                }
            }
            if (wanted.test(".sigma")) {
                out.put(".sigma", profile(m, ".sigma", sigma, vHat, base, cov, lo, hi, size, z, c -> c, counter));
            }
        }
        return out;
    }

    private static Interval profile(StructuredVarianceModel m, String name, int j, double[] vHat, double base,
                                    double[] cov, double[] lo, double[] hi, double[] size, double z,
                                    DoubleUnaryOperator natural, int[] counter) {
        int k = vHat.length;
        double se = Math.sqrt(2.0 * cov[j + j * k]);
        double[] warm = vHat.clone();
        DoubleUnaryOperator zeta = c -> {
            double[] full = warm.clone();
            full[j] = c;
            double[] start = new double[k - 1];
            double[] l = new double[k - 1];
            double[] h = new double[k - 1];
            double[] s = new double[k - 1];
            for (int a = 0, b = 0; a < k; a++) {
                if (a != j) {
                    start[b] = full[a];
                    l[b] = lo[a];
                    h[b] = hi[a];
                    s[b] = size[a];
                    b++;
                }
            }
            BoundedMinimizer.Result r = BoundedMinimizer.minimize(x -> {
                for (int a = 0, b = 0; a < k; a++) {
                    if (a != j) {
                        full[a] = x[b++];
                    }
                }
                return m.deviance(full);
            }, start, l, h, s, start);
            counter[0]++;
            counter[1] += r.evaluations();
            for (int a = 0, b = 0; a < k; a++) {
                if (a != j) {
                    warm[a] = r.x()[b++];
                }
            }
            return Math.signum(c - vHat[j]) * Math.sqrt(Math.max(0.0, r.value() - base));
        };
        double lower = natural.applyAsDouble(end(zeta, vHat[j], se, -z, lo[j], name));
        System.arraycopy(vHat, 0, warm, 0, k);
        double upper = natural.applyAsDouble(end(zeta, vHat[j], se, z, lo[j], name));
        double estimate = natural.applyAsDouble(vHat[j]);
        return new Interval(name, estimate, Math.min(lower, upper), Math.max(lower, upper), List.of());
    }

    /** The c where ζ(c) = target, on the side of ĉ the sign of target says. */
    private static double end(DoubleUnaryOperator zeta, double c0, double se, double target, double floor,
                              String name) {
        double dir = Math.signum(target);
        double width = Math.abs(target) * se;
        double inner = c0;
        double outer = step(c0, dir, width, inner, floor);
        for (int n = 0; zeta.applyAsDouble(outer) * dir < Math.abs(target); n++) {
            if (n == MAX_GROWTH_STEPS) {
                return dir > 0 ? Double.POSITIVE_INFINITY : floor;
            }
            inner = outer;
            width *= GROWTH;
            outer = step(c0, dir, width, inner, floor);
        }
        try {
            return new BrentSolver(ACCURACY * se).solve(200, c -> zeta.applyAsDouble(c) - target,
                    Math.min(inner, outer), Math.max(inner, outer));
        } catch (MathIllegalArgumentException | MathIllegalStateException e) {
            throw new JmixedException("profile of " + name + ": no crossing of zeta = " + target + " found ("
                    + e.getMessage() + ")");
        }
    }

    /** c0 + dir·width, but downwards at most halfway from {@code inner} to a finite floor (σ > 0). */
    private static double step(double c0, double dir, double width, double inner, double floor) {
        if (dir > 0 || Double.isInfinite(floor)) {
            return c0 + dir * width;
        }
        return Math.max(c0 - width, floor + 0.5 * (inner - floor));
    }

    private static ThetaMap thetaMap(PreparedModel model) {
        List<CovarianceKind> kinds = model.terms().stream().map(RandomTermData::covariance).toList();
        return new ThetaMap(model.problem().terms(), kinds);
    }

    /** The inverse of a symmetric positive definite matrix through its Cholesky factor. */
    private static double[] inverse(double[] a, int n) {
        double[] l = a.clone();
        if (!org.jmixed.inference.linalg.Cholesky.factorInPlace(l, n)) {
            throw new JmixedException("profile of the variance parameters: the Hessian of the ML deviance is not"
                    + " positive definite at the estimates");
        }
        double[] inv = new double[n * n];
        for (int c = 0; c < n; c++) {
            double[] e = new double[n];
            e[c] = 1.0;
            org.jmixed.inference.linalg.Cholesky.forward(l, n, e);
            org.jmixed.inference.linalg.Cholesky.backward(l, n, e);
            System.arraycopy(e, 0, inv, c * n, n);
        }
        return inv;
    }
}
