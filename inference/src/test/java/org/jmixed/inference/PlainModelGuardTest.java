package org.jmixed.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.compare.HeaderTests;
import org.jmixed.inference.ddf.DdfAnalysis;
import org.jmixed.inference.ddf.DdfMethod;
import org.jmixed.inference.interval.ConfidenceIntervals;
import org.jmixed.inference.interval.IntervalTable;
import org.jmixed.inference.interval.ProfileOptions;
import org.jmixed.inference.predict.PredictionIntervals;
import org.jmixed.inference.predict.PredictionModel;
import org.jmixed.inference.rlrt.ExactRlrt;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;

/**
 * Methods that drive a backend with θ directly refuse, in one line naming the option or term,
 * the models whose variance parameters are not θ where they have no way through them yet (residual
 * structures, idn()/cs() terms); weights and offsets they handle.
 */
class PlainModelGuardTest {
    private static final String INTERCEPT = "Reaction ~ Days + (1 | Subject)";
    private static final String SUFFIX = " yet (fit, compare, predict, bootstrap, confint and --ddf satterthwaite"
            + " handle them)";

    private static DataFrame sleepstudy() {
        return CsvReader.read(SharedData.data("sleepstudy.csv"));
    }

    @Test
    void kenwardRogerAndRlrtRefuseStructuredTerms() {
        DataFrame data = sleepstudy();
        JmixedException cs = assertThrows(JmixedException.class, () -> DdfAnalysis.fit(data,
                "Reaction ~ Days + cs(Days | Subject)", DdfMethod.KENWARD_ROGER, FitOptions.defaults()));
        assertEquals("Kenward-Roger df (--ddf kenward-roger): not available with cs(... | Subject)" + SUFFIX,
                cs.getMessage());
        PreparedModel m = LinearMixedModel.prepare(data, "Reaction ~ Days + idn(1 | Subject)");
        JmixedException r = assertThrows(JmixedException.class, () -> ExactRlrt.test(m, "Subject", 10, 1,
                FitOptions.defaults()));
        assertEquals("the exact RLRT: not available with idn(... | Subject)" + SUFFIX, r.getMessage());
    }

    @Test
    void rlrtAndPredictionIntervalsRefuseResidualStructures() {
        DataFrame data = sleepstudy();
        FitOptions ar1 = FitOptions.defaults().withResidual("ar1(Days | Subject)");
        PreparedModel m = LinearMixedModel.prepare(data, INTERCEPT);
        FitResult fit = LinearMixedModel.fit(m, ar1);
        JmixedException r = assertThrows(JmixedException.class, () -> ExactRlrt.test(m, "Subject", 10, 1, ar1));
        assertTrue(r.getMessage().startsWith("rlrt: not defined with --residual 'ar1(Days | Subject)': the exact null"
                + " distribution needs independent residuals"), r.getMessage());
        JmixedException p = assertThrows(JmixedException.class, () -> PredictionIntervals.compute(
                PredictionModel.of(data, fit), fit, data, false, 0.95));
        assertTrue(p.getMessage().startsWith("--interval: not available with --residual 'ar1(Days | Subject)'"),
                p.getMessage());
    }

    @Test
    void profilesOfStructuredModelsProfileTheFixedEffectsOnly() {
        PreparedModel m = LinearMixedModel.prepare(sleepstudy(), INTERCEPT);
        IntervalTable t = ConfidenceIntervals.profile(m, FitOptions.defaults().withResidual("ar1(Days | Subject)"),
                ProfileOptions.defaults().withParameters(java.util.List.of(".sig01", "residual.rho", "Days")));
        // ρ is profiled; a random-effect standard deviation gets the ML fit's Wald interval, with a note
        for (String v : java.util.List.of(".sig01", "residual.rho")) {
            assertTrue(t.interval(v).lower() < t.interval(v).estimate()
                    && t.interval(v).estimate() < t.interval(v).upper(), v);
        }
        assertTrue(t.interval(".sig01").notes().contains("Wald interval of the ML fit (not profiled)"));
        assertTrue(t.interval("residual.rho").notes().isEmpty());
        assertTrue(t.interval("Days").lower() < t.interval("Days").estimate()
                && t.interval("Days").estimate() < t.interval("Days").upper());
    }

    @Test
    void headerTestsAndPredictionTakeStructures() {
        DataFrame data = sleepstudy();
        FitOptions ar1 = FitOptions.defaults().withResidual("ar1(Days | Subject)");
        FitResult structured = LinearMixedModel.fit(data, INTERCEPT, ar1);
        HeaderTests h = HeaderTests.of(data, structured, ar1);
        // against the gls with the same AR(1) residuals: one random-effects variance
        FitResult gls = LinearMixedModel.fit(data, "Reaction ~ Days", ar1);
        assertEquals(1, h.linear().df());
        assertEquals(gls.logLik(), h.linear().linearLogLik(), 1e-9 * Math.abs(gls.logLik()));
        PredictionModel model = PredictionModel.of(data, structured);
        double[] fitted = structured.fitted();
        double[] predicted = model.predict(data, false).values();
        for (int i = 0; i < fitted.length; i += 17) {
            assertEquals(fitted[i], predicted[i], 1e-9 * Math.abs(fitted[i]), "row " + i);
        }
    }
}
