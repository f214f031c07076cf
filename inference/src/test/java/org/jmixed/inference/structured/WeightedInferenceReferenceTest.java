package org.jmixed.inference.structured;

import static org.jmixed.inference.structured.StructuredFixtures.assertRelative;
import static org.jmixed.inference.structured.StructuredFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.compare.HeaderTests;
import org.jmixed.inference.ddf.CoefficientTest;
import org.jmixed.inference.ddf.DdfAnalysis;
import org.jmixed.inference.ddf.DdfMethod;
import org.jmixed.inference.ddf.KenwardRogerComparison;
import org.jmixed.inference.ddf.TermTest;
import org.jmixed.inference.interval.ConfidenceIntervals;
import org.jmixed.inference.interval.Interval;
import org.jmixed.inference.interval.IntervalTable;
import org.jmixed.inference.interval.ProfileOptions;
import org.jmixed.inference.predict.PredictionModel;
import org.jmixed.inference.rlrt.ExactRlrt;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inference on models with prior weights and offsets against lme4 / lmerTest (fixtures of
 * tools/r/structured_inference_reference.R): predictions, Satterthwaite's df, Wald intervals,
 * the linear model of the header tests. Kenward–Roger and the profiles of the fixed effects
 * against the equivalent unweighted model (rows scaled by √w) fitted by lme4, because pbkrtest and
 * lme4's profile leave prior weights out (the fixture of the weighted fit itself shows KR df of
 * 22.3 where the equivalent model has 17, and a profile interval for the intercept 25 times
 * narrower than the Wald one). psid is the held-out case: a data set and model used nowhere else
 * in these tests, weights = years of education, offset(log(age)).
 */
class WeightedInferenceReferenceTest {
    static final double DF_REL = 1e-3;
    static final double STAT_REL = 1e-4;
    static final double PROFILE_REL = 1e-3;

