package org.jmixed.inference.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.JmixedException;
import org.jmixed.inference.simstats.SimStatsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler against long runs of an independent sampler in R (tools/r/simstats_reference.R: a
 * blocked sampler drawing β and b jointly, 399,000 kept draws), and its reproducibility.
 */
class GibbsSamplerTest {
    private static void againstReference(String fixture, int iterations, GibbsScheme scheme) throws Exception {
        JsonNode ref = SimStatsFixtures.fixture(fixture);
        JsonNode pr = ref.get("prior");
        RandomInterceptPrior prior = new RandomInterceptPrior(pr.get("v_beta").asDouble(), pr.get("ab").asDouble(),
                pr.get("bb").asDouble(), pr.get("ae").asDouble(), pr.get("be").asDouble());
        GibbsData data = GibbsData.of(SimStatsFixtures.data(ref.get("data").asText()), ref.get("formula").asText());
        GibbsResult r = GibbsSampler.run(data, prior, new GibbsSettings(iterations, 1000, 4, 20261129L, 0, scheme));
        for (int k = 0; k < ref.get("names").size(); k++) {
            ParameterSummary s = r.summaries().get(k);
            double mcse = Math.hypot(s.mcse(), ref.get("mcse").get(k).asDouble());
            double expected = ref.get("mean").get(k).asDouble();
            assertTrue(Math.abs(s.mean() - expected) < 4 * mcse,
                    fixture + " " + scheme + " " + s.name() + ": " + s.mean() + " vs R " + expected + " (MCSE " + mcse + ")");
            double sdRef = ref.get("sd").get(k).asDouble();
            assertEquals(sdRef, s.sd(), 0.05 * sdRef, fixture + " " + s.name() + " posterior SD");
            assertTrue(s.rhat() < 1.01, s.name() + " rhat " + s.rhat());
        }
    }

    @Test
    void sleepstudyPosteriorMeansAgreeWithTheReferenceRun() throws Exception {
        againstReference("gibbs_sleepstudy.json", 26000, GibbsScheme.COMPONENTWISE);
        againstReference("gibbs_sleepstudy.json", 26000, GibbsScheme.BLOCKED);
    }

    @Test
    void pulpPosteriorMeansAgreeWithTheReferenceRun() throws Exception {
        againstReference("gibbs_pulp.json", 26000, GibbsScheme.COMPONENTWISE);
        againstReference("gibbs_pulp.json", 26000, GibbsScheme.BLOCKED);
    }

    @Test
    void blockedSchemeMixesTheInterceptBetter() throws Exception {
        GibbsData data = GibbsData.of(SimStatsFixtures.data("sleepstudy.csv"), "Reaction ~ Days + (1 | Subject)");
        GibbsResult cw = GibbsSampler.run(data, RandomInterceptPrior.DIFFUSE,
                new GibbsSettings(5000, 1000, 4, 1, 0, GibbsScheme.COMPONENTWISE));
        GibbsResult bl = GibbsSampler.run(data, RandomInterceptPrior.DIFFUSE,
                new GibbsSettings(5000, 1000, 4, 1, 0, GibbsScheme.BLOCKED));
        double essCw = cw.summary("(Intercept)").ess();
        double essBl = bl.summary("(Intercept)").ess();
        assertTrue(essBl > 5 * essCw, "blocked ESS " + essBl + " vs componentwise " + essCw);
    }

    @Test
    void drawsDependOnTheSeedNotOnTheThreads() throws Exception {
        GibbsData data = GibbsData.of(SimStatsFixtures.data("sleepstudy.csv"), "Reaction ~ Days + (1 | Subject)");
        RandomInterceptPrior prior = RandomInterceptPrior.DIFFUSE;
        GibbsResult one = GibbsSampler.run(data, prior, new GibbsSettings(600, 100, 3, 42, 1));
        GibbsResult three = GibbsSampler.run(data, prior, new GibbsSettings(600, 100, 3, 42, 3));
        GibbsResult other = GibbsSampler.run(data, prior, new GibbsSettings(600, 100, 3, 43, 3));
        assertEquals(List.of("(Intercept)", "Days", "sigma2_b", "sigma2_e", "sd_b", "sd_e"), one.names());
        for (int k = 0; k < one.names().size(); k++) {
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(one.chain(k, c), three.chain(k, c), one.names().get(k) + " chain " + c);
                assertEquals(500, one.chain(k, c).length);
            }
        }
        assertFalse(Arrays.equals(one.chain(0, 0), other.chain(0, 0)));
        assertFalse(Arrays.equals(one.chain(0, 0), one.chain(0, 1)), "chains must have their own streams");
        // derived SDs are the square roots of the variance draws
        assertEquals(Math.sqrt(one.chain(2, 1)[7]), one.chain(4, 1)[7], 0);
    }

    @Test
    void drawsGoToCsvAndTheReportsHoldEveryParameter(@TempDir Path dir) throws Exception {
        GibbsData data = GibbsData.of(SimStatsFixtures.data("pulp.csv"), "bright ~ 1 + (1 | operator)");
        GibbsResult r = GibbsSampler.run(data, new RandomInterceptPrior(1e6, 2, 0.1, 2, 0.1),
                new GibbsSettings(300, 100, 2, 1, 0));
        Path csv = dir.resolve("draws.csv");
        GibbsReport.writeDraws(r, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 2 * 200, lines.size());
        assertEquals("\"chain\",\"iteration\",\"(Intercept)\",\"sigma2_b\",\"sigma2_e\",\"sd_b\",\"sd_e\"", lines.get(0));
        assertTrue(lines.get(1).startsWith("1,101,"), lines.get(1));
        assertEquals(Double.toString(r.chain(1, 1)[199]), lines.get(400).split(",")[3]);
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(GibbsReport.json(r, "pulp.csv"));
        assertEquals(5, json.get("parameters").size());
        assertEquals(r.summary("sigma2_e").mean(), json.get("parameters").get(2).get("mean").asDouble(), 0);
        assertTrue(GibbsReport.text(r, "pulp.csv").contains("sigma2_b"));
    }

    @Test
    void onlyOneRandomInterceptIsAccepted() throws Exception {
        var sleep = SimStatsFixtures.data("sleepstudy.csv");
        JmixedException e = assertThrows(JmixedException.class,
                () -> GibbsData.of(sleep, "Reaction ~ Days + (Days | Subject)"));
        assertTrue(e.getMessage().contains("one random intercept"), e.getMessage());
        assertThrows(JmixedException.class, () -> new GibbsSettings(10, 8, 1, 1, 1));
    }
}
