package org.jmixed.inference.interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.covariance.CovarianceKind;
import org.jmixed.covariance.ResidualStructure;
import org.jmixed.inference.ddf.NumericDerivatives;
import org.jmixed.inference.ddf.StructuredVarianceModel;
import org.jmixed.inference.linalg.Cholesky;
import org.jmixed.model.FitResult;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;
import org.jmixed.spi.TermStructure;

/**
 * Wald intervals for the variance parameters of a model with a residual structure or idn()/cs()
 * terms, as nlme's {@code intervals()} builds them: η̂ ± z·SE(η̂) on an unconstrained scale η per
 * parameter, mapped back. The scales are nlme's: log for standard deviations (random effects on the
 * absolute scale, σ, sd ratios of diag/un), log((1 + r)/(1 − r)) for correlations of unstructured
 * terms, of {@code un} (nlme's natural parametrization of corSymm) and the AR(1) coefficient,
 * log((r − a)/(1 − r)) with a = −1/(m − 1) for compound symmetry (m the term's width, or the largest
 * residual group), and logit for the CAR(1) coefficient.
 *
 * <p>The covariance of η̂ is J (2H⁻¹) J', H the numerical Hessian of the (RE)ML deviance, not profiled,
 * over the full parameter vector v = (φ, r, σ) of {@link StructuredVarianceModel} and J = ∂η/∂v
 * (both central differences with Richardson extrapolation from 10⁻³ relative steps). At the optimum
 * this equals the inverse of the Hessian taken over η itself (what nlme computes), since the terms
 * with the gradient vanish there; η needs no inverse map this way.
 */
final class StructuredVarianceWald {
    /** How a parameter goes to its unconstrained scale: log, or log((x − low)/(1 − x)). */
    private record Scale(boolean log, double low) {
        static final Scale LOG = new Scale(true, 0.0);
        static final Scale FISHER = new Scale(false, -1.0);

        double forward(double x) {
            return log ? Math.log(x) : Math.log((x - low) / (1.0 - x));
        }

        double back(double e) {
            if (log) {
                return Math.exp(e);
            }
            double a = Math.exp(e);
            return (a + low) / (a + 1.0);
        }
    }

    private StructuredVarianceWald() {
    }

    /** Whether the model has variance parameters beyond lme4's θ and σ. */
    static boolean applies(PreparedModel model, FitResult fit) {
        return fit.residualStructure() != null
                || model.terms().stream().anyMatch(t -> t.covariance() != CovarianceKind.UNSTRUCTURED);
    }

    /** "residual." and the fit's name of each residual parameter, in the fit's order. */
    static List<String> residualNames(FitResult fit) {
        List<String> names = new ArrayList<>();
        if (fit.residualStructure() != null) {
            for (String n : fit.residualStructure().names()) {
                names.add("residual." + n);
            }
        }
        return names;
    }

    /**
     * The interval of every variance parameter, by name: {@code .sigNN} as lme4 names θ's positions
     * (an idn()/cs() term's other positions repeat its standard deviation and correlation; an idn()
     * correlation is 0 with no interval), {@code .sigma}, {@code residual.NAME}.
     */
    static Map<String, Interval> intervals(PreparedModel model, FitResult fit, String backend, double z) {
        List<TermStructure> terms = model.problem().terms();
        SdCorScale sd = new SdCorScale(terms);
        Map<String, Interval> out = new LinkedHashMap<>();
        try (StructuredVarianceModel m = new StructuredVarianceModel(model, fit, backend)) {
            double[] v0 = m.start();
            ResidualStructure structure = m.residualStructure();
            List<String> names = new ArrayList<>();
            List<Scale> scales = new ArrayList<>();
            // which free parameter each of θ's positions shows (-1: fixed at 0)
            int[] source = new int[sd.thetaLength()];
            for (int k = 0; k < terms.size(); k++) {
                TermStructure t = terms.get(k);
                CovarianceKind kind = ((RandomTermData) model.terms().get(k)).covariance();
                int off = t.thetaOffset();
                int firstSd = -1;
                int firstCor = -1;
                for (int i = 0; i < t.thetaLength(); i++) {
                    boolean cor = sd.isCorrelation(off + i);
                    if (kind == CovarianceKind.UNSTRUCTURED || (cor ? firstCor < 0 && kind == CovarianceKind.COMPOUND_SYMMETRY
                            : firstSd < 0)) {
                        source[off + i] = names.size();
                        names.add(sd.name(off + i));
                        scales.add(!cor ? Scale.LOG : kind == CovarianceKind.UNSTRUCTURED ? Scale.FISHER
                                : new Scale(false, -1.0 / (t.width() - 1)));
                        if (cor) {
                            firstCor = source[off + i];
                        } else {
                            firstSd = source[off + i];
                        }
                    } else {
                        source[off + i] = cor ? firstCor : firstSd;
                    }
                }
            }
            int nRe = names.size();
            if (structure != null) {
                List<String> rn = residualNames(fit);
                int maxGroup = 1;
                for (int[] g : structure.groups()) {
                    maxGroup = Math.max(maxGroup, g.length);
                }
                for (int i = 0; i < rn.size(); i++) {
                    names.add(rn.get(i));
                    scales.add(residualScale(structure, structure.parameterNames().get(i), maxGroup));
                }
            }
            names.add(".sigma");
            scales.add(Scale.LOG);
            int q = names.size();
            java.util.function.Function<double[], double[]> eta = v -> {
                double[] psi = sd.fromTheta(m.theta(v), v[v.length - 1]);
                double[] e = new double[q];
                for (int i = 0; i < sd.thetaLength(); i++) {
                    if (source[i] >= 0 && names.get(source[i]).equals(sd.name(i))) {
                        e[source[i]] = scales.get(source[i]).forward(psi[i]);
                    }
                }
                if (structure != null) {
                    double[] r = java.util.Arrays.copyOfRange(v, m.residualOffset(), m.residualOffset() + m.residualCount());
                    double[] nat = structure.naturalParameters(r);
                    for (int i = 0; i < nat.length; i++) {
                        e[nRe + i] = scales.get(nRe + i).forward(nat[i]);
                    }
                }
                e[q - 1] = Math.log(v[v.length - 1]);
                return e;
            };
            double[] etaHat = eta.apply(v0);
            double[] cov = etaCovariance(m, eta, v0, q);
            double[] lower = new double[q];
            double[] upper = new double[q];
            double[] estimate = new double[q];
            for (int i = 0; i < q; i++) {
                double half = z * Math.sqrt(cov[i + i * q]);
                Scale s = scales.get(i);
                estimate[i] = s.back(etaHat[i]);
                lower[i] = s.back(etaHat[i] - half);
                upper[i] = s.back(etaHat[i] + half);
            }
            for (int i = 0; i < sd.thetaLength(); i++) {
                int s = source[i];
                out.put(sd.name(i), s < 0
                        ? new Interval(sd.name(i), 0.0, Double.NaN, Double.NaN, List.of("fixed at 0 by idn()"))
                        : new Interval(sd.name(i), estimate[s], lower[s], upper[s], List.of()));
            }
            for (int i = nRe; i < q; i++) {
                out.put(names.get(i), new Interval(names.get(i), estimate[i], lower[i], upper[i], List.of()));
            }
        }
        return out;
    }