    @Test
    void predictionsAddTheOffsetOfTheNewRows() throws IOException {
        JsonNode c = StructuredFixtures.load("sleepstudy_weights_offset");
        DataFrame data = StructuredFixtures.data(c);
        FitResult fit = LinearMixedModel.fit(data, c.get("formula").asText(), StructuredFixtures.options(c));
        PredictionModel model = PredictionModel.of(data, fit);
        DataFrame newdata = StructuredFixtures.data(c.get("newdata").asText());
        double[] conditional = model.predict(newdata, false).values();
        double[] population = model.predict(newdata, true).values();
        for (int i = 0; i < conditional.length; i++) {
            assertRelative(at(c.get("predict_conditional"), i), conditional[i], 1e-6, "conditional row " + i);
            assertRelative(at(c.get("predict_population"), i), population[i], 1e-6, "population row " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleepstudy_weights_offset", "sleepstudy_weights_ml", "psid_weights_offset"})
    void satterthwaiteDfAndWaldIntervalsAsLmerTest(String id) throws IOException {
        JsonNode c = StructuredFixtures.load(id);
        DdfAnalysis a = DdfAnalysis.fit(StructuredFixtures.data(c), c.get("formula").asText(),
                DdfMethod.SATTERTHWAITE, StructuredFixtures.options(c));
        List<CoefficientTest> coef = a.coefficients();
        for (int j = 0; j < coef.size(); j++) {
            assertEquals(c.get("names").get(j).asText(), coef.get(j).name());
            assertRelative(at(c.get("estimate"), j), coef.get(j).estimate(), STAT_REL, id + " estimate " + j);
            assertRelative(at(c.get("se"), j), coef.get(j).stdError(), STAT_REL, id + " se " + j);
            assertRelative(at(c.get("satterthwaite_df"), j), coef.get(j).df(), DF_REL, id + " df " + j);
        }
        List<TermTest> anova = a.anova();
        JsonNode ref = c.get("anova");
        for (int t = 0; t < anova.size(); t++) {
            assertRelative(at(ref.get("dendf"), t), anova.get(t).test().denDF(), DF_REL, id + " anova df " + t);
            assertRelative(at(ref.get("F"), t), anova.get(t).test().f(), STAT_REL, id + " anova F " + t);
        }
        IntervalTable wald = ConfidenceIntervals.wald(a.fitResult(),
                LinearMixedModel.prepare(StructuredFixtures.data(c), c.get("formula").asText()),
                ProfileOptions.defaults());
        JsonNode ci = c.get("confint");
        for (int i = 0; i < wald.intervals().size(); i++) {
            Interval in = wald.intervals().get(i);
            if (ci.get("wald_lower").get(i).isTextual()) {
                assertEquals(Double.NaN, in.lower(), in.name());
                continue;
            }
            double width = at(ci.get("wald_upper"), i) - at(ci.get("wald_lower"), i);
            assertEquals(at(ci.get("wald_lower"), i), in.lower(), 1e-5 * width, id + " Wald lower " + in.name());
            assertEquals(at(ci.get("wald_upper"), i), in.upper(), 1e-5 * width, id + " Wald upper " + in.name());
        }
    }

    @Test
    void kenwardRogerAsOnTheEquivalentUnweightedModel() throws IOException {
        JsonNode c = StructuredFixtures.load("sleepstudy_weights_offset_whitened");
        DdfAnalysis a = DdfAnalysis.fit(StructuredFixtures.data(c), c.get("formula").asText(),
                DdfMethod.KENWARD_ROGER, StructuredFixtures.options(c));
        List<CoefficientTest> coef = a.coefficients();
        for (int j = 0; j < coef.size(); j++) {
            assertRelative(at(c.get("kr_df"), j), coef.get(j).df(), DF_REL, "KR df " + j);
            assertRelative(at(c.get("kr_se"), j), coef.get(j).stdError(), STAT_REL, "KR se " + j);
        }
    }

    @Test
    void kenwardRogerComparisonAsKrmodcompOnTheEquivalentModels() throws IOException {
        JsonNode c = StructuredFixtures.load("sleepstudy_weights_krmodcomp");
        KenwardRogerComparison kr = KenwardRogerComparison.compare(StructuredFixtures.data(c),
                c.get("large").asText(), c.get("small").asText(), FitOptions.defaults().withBackend("java")
                        .withWeights(c.get("weights").asText()));
        assertRelative(c.get("F").asDouble(), kr.test().f(), STAT_REL, "F");
        assertRelative(c.get("ddf").asDouble(), kr.test().denDF(), DF_REL, "ddf");
        assertEquals(c.get("ndf").asInt(), kr.test().numDF());
        assertRelative(c.get("F_scaling").asDouble(), kr.test().scaling(), STAT_REL, "scaling");
    }

    /**
     * The exact RLRT of a weighted model is that of the equivalent unweighted model (columns of
     * sleepstudy_weighted.csv scaled by √w): the same statistic, eigenvalues and simulated sample.
     */
    @Test
    void exactRlrtIsThatOfTheEquivalentUnweightedModel() {
        DataFrame data = StructuredFixtures.data("sleepstudy_weighted.csv");
        ExactRlrt.Result w = ExactRlrt.test(LinearMixedModel.prepare(data,
                "Reaction ~ Days + offset(off) + (1 | Subject)"), "Subject", 2000, 5,
                FitOptions.defaults().withBackend("java").withWeights("w"));
        ExactRlrt.Result p = ExactRlrt.test(LinearMixedModel.prepare(data, "ys ~ 0 + sw + ds + (0 + sw | Subject)"),
                "Subject", 2000, 5, FitOptions.defaults().withBackend("java"));
        assertTrue(w.statistic() > 1, "a clear random intercept: " + w.statistic());
        assertRelative(p.statistic(), w.statistic(), 1e-6, "statistic");
        assertEquals(p.k(), w.k());
        assertEquals(p.pValue(), w.pValue(), 1e-12);
    }

    @Test
    void profileIntervalsAsOnTheEquivalentUnweightedModel() throws IOException {
        JsonNode c = StructuredFixtures.load("sleepstudy_weights_offset_whitened");
        PreparedModel m = LinearMixedModel.prepare(StructuredFixtures.data(c), c.get("formula").asText());
        IntervalTable t = ConfidenceIntervals.profile(m, StructuredFixtures.options(c), ProfileOptions.defaults());
        assertProfile(t, c.get("profile_lower"), c.get("profile_upper"), t.intervals().size(), "whitened");
    }

    /** lme4's profiles of the variance parameters do account for the weights. */
    @Test
    void profileOfTheVarianceParametersAsLme4() throws IOException {
        JsonNode c = StructuredFixtures.load("sleepstudy_weights_ml");
        PreparedModel m = LinearMixedModel.prepare(StructuredFixtures.data(c), c.get("formula").asText());
        IntervalTable t = ConfidenceIntervals.profile(m, StructuredFixtures.options(c), ProfileOptions.defaults());
        JsonNode ci = c.get("confint");
        assertProfile(t, ci.get("profile_lower"), ci.get("profile_upper"), 2, "sleepstudy_weights_ml");
    }

    private static void assertProfile(IntervalTable t, JsonNode lower, JsonNode upper, int count, String what) {
        for (int i = 0; i < count; i++) {
            Interval in = t.intervals().get(i);
            double lo = at(lower, i);
            double hi = at(upper, i);
            double scale = Math.max(hi - lo, Math.max(Math.abs(lo), Math.abs(hi)));
            assertEquals(lo, in.lower(), PROFILE_REL * scale, what + " lower " + in.name());
            assertEquals(hi, in.upper(), PROFILE_REL * scale, what + " upper " + in.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleepstudy_weights_offset", "sleepstudy_weights_ml", "psid_weights_offset"})
    void headerTestsLinearModelKeepsWeightsAndOffset(String id) throws IOException {
        JsonNode c = StructuredFixtures.load(id);
        DataFrame data = StructuredFixtures.data(c);
        FitOptions options = StructuredFixtures.options(c);
        FitResult fit = LinearMixedModel.fit(data, c.get("formula").asText(), options);
        HeaderTests h = HeaderTests.of(data, fit, options);
        assertRelative(c.get("lm_logLik").asDouble(), h.linear().linearLogLik(), 1e-8, id + " linear logLik");
        assertEquals(fit.theta().length, h.linear().df());
    }
}
