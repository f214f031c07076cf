package org.jmixed.inference.ddf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.covariance.CovarianceKind;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.FixedTermDesign;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.inference.structured.PlainView;

/**
 * F and t tests of the fixed effects of one fit with Satterthwaite or Kenward–Roger denominator
 * degrees of freedom: the t table of lmerTest's {@code summary()}, the type III table of its
 * {@code anova()}, and the test of any contrast matrix.
 * <pre>
 *   DdfAnalysis a = DdfAnalysis.fit(data, "yield ~ irrigation * variety + (1 | field)",
 *                                   DdfMethod.KENWARD_ROGER, FitOptions.defaults());
 *   List&lt;TermTest&gt; anova = a.anova();
 * </pre>
 * Models with prior weights and offsets take both methods (through the equivalent unweighted model,
 * {@link PlainView}); models with a residual structure or idn()/cs() terms take Satterthwaite's,
 * the Hessian taken over all their variance parameters ({@link StructuredVarianceModel}), and
 * refuse Kenward–Roger's in one line.
 * The adjustment (Satterthwaite's derivatives or Kenward–Roger's matrices) is computed once, when
 * the analysis is made; the type III hypotheses on the first call of {@link #anova()}. Not for use
 * from several threads at once.
 */
public final class DdfAnalysis {
    private static final String KENWARD_ROGER = "Kenward-Roger df (--ddf kenward-roger)";
    private final FitResult fit;
    private final PreparedModel prepared;
    private final DataFrame data;
    private FixedTermDesign design;
    private final DdfMethod method;
    private final Satterthwaite satterthwaite;
    private final KenwardRoger kenwardRoger;

    private DdfAnalysis(FitResult fit, PreparedModel prepared, DataFrame data, DdfMethod method,
                        Satterthwaite satterthwaite, KenwardRoger kenwardRoger) {
        this.fit = fit;
        this.prepared = prepared;
        this.data = data;
        this.method = method;
        this.satterthwaite = satterthwaite;
        this.kenwardRoger = kenwardRoger;
    }

    /** Fits the formula (REML unless the options say ML) and prepares the tests. */
    public static DdfAnalysis fit(DataFrame data, String formula, DdfMethod method, FitOptions options) {
        PreparedModel prepared = LinearMixedModel.prepare(data, formula);
        if (method == DdfMethod.KENWARD_ROGER) {
            PlainView.of(prepared, options, KENWARD_ROGER);
        }
        FitResult fit = LinearMixedModel.fit(prepared, options);
        return of(data, prepared, fit, method, options.backend());
    }

    /** Tests for an existing fit of {@code prepared} (which must come from the same data and formula). */
    public static DdfAnalysis of(DataFrame data, PreparedModel prepared, FitResult fit, DdfMethod method,
                                 String backend) {
        boolean structured = fit.residualStructure() != null
                || prepared.terms().stream().anyMatch(t -> t.covariance() != CovarianceKind.UNSTRUCTURED);
        if (prepared.problem().terms().isEmpty() && fit.residualStructure() == null) {
            throw new JmixedException("formula '" + fit.formula() + "' has no random-effects terms; "
                    + "denominator df are for mixed models");
        }
        if (structured && method == DdfMethod.SATTERTHWAITE) {
            // the Hessian over all variance parameters: φ of idn()/cs() terms, the residual structure's, σ
            try (StructuredVarianceModel m = new StructuredVarianceModel(prepared, fit, backend)) {
                return new DdfAnalysis(fit, prepared, data, method,
                        Satterthwaite.compute(m::deviance, m::vcovBeta, m.start(), fit), null);
            }
        }
        // weights: both methods work on the equivalent unweighted model (rows scaled by √w)
        PreparedModel plain = PlainView.of(prepared, fit, FitOptions.defaults(),
                method == DdfMethod.KENWARD_ROGER ? KENWARD_ROGER : "denominator df (--ddf)").model();
        if (method == DdfMethod.KENWARD_ROGER) {
            return new DdfAnalysis(fit, prepared, data, method, null, KenwardRoger.compute(plain, fit));
        }
        return new DdfAnalysis(fit, prepared, data, method, Satterthwaite.compute(plain, fit, backend), null);
    }

    public FitResult fitResult() {
        return fit;
    }

    public DdfMethod method() {
        return method;
    }

    /** The Kenward–Roger adjustment, or null for Satterthwaite. */
    public KenwardRoger kenwardRoger() {
        return kenwardRoger;
    }

    /** The Satterthwaite computation, or null for Kenward–Roger. */
    public Satterthwaite satterthwaite() {
        return satterthwaite;
    }

    /** The t test of each fixed effect, as lmerTest's {@code summary()}. */
    public List<CoefficientTest> coefficients() {
        int p = fit.fixef().size();
        double[] beta = fit.fixef().estimate();
        double[] vcov = method == DdfMethod.KENWARD_ROGER ? kenwardRoger.vcovAdjusted() : fit.fixef().vcov();
        List<CoefficientTest> out = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double[] l = new double[p];
            l[j] = 1.0;
            double se = Math.sqrt(vcov[j + j * p]);
            double df = method == DdfMethod.KENWARD_ROGER ? kenwardRoger.ddf(l) : satterthwaite.df(l);
            double t = beta[j] / se;
            out.add(new CoefficientTest(fit.fixef().names().get(j), beta[j], se, df, t, twoSided(t, df)));
        }
        return out;
    }

    /** The type III F test of each model term, in model order (lmerTest's {@code anova()} default). */
    public List<TermTest> anova() {
        if (design == null) {
            // only the anova needs the terms of the formula and the indicator-coded design
            design = FixedTermDesign.of(data, prepared.frame().formula());
        }
        Map<String, double[][]> contrasts = TypeIIIContrasts.of(design, prepared.fixedNames(), prepared.x());
        List<TermTest> out = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : contrasts.entrySet()) {
            if (e.getValue().length == 0) {
                continue;
            }
            out.add(new TermTest(e.getKey(), test(e.getValue())));
        }
        return out;
    }

    /** The F test of Lβ = 0, L given by rows of length p. */
    public ContrastTest test(double[][] l) {
        return method == DdfMethod.KENWARD_ROGER ? kenwardRoger.test(l) : satterthwaite.test(l);
    }

    static double twoSided(double t, double df) {
        return Tails.tTwoSided(t, df);
    }
}