    /** The parameter names of a structured model's table: lme4's .sigNN, .sigma, then residual.NAME, then β. */
    static List<String> parameterNames(PreparedModel model, FitResult fit) {
        List<String> names = ConfidenceIntervals.parameterNames(new SdCorScale(model.problem().terms()), List.of());
        names.addAll(residualNames(fit));
        names.addAll(fit.fixef().names());
        return names;
    }

    /** Wald intervals of every parameter of a structured model: β̂ ± z·SE, the variance parameters as above. */
    static IntervalTable wald(FitResult fit, PreparedModel model, ProfileOptions options) {
        long start = System.nanoTime();
        List<String> names = parameterNames(model, fit);
        int nVariance = names.size() - fit.fixef().size();
        boolean[] wanted = ConfidenceIntervals.select(options.parameters(), names, nVariance);
        double z = ConfidenceIntervals.quantile(options.level());
        String backend = fit.backend() == null ? "auto" : fit.backend();
        Map<String, Interval> variance = java.util.stream.IntStream.range(0, nVariance).anyMatch(i -> wanted[i])
                ? intervals(model, fit, backend, z) : Map.of();
        List<Interval> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!wanted[i]) {
                continue;
            }
            if (i < nVariance) {
                rows.add(variance.get(names.get(i)));
            } else {
                int j = i - nVariance;
                double b = fit.fixef().estimate(j);
                double se = fit.fixef().stdError(j);
                rows.add(new Interval(names.get(i), b, b - z * se, b + z * se, List.of()));
            }
        }
        return new IntervalTable("Wald", options.level(), fit.formula(), fit.reml(), rows, List.of(),
                List.of(SCALES_NOTE), 0, (System.nanoTime() - start) / 1e9);
    }

    static final String SCALES_NOTE = "variance parameters: Wald intervals on nlme's scales (log for standard"
            + " deviations and sd ratios, log((1+r)/(1-r)) for correlations), as nlme's intervals()";

    /** nlme's scale for a residual parameter of the given structure. */
    private static Scale residualScale(ResidualStructure structure, String name, int maxGroup) {
        if (name.startsWith("sd ratio")) {
            return Scale.LOG;
        }
        return switch (structure.kind()) {
            case "cs" -> new Scale(false, -1.0 / (maxGroup - 1));
            case "car1" -> new Scale(false, 0.0);
            default -> Scale.FISHER;
        };
    }

    /** J (2H⁻¹) J', J = ∂η/∂v, H the Hessian of the deviance over v; q × q column-major. */
    private static double[] etaCovariance(StructuredVarianceModel m, java.util.function.Function<double[], double[]> eta,
                                          double[] v0, int q) {
        int k = v0.length;
        double[] h = NumericDerivatives.hessian(m::deviance, v0);
        if (!Cholesky.factorInPlace(h, k)) {
            throw new org.jmixed.JmixedException("Wald intervals of the variance parameters: the Hessian of the"
                    + " deviance is not positive definite at the estimates (a parameter on its boundary?)");
        }
        double[][] jac = NumericDerivatives.jacobian(eta, v0);
        double[] cov = new double[q * q];
        // with H = LL': J(2H⁻¹)J' = 2 (L⁻¹J')'(L⁻¹J')
        double[][] w = new double[q][];
        for (int a = 0; a < q; a++) {
            double[] col = new double[k];
            for (int i = 0; i < k; i++) {
                col[i] = jac[i][a];
            }
            Cholesky.forward(h, k, col);
            w[a] = col;
        }
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += w[a][i] * w[b][i];
                }
                cov[a + b * q] = 2.0 * s;
            }
        }
        return cov;
    }
}
