package org.jmixed.inference.interval;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.inference.structured.PlainView;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;

/**
 * Confidence intervals for a linear mixed model's parameters, as lme4's {@code confint()} gives
 * them: random-effect standard deviations and correlations ({@code .sig01}, ...), the residual
 * standard deviation ({@code .sigma}), and the fixed effects.
 * <pre>
 *   PreparedModel m = LinearMixedModel.prepare(data, "Reaction ~ Days + (Days | Subject)");
 *   IntervalTable ci = ConfidenceIntervals.profile(m, FitOptions.defaults(), ProfileOptions.defaults());
 *   ci.interval(".sig01").lower();
 * </pre>
 * <ul>
 * <li>{@link #profile}: invert ζ, the signed square root of the likelihood-ratio statistic, for each
 * parameter. Like lme4, on the ML deviance: a REML fit is refitted by ML first, and the intervals are
 * those of the ML fit. Each variance parameter is held at a value while all others (including σ) are
 * re-optimized; each fixed effect is held while θ is re-optimized, the other coefficients and σ being
 * profiled out exactly. One evaluator is opened for the model and reused for every constrained fit.
 * An end that reaches a bound (0 for a standard deviation, ±1 for a correlation) is reported as the
 * bound, with a note, as lme4 does.</li>
 * <li>{@link #wald}: β̂ ± z·SE for the fixed effects, from the fit as given (REML or ML); NaN for the
 * variance parameters, as lme4's {@code method = "Wald"} gives NA. For every model: with weights,
 * a residual structure or idn()/cs() terms the SE is that of the fit, σ²(X'V⁻¹X)⁻¹ at the
 * estimated V (nlme's {@code intervals()} uses the same SE with a t quantile); with a residual
 * structure or idn()/cs() terms the variance parameters get nlme's Wald intervals too
 * ({@link StructuredVarianceWald}).</li>
 * </ul>
 */
public final class ConfidenceIntervals {
    static final String REFITTED_BY_ML = "profiles of the ML deviance: the REML fit was refitted by ML, as lme4 does";

    private ConfidenceIntervals() {
    }

    /** Profile intervals of a model given by data and formula. */
    public static IntervalTable profile(DataFrame data, String formula, FitOptions fitOptions, ProfileOptions options) {
        return profile(LinearMixedModel.prepare(data, formula), fitOptions, options);
    }

