package org.jmixed.inference.moments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.JmixedException;
import org.jmixed.inference.simstats.SimStatsFixtures;
import org.junit.jupiter.api.Test;

/**
 * Mean squares against R's {@code aov} (tools/r/simstats_reference.R) and, for balanced designs
 * whose estimates are positive, the variance components against lme4's REML fit, which then
 * coincide with the ANOVA estimators.
 */
class MomentEstimatorTest {
    private static MomentResult run(String fixture) throws Exception {
        JsonNode ref = SimStatsFixtures.fixture(fixture);
        MomentResult r = MomentEstimator.estimate(SimStatsFixtures.data(ref.get("data").asText()), ref.get("formula").asText());
        // aov's rows: match by df and mean square, since R names nested and interaction rows its own way
        JsonNode aov = ref.get("aov");
        assertEquals(aov.size(), r.table().size(), fixture);
        Map<Integer, Double> expectedByDf = new HashMap<>();
        for (JsonNode row : aov) {
            expectedByDf.merge(row.get("df").asInt(), row.get("ms").asDouble(), (x, y) -> Double.NaN);
        }
        for (MeanSquare m : r.table()) {
            Double e = expectedByDf.get(m.df());
            assertTrue(e != null, fixture + ": no aov row with df " + m.df());
            if (!e.isNaN()) {
                assertEquals(e, m.meanSquare(), 1e-10 * Math.abs(e), fixture + " " + m.source());
            }
        }
        double sumSs = 0;
        double refSs = 0;
        for (JsonNode row : aov) {
            refSs += row.get("ss").asDouble();
        }
        for (MeanSquare m : r.table()) {
            sumSs += m.sumOfSquares();
        }
        assertEquals(refSs, sumSs, 1e-10 * refSs, fixture + " total SS");
        if (ref.has("lmer_reml")) {
            // lme4's REML estimates equal the ANOVA ones for balanced designs with positive estimates
            Iterator<Map.Entry<String, JsonNode>> it = ref.get("lmer_reml").fields();
            int i = 0;
            double[] lmer = new double[ref.get("lmer_reml").size()];
            while (it.hasNext()) {
                lmer[i++] = it.next().getValue().asDouble();
            }
            java.util.Arrays.sort(lmer);
            double[] ours = r.components().stream().mapToDouble(ComponentEstimate::variance).sorted().toArray();
            for (int k = 0; k < ours.length; k++) {
                assertEquals(lmer[k], ours[k], 1e-4 * Math.abs(lmer[k]), fixture + " component " + k);
            }
        }
        return r;
    }

    private static double component(MomentResult r, String group) {
        return r.components().stream().filter(c -> c.group().equals(group)).findFirst().orElseThrow().variance();
    }

    @Test
    void pulpOneWayAsTheSeedNotesComputeIt() throws Exception {
        MomentResult r = run("moments_pulp.json");
        assertEquals(MomentDesign.ONE_WAY_BALANCED, r.design());
        // the notes: (0.4467 − 0.1062)/5 = 0.0681
        assertEquals(0.0681, component(r, "operator"), 5e-5);
        assertEquals(0.1062, component(r, "Residual"), 1e-4);
        assertTrue(r.notes().isEmpty());
    }

    @Test
    void dyestuff2NegativeEstimateReportedAsItIs() throws Exception {
        MomentResult r = run("moments_dyestuff2.json");
        double batch = component(r, "Batch");
        assertTrue(batch < 0, "Batch " + batch);
        assertEquals(1, r.notes().size());
        assertTrue(r.notes().get(0).contains("negative"));
        assertTrue(MomentReport.text(r, "Dyestuff2.csv").contains("Note: the estimate for Batch is negative"));
    }

    @Test
    void unbalancedOneWayUsesN0() throws Exception {
        MomentResult r = run("moments_dyestuff_unbalanced.json");
        JsonNode ref = SimStatsFixtures.fixture("moments_dyestuff_unbalanced.json");
        assertEquals(MomentDesign.ONE_WAY_UNBALANCED, r.design());
        double e = ref.get("sigma2_batch").asDouble();
        assertEquals(e, component(r, "Batch"), 1e-10 * Math.abs(e));
        assertTrue(r.components().get(0).formula().contains("n0"));
    }

    @Test
    void penicillinCrossedWithoutInteraction() throws Exception {
        assertEquals(MomentDesign.CROSSED_ADDITIVE, run("moments_penicillin.json").design());
    }

    @Test
    void crossedWithInteraction() throws Exception {
        assertEquals(MomentDesign.CROSSED_INTERACTION, run("moments_crossed_interaction.json").design());
    }

    @Test
    void eggsNestedThreeLevels() throws Exception {
        MomentResult r = run("moments_eggs.json");
        assertEquals(MomentDesign.NESTED_BALANCED, r.design());
        assertEquals(4, r.components().size());
    }

    @Test
    void jsonCarriesTheTableAndTheComponents() throws Exception {
        MomentResult r = run("moments_pulp.json");
        JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(MomentReport.json(r, "pulp.csv"));
        assertEquals("one_way_balanced", tree.get("design").asText());
        assertEquals(r.table().get(0).meanSquare(), tree.get("anova").get(0).get("mean_sq").asDouble(), 1e-15);
        assertFalse(tree.get("components").get(0).get("negative").asBoolean());
    }

    @Test
    void refusesWhatItDoesNotDerive() throws Exception {
        var sleep = SimStatsFixtures.data("sleepstudy.csv");
        JmixedException fixed = assertThrows(JmixedException.class,
                () -> MomentEstimator.estimate(sleep, "Reaction ~ Days + (1 | Subject)"));
        assertTrue(fixed.getMessage().contains("intercept-only fixed part"), fixed.getMessage());
        JmixedException slope = assertThrows(JmixedException.class,
                () -> MomentEstimator.estimate(sleep, "Reaction ~ 1 + (Days | Subject)"));
        assertTrue(slope.getMessage().contains("random intercepts only"), slope.getMessage());
        var edge = SimStatsFixtures.data("sleepstudy_edge.csv");
        // unbalanced crossed: Penicillin without a few rows
        var pen = SimStatsFixtures.data("Penicillin.csv");
        JmixedException nested = assertThrows(JmixedException.class,
                () -> MomentEstimator.estimate(edge, "Reaction ~ 1 + (1 | Subject) + (1 | Days)"));
        assertTrue(nested.getMessage().contains("unbalanced"), nested.getMessage());
        assertEquals(MomentDesign.CROSSED_ADDITIVE,
                MomentEstimator.estimate(pen, "diameter ~ 1 + (1 | plate) + (1 | sample)").design());
    }
}
