package org.jmixed.inference.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;

class ParametricBootstrapTest {
    private static final String SLEEP = "Reaction ~ Days + (Days | Subject)";

    private static PreparedModel sleepstudy() {
        return LinearMixedModel.prepare(CsvReader.read(SharedData.data("sleepstudy.csv")), SLEEP);
    }

    private static BootstrapResult run(PreparedModel model, FitResult fit, int b, long seed, int threads, boolean conditional) {
        return ParametricBootstrap.run(model, fit, new BootstrapOptions(b, seed, threads, conditional),
                FitOptions.defaults().withBackend("java"), null);
    }

    @Test
    void sameSeedSameReplicatesBitForBitWhateverTheThreads() {
        PreparedModel model = sleepstudy();
        FitResult fit = LinearMixedModel.fit(model, FitOptions.defaults().withBackend("java"));
        for (boolean conditional : new boolean[] {false, true}) {
            BootstrapResult one = run(model, fit, 13, 99, 1, conditional);
            for (int threads : new int[] {2, 3}) {
                BootstrapResult many = run(model, fit, 13, 99, threads, conditional);
                for (int i = 0; i < 13; i++) {
                    assertArrayEquals(one.replicate(i), many.replicate(i), 0.0, "replicate " + i + ", " + threads + " threads");
                }
            }
            BootstrapResult other = run(model, fit, 13, 100, 2, conditional);
            assertFalse(java.util.Arrays.equals(one.replicate(0), other.replicate(0)), "another seed, other draws");
        }
    }

    @Test
    void namesFollowLme4AndTheOriginalIsTheFit() {
        PreparedModel model = sleepstudy();
        FitResult fit = LinearMixedModel.fit(model, FitOptions.defaults().withBackend("java"));
        BootstrapResult r = run(model, fit, 3, 1, 1, false);
        assertEquals(List.of("Subject.(Intercept)", "Subject.Days.(Intercept)", "Subject.Days", "sigma", "(Intercept)",
                "Days", "sd_(Intercept)|Subject", "sd_Days|Subject", "cor_Days.(Intercept)|Subject", "objective"), r.names());
        double[] o = r.original();
        assertEquals(fit.sigma(), o[r.indexOf("sigma")], 0.0);
        assertEquals(fit.objective(), o[r.indexOf("objective")], 0.0);
        // sd and correlation agree with the fit's variance components.
        assertEquals(fit.varcorr().get(0).sdcor(), o[r.indexOf("sd_(Intercept)|Subject")], 1e-9);
        assertEquals(fit.varcorr().get(2).sdcor(), o[r.indexOf("cor_Days.(Intercept)|Subject")], 1e-9);
    }

    /** bootMer (B = 1000, REML, new random effects) against ours (B = 1000): means and SDs within Monte-Carlo error. */
    @Test
    void agreesWithBootMerWithinMonteCarloError() {
        JsonNode ref = BootstrapReference.load().get("bootmer_sleepstudy");
        PreparedModel model = sleepstudy();
        FitResult fit = LinearMixedModel.fit(model, FitOptions.defaults().withBackend("java"));
        int b = 1000;
        BootstrapResult r = run(model, fit, b, 20261129, 2, false);
        assertEquals(0, r.failed());
        int bR = ref.get("nsim").asInt();
        for (int k = 0; k < ref.get("names").size(); k++) {
            String name = ref.get("names").get(k).asText();
            int j = r.indexOf(name);
            double sdR = ref.get("sd").get(k).asDouble();
            double meanR = ref.get("mean").get(k).asDouble();
            assertEquals(ref.get("original").get(k).asDouble(), r.original()[j], 2e-4 * Math.max(1, Math.abs(meanR)), name);
            double sd = r.standardError(j);
            assertEquals(meanR, r.mean(j), BootstrapReference.meanTolerance(sd, b, sdR, bR), name + " mean");
            // The SD of a sample SD is about s / sqrt(2B) for normal data; the θ are skewed, so allow twice that.
            double sdTol = 2 * BootstrapReference.Z * sdR * Math.sqrt(1.0 / (2 * b) + 1.0 / (2 * bR));
            assertEquals(sdR, sd, sdTol, name + " sd");
        }
    }

    @Test
    void conditionalSimulationKeepsTheRandomEffects() {
        PreparedModel model = sleepstudy();
        FitResult fit = LinearMixedModel.fit(model, FitOptions.defaults().withBackend("java"));
        BootstrapResult cond = run(model, fit, 200, 5, 2, true);
        BootstrapResult uncond = run(model, fit, 200, 5, 2, false);
        int j = cond.indexOf("(Intercept)");
        // Holding b at its BLUPs removes the between-subject part of the intercept's variability.
        assertTrue(cond.standardError(j) < 0.7 * uncond.standardError(j),
                cond.standardError(j) + " vs " + uncond.standardError(j));
        assertEquals(fit.fixef().estimate()[0], cond.mean(j), 4 * cond.standardError(j) / Math.sqrt(200) + 1e-9);
    }
}