    /**
     * Profile intervals.
     *
     * @param fitOptions the backend, and whether the model is meant as a REML fit (recorded only:
     *                   profiles always use the ML deviance)
     */
    public static IntervalTable profile(PreparedModel prepared, FitOptions fitOptions, ProfileOptions options) {
        if (fitOptions.residual() != null || prepared.terms().stream()
                .anyMatch(t -> t.covariance() != org.jmixed.covariance.CovarianceKind.UNSTRUCTURED)) {
            return StructuredProfile.fixedEffects(prepared, fitOptions, options);
        }
        // prior weights: profile the equivalent unweighted model (rows scaled by √w); the deviance
        // differences, and so the intervals, are those of the weighted model
        PlainView view = PlainView.of(prepared, fitOptions, "profile confidence intervals");
        PreparedModel model = view.model();
        FitOptions plainOptions = view.options();
        PlsProblem problem = model.problem();
        if (problem.terms().isEmpty()) {
            throw new JmixedException("formula '" + model.frame().formula()
                    + "' has no random-effects terms; profile intervals need a mixed model");
        }
        long start = System.nanoTime();
        FitResult ml = LinearMixedModel.fit(model, plainOptions.withReml(false));
        SdCorScale scale = new SdCorScale(problem.terms());
        List<String> names = parameterNames(scale, model.fixedNames());
        boolean[] wanted = select(options.parameters(), names, scale.size());
        double z = quantile(options.level());
        List<String> messages = new ArrayList<>();
        if (fitOptions.reml()) {
            messages.add(REFITTED_BY_ML);
        }
        if (!ml.converged()) {
            messages.add("the ML refit did not converge: " + String.join("; ", ml.messages()));
        }
        List<Interval> intervals = new ArrayList<>();
        List<ProfileTrace> traces = new ArrayList<>();
        int evaluations;
        try (PlsEvaluator evaluator = Backends.choose(plainOptions.backend(), problem).backend().open(problem)) {
            MlDeviance deviance = new MlDeviance(evaluator, scale, problem.n());
            Profiler profiler = new Profiler(deviance, scale, problem, ml, names, z, options.traceZeta());
            for (int w = 0; w < names.size(); w++) {
                if (!wanted[w]) {
                    continue;
                }
                Profiler.Outcome o = w < scale.size() ? profiler.varianceParameter(w) : profiler.fixedEffect(w - scale.size());
                intervals.add(o.interval());
                traces.add(o.trace());
            }
            if (profiler.lowestDeviance() < profiler.base() - 1e-6 * Math.max(1.0, Math.abs(profiler.base()))) {
                messages.add(String.format("a constrained fit reached a deviance %.6g below the ML fit's:"
                        + " the fit stopped short of its optimum; the intervals may be too wide",
                        profiler.base() - profiler.lowestDeviance()));
            }
            evaluations = deviance.evaluations();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new IntervalTable("profile", options.level(), model.frame().formula(), fitOptions.reml(), intervals,
                traces, messages, evaluations, seconds);
    }

    /** Wald intervals of the fixed effects from a fit; variance parameters get NaN, as in lme4. */
    public static IntervalTable wald(FitResult fit, PreparedModel model, ProfileOptions options) {
        if (StructuredVarianceWald.applies(model, fit)) {
            return StructuredVarianceWald.wald(fit, model, options);
        }
        SdCorScale scale = new SdCorScale(model.problem().terms());
        List<String> names = parameterNames(scale, fit.fixef().names());
        boolean[] wanted = select(options.parameters(), names, scale.size());
        double z = quantile(options.level());
        double[] psi = scale.fromTheta(fit.theta(), fit.sigma());
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!wanted[i]) {
                continue;
            }
            if (i < scale.size()) {
                intervals.add(new Interval(names.get(i), psi[i], Double.NaN, Double.NaN, List.of()));
            } else {
                int j = i - scale.size();
                double b = fit.fixef().estimate(j);
                double se = fit.fixef().stdError(j);
                intervals.add(new Interval(names.get(i), b, b - z * se, b + z * se, List.of()));
            }
        }
        List<String> messages = List.of("variance parameters have no Wald interval (NA), as in lme4");
        return new IntervalTable("Wald", options.level(), fit.formula(), fit.reml(), intervals, List.of(), messages,
                0, 0.0);
    }

    /** Wald intervals of a model given by data and formula (fitted as the options say). */
    public static IntervalTable wald(DataFrame data, String formula, FitOptions fitOptions, ProfileOptions options) {
        PreparedModel model = LinearMixedModel.prepare(data, formula);
        return wald(LinearMixedModel.fit(model, fitOptions), model, options);
    }

    /** z such that the two-sided interval covers {@code level}: qnorm((1 + level)/2). */
    static double quantile(double level) {
        return new NormalDistribution(0, 1).inverseCumulativeProbability((1 + level) / 2);
    }

    static List<String> parameterNames(SdCorScale scale, List<String> fixedNames) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < scale.size(); i++) {
            names.add(scale.name(i));
        }
        names.addAll(fixedNames);
        return names;
    }

    /** Which parameters lme4's {@code parm} selects; all for an empty list. */
    static boolean[] select(List<String> parm, List<String> names, int nVariance) {
        boolean[] wanted = new boolean[names.size()];
        if (parm.isEmpty()) {
            java.util.Arrays.fill(wanted, true);
            return wanted;
        }
        for (String p : parm) {
            String s = p.strip();
            if (s.equals("theta_")) {
                for (int i = 0; i < nVariance; i++) {
                    wanted[i] = true;
                }
            } else if (s.equals("beta_")) {
                for (int i = nVariance; i < names.size(); i++) {
                    wanted[i] = true;
                }
            } else {
                int i = names.indexOf(s);
                if (i < 0) {
                    throw new JmixedException("unknown parameter '" + s + "'; the model has " + String.join(", ", names)
                            + " (or theta_, beta_)");
                }
                wanted[i] = true;
            }
        }
        return wanted;
    }
}
