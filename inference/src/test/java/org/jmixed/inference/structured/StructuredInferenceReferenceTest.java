package org.jmixed.inference.structured;

import static org.jmixed.inference.structured.StructuredFixtures.assertRelative;
import static org.jmixed.inference.structured.StructuredFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.hipparchus.distribution.continuous.TDistribution;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.ddf.CoefficientTest;
import org.jmixed.inference.ddf.DdfAnalysis;
import org.jmixed.inference.ddf.DdfMethod;
import org.jmixed.inference.ddf.TermTest;
import org.jmixed.inference.interval.ConfidenceIntervals;
import org.jmixed.inference.interval.IntervalTable;
import org.jmixed.inference.interval.ProfileOptions;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inference on models with residual structures and structured random-effects covariances.
 * <ul>
 * <li>Wald intervals of the fixed effects against nlme's {@code intervals()}: nlme's are
 *     β̂ ± t(df)·SE with its own df, ours β̂ ± z·SE; both come from the same SE, so ours, with
 *     nlme's t quantile, must give nlme's ends.</li>
 * <li>Satterthwaite's df through the Hessian over all variance parameters: compound-symmetric
 *     residuals with a positive correlation and no random effects are the random-intercept model,
 *     and Satterthwaite's df do not depend on how the variance parameters are written, so they must
 *     be lmerTest's df of the random-intercept model (Orthodont REML; psid, held out, ML).</li>
 * </ul>
 */
class StructuredInferenceReferenceTest {
    @ParameterizedTest
    @ValueSource(strings = {"orthodont_ar1_lme", "orthodont_un_gls", "orthodont_pdcompsymm", "psid_cs_gls"})
    void waldIntervalsAsNlme(String id) throws IOException {
        JsonNode c = StructuredFixtures.load(id);
        DataFrame data = StructuredFixtures.data(c);
        PreparedModel m = LinearMixedModel.prepare(data, c.get("formula").asText());
        FitResult fit = LinearMixedModel.fit(m, StructuredFixtures.options(c));
        IntervalTable wald = ConfidenceIntervals.wald(fit, m, ProfileOptions.defaults());
        List<String> names = fit.fixef().names();
        int vars = wald.intervals().size() - names.size();
        for (int j = 0; j < names.size(); j++) {
            var in = wald.intervals().get(vars + j);
            double est = in.estimate();
            double z = (in.upper() - est) / fit.fixef().stdError(j);
            assertEquals(1.959964, z, 1e-6, "normal quantile");
            double se = fit.fixef().stdError(j);
            assertRelative(at(c.get("se"), j), se, 1e-3, id + " se " + names.get(j));
            double t = new TDistribution(at(c.get("df"), j)).inverseCumulativeProbability(0.975);
            double width = at(c.get("upper"), j) - at(c.get("lower"), j);
            assertEquals(at(c.get("lower"), j), est - t * se, 1e-3 * width, id + " lower " + names.get(j));
            assertEquals(at(c.get("upper"), j), est + t * se, 1e-3 * width, id + " upper " + names.get(j));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"orthodont_cs_satterthwaite", "psid_cs_satterthwaite_ml"})
    void satterthwaiteOverAllVarianceParameters(String id) throws IOException {
        JsonNode c = StructuredFixtures.load(id);
        DdfAnalysis a = DdfAnalysis.fit(StructuredFixtures.data(c), c.get("formula").asText(),
                DdfMethod.SATTERTHWAITE, StructuredFixtures.options(c));
        List<CoefficientTest> coef = a.coefficients();
        for (int j = 0; j < coef.size(); j++) {
            assertRelative(at(c.get("se"), j), coef.get(j).stdError(), 1e-4, id + " se " + j);
            assertRelative(at(c.get("satterthwaite_df"), j), coef.get(j).df(), 1e-3, id + " df " + j);
        }
        List<TermTest> anova = a.anova();
        for (int t = 0; t < anova.size(); t++) {
            assertRelative(at(c.get("anova").get("dendf"), t), anova.get(t).test().denDF(), 1e-3, id + " anova " + t);
            assertRelative(at(c.get("anova").get("F"), t), anova.get(t).test().f(), 1e-4, id + " F " + t);
        }
    }

