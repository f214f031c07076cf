package org.jmixed.inference.lmlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.JmixedException;
import org.jmixed.inference.simstats.SimStatsFixtures;
import org.jmixed.data.DataFrame;
import org.junit.jupiter.api.Test;

/** lmList against R (tools/r/simstats_reference.R): coefficients, SEs and σ to 1e-8 relative. */
class LmListTest {
    private static void close(JsonNode expected, double actual, String what) {
        if (expected.isNull()) {
            assertTrue(Double.isNaN(actual), what + ": R has NA, jmixed " + actual);
        } else {
            double e = expected.asDouble();
            assertEquals(e, actual, 1e-8 * Math.max(1, Math.abs(e)), what);
        }
    }

    private static LmListResult check(String fixture) throws Exception {
        JsonNode ref = SimStatsFixtures.fixture(fixture);
        LmListResult r = LmList.fit(SimStatsFixtures.data(ref.get("data").asText()), ref.get("formula").asText());
        JsonNode names = ref.get("coefficient_names");
        assertEquals(names.size(), r.coefficientNames().size());
        for (int j = 0; j < names.size(); j++) {
            assertEquals(names.get(j).asText(), r.coefficientNames().get(j));
        }
        JsonNode groups = ref.get("groups");
        assertEquals(groups.size(), r.groups().size());
        for (int g = 0; g < groups.size(); g++) {
            JsonNode eg = groups.get(g);
            GroupFit fit = r.groups().get(g);
            String where = fixture + " group " + fit.level();
            assertEquals(eg.get("group").asText(), fit.level(), where);
            if (eg.has("failed")) {
                // lm stopped for this group inside lmList: everything NA
                for (int j = 0; j < names.size(); j++) {
                    assertTrue(Double.isNaN(fit.coefficients()[j]) && Double.isNaN(fit.standardErrors()[j]), where);
                }
                assertTrue(Double.isNaN(fit.sigma()), where);
                continue;
            }
            assertEquals(eg.get("n").asInt(), fit.n(), where);
            assertEquals(eg.get("df").asInt(), fit.df(), where);
            close(eg.get("sigma"), fit.sigma(), where + " sigma");
            for (int j = 0; j < names.size(); j++) {
                close(eg.get("coef").get(j), fit.coefficients()[j], where + " coef " + j);
                close(eg.get("se").get(j), fit.standardErrors()[j], where + " se " + j);
                close(ref.get("pooled_se").get(g).get(j), fit.pooledStandardErrors()[j], where + " pooled se " + j);
            }
        }
        close(ref.get("pooled_sigma"), r.pooledSigma(), fixture + " pooled sigma");
        assertEquals(ref.get("pooled_df").asInt(), r.pooledDf());
        return r;
    }

    @Test
    void psidIncomeGrowthPerPerson() throws Exception {
        LmListResult r = check("lmlist_psid.json");
        assertEquals(85, r.groups().size());
        assertEquals(0, r.rowsDropped());
    }

    @Test
    void sleepstudyPerSubject() throws Exception {
        check("lmlist_sleepstudy.json");
    }

    @Test
    void groupsTooSmallGetNaNotAnError() throws Exception {
        LmListResult r = check("lmlist_edge.json");
        assertTrue(r.groups().get(0).note().contains("1 row"), r.groups().get(0).note());
        assertTrue(r.groups().get(2).note().contains("linearly dependent"), r.groups().get(2).note());
        String text = LmListReport.text(r, "edge.csv");
        assertTrue(text.contains("NA coefficients:"), text);
    }

    @Test
    void infiniteResponseFailsItsGroupAndNanRowsAreDroppedAsInR() throws Exception {
        LmListResult r = check("lmlist_nonfinite.json");
        assertTrue(r.groups().get(0).note().contains("infinite"), r.groups().get(0).note());
        assertEquals(10, r.groups().get(0).n());
        assertEquals(2, r.rowsDropped());
        assertEquals(18, r.groups().size());
    }

    @Test
    void aSingleGroupIsAnOrdinaryFit() throws Exception {
        DataFrame sleep = SimStatsFixtures.data("sleepstudy.csv");
        LmListResult all = LmList.fit(sleep, "Reaction ~ Days | Subject");
        int[] rows308 = java.util.stream.IntStream.range(0, sleep.nrows())
                .filter(r -> sleep.column("Subject").stringValue(r).equals("308")).toArray();
        LmListResult one = LmList.fit(RowSubset.of(sleep, rows308), "Reaction ~ Days | Subject");
        assertEquals(1, one.groups().size());
        GroupFit a = all.groups().get(0);
        GroupFit b = one.groups().get(0);
        assertEquals("308", b.level());
        for (int j = 0; j < 2; j++) {
            assertEquals(a.coefficients()[j], b.coefficients()[j], 1e-10 * Math.abs(a.coefficients()[j]));
            assertEquals(a.standardErrors()[j], b.standardErrors()[j], 1e-10 * a.standardErrors()[j]);
        }
        assertEquals(a.sigma(), one.pooledSigma(), 1e-10 * a.sigma());
    }

    @Test
    void reportsHoldEveryGroup() throws Exception {
        LmListResult r = LmList.fit(SimStatsFixtures.data("sleepstudy.csv"), "Reaction ~ Days | Subject");
        String json = LmListReport.json(r, "sleepstudy.csv");
        JsonNode tree = new ObjectMapper().readTree(json);
        assertEquals(18, tree.get("groups").size());
        assertEquals(r.pooledSigma(), tree.get("pooled_sigma").asDouble(), 1e-12);
        assertEquals(r.groups().get(3).coefficients()[1], tree.get("groups").get(3).get("coefficients").get(1).asDouble(), 1e-12);
    }

    @Test
    void formulaWithoutABarIsRefusedNamingTheForm() throws Exception {
        DataFrame d = SimStatsFixtures.data("sleepstudy.csv");
        JmixedException e = assertThrows(JmixedException.class, () -> LmList.fit(d, "Reaction ~ Days"));
        assertTrue(e.getMessage().contains("'response ~ terms | group'"), e.getMessage());
        JmixedException e2 = assertThrows(JmixedException.class, () -> LmList.fit(d, "Reaction ~ Days | Nobody"));
        assertTrue(e2.getMessage().contains("Nobody"), e2.getMessage());
    }
}