    /**
     * Profile intervals of the fixed effects by full ML refits: compound-symmetric residuals (and
     * an idn(1 | g) term) give lme4's profile intervals of the random-intercept model.
     */
    @ParameterizedTest
    @ValueSource(strings = {"orthodont_cs_satterthwaite", "psid_cs_satterthwaite_ml"})
    void profileOfTheFixedEffectsByFullRefits(String id) throws IOException {
        JsonNode c = StructuredFixtures.load(id);
        DataFrame data = StructuredFixtures.data(c);
        String group = c.get("residual").asText().replaceAll("cs\\((.*)\\)", "$1");
        assertProfile(id + " cs", c, ConfidenceIntervals.profile(LinearMixedModel.prepare(data,
                c.get("formula").asText()), StructuredFixtures.options(c), ProfileOptions.defaults()));
        FitOptions plain = FitOptions.defaults().withBackend("java").withReml(c.get("reml").asBoolean());
        assertProfile(id + " idn", c, ConfidenceIntervals.profile(LinearMixedModel.prepare(data,
                c.get("formula").asText() + " + idn(1 | " + group + ")"), plain, ProfileOptions.defaults()));
    }

    private static void assertProfile(String what, JsonNode c, IntervalTable t) {
        List<String> names = new java.util.ArrayList<>();
        c.get("names").forEach(n -> names.add(n.asText()));
        for (int j = 0; j < names.size(); j++) {
            var in = t.interval(names.get(j));
            double lo = at(c.get("profile_lower"), j);
            double hi = at(c.get("profile_upper"), j);
            assertEquals(lo, in.lower(), 1e-4 * (hi - lo), what + " lower " + names.get(j));
            assertEquals(hi, in.upper(), 1e-4 * (hi - lo), what + " upper " + names.get(j));
        }
    }

    /** idn(1 | g) and cs(1 | g) are (1 | g) written otherwise: the same df. */
    @Test
    void oneColumnIdentityAndCompoundSymmetryTermsGiveTheUnstructuredDf() {
        DataFrame data = StructuredFixtures.data("Orthodont.csv");
        FitOptions o = FitOptions.defaults().withBackend("java");
        double[] plain = df(DdfAnalysis.fit(data, "distance ~ age * Sex + (1 | Subject)", DdfMethod.SATTERTHWAITE, o));
        for (String f : new String[] {"idn", "cs"}) {
            double[] s = df(DdfAnalysis.fit(data, "distance ~ age * Sex + " + f + "(1 | Subject)",
                    DdfMethod.SATTERTHWAITE, o));
            for (int j = 0; j < plain.length; j++) {
                assertRelative(plain[j], s[j], 1e-4, f + " df " + j);
            }
        }
    }

    /** With prior weights too: idn(1 | Subject), weighted, by ML, against lmerTest's (1 | Subject). */
    @Test
    void weightedIdentityTermAsLmerTest() throws IOException {
        JsonNode c = StructuredFixtures.load("sleepstudy_weights_ml");
        String formula = c.get("formula").asText().replace("(1 | Subject)", "idn(1 | Subject)");
        double[] s = df(DdfAnalysis.fit(StructuredFixtures.data(c), formula, DdfMethod.SATTERTHWAITE,
                StructuredFixtures.options(c)));
        for (int j = 0; j < s.length; j++) {
            assertRelative(at(c.get("satterthwaite_df"), j), s[j], 1e-3, "df " + j);
        }
    }

    /**
     * Balanced, complete repeated measures with an unstructured covariance (a GLS, no random
     * effects) are a multivariate linear model: a contrast of the coefficients has an exact t
     * distribution on N − r df (N = 27 children, r = 2 columns of the between-child design: the
     * intercept and Sex), which Satterthwaite's approximation reproduces by REML.
     */
    @Test
    void unstructuredGlsGivesTheExactMultivariateDf() {
        DataFrame data = StructuredFixtures.data("Orthodont.csv");
        double[] s = df(DdfAnalysis.fit(data, "distance ~ age * Sex", DdfMethod.SATTERTHWAITE,
                FitOptions.defaults().withBackend("java").withResidual("un(age | Subject)")));
        for (int j = 0; j < s.length; j++) {
            assertEquals(25.0, s[j], 25.0 * 1e-3, "df " + j);
        }
    }

    private static double[] df(DdfAnalysis a) {
        return a.coefficients().stream().mapToDouble(CoefficientTest::df).toArray();
    }
}
