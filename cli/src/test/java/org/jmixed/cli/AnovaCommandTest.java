package org.jmixed.cli;

import static org.jmixed.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;

/** {@code jmixed anova} and {@code jmixed fit --ddf}. */
class AnovaCommandTest {
    private static final String IRRIGATION = "yield ~ irrigation * variety + (1 | field)";

    private static String data(String file) {
        return SharedData.data(file).toString();
    }

    @Test
    void anovaTextHasOneRowPerTerm() {
        CliRun r = run("anova", "--data", data("irrigation.csv"), "--formula", IRRIGATION);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Type III Analysis of Variance Table with Satterthwaite's method"), r.out());
        assertTrue(r.out().contains("NumDF") && r.out().contains("DenDF") && r.out().contains("Pr(>F)"), r.out());
        // lmerTest: irrigation:variety F = 0.2452 on 3 and 4 df
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("irrigation:variety") && l.contains("0.2452")), r.out());
        assertEquals(5, r.out().lines().count(), "title, header and three terms: " + r.out());
    }

    @Test
    void anovaJsonKenwardRoger() throws Exception {
        CliRun r = run("anova", "--data", data("irrigation.csv"), "--formula", IRRIGATION, "--ddf", "kenward-roger",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("kenward-roger", j.get("ddf").asText());
        assertEquals(3, j.get("terms").size());
        JsonNode irr = j.get("terms").get(0);
        assertEquals("irrigation", irr.get("term").asText());
        assertEquals(3, irr.get("numDF").asInt());
        assertEquals(0.3882, irr.get("F").asDouble(), 5e-5);
        assertEquals(0.7685, irr.get("p").asDouble(), 5e-5);
        assertTrue(r.out().contains("\n  \"terms\": [\n    {\n      \"term\""), "2-space indentation");
    }

    @Test
    void fitWithDdfAddsDfAndPToJsonAndText() throws Exception {
        CliRun r = run("fit", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days + (Days | Subject)",
                "--ddf", "satterthwaite", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode fixef = new ObjectMapper().readTree(r.out()).get("fixef");
        assertEquals(17.0, fixef.get("df").get(0).asDouble(), 0.02);
        assertEquals(17.0, fixef.get("df").get(1).asDouble(), 0.02);
        assertTrue(fixef.get("p").get(1).asDouble() < 1e-5);

        CliRun t = run("fit", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days + (Days | Subject)",
                "--ddf=kenward-roger");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("Fixed effects (t tests with Kenward-Roger's method):"), t.out());
        assertTrue(t.out().contains("Pr(>|t|)"), t.out());
        assertTrue(t.out().contains("Random effects:") && t.out().contains("Correlation of Fixed Effects:"), t.out());
    }

    @Test
    void fitWithoutDdfIsUnchanged() {
        CliRun r = run("fit", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days + (Days | Subject)");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("Pr(>|t|)"), r.out());
    }

    @Test
    void usageErrors() {
        CliRun bad = run("anova", "--data", data("irrigation.csv"), "--formula", IRRIGATION, "--ddf", "wald");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("jmixed: --ddf must be satterthwaite or kenward-roger"), bad.err());
        CliRun ml = run("anova", "--data", data("irrigation.csv"), "--formula", IRRIGATION, "--ddf", "kenward-roger",
                "--ml");
        assertEquals(2, ml.code());
        assertTrue(ml.err().contains("REML"), ml.err());
        CliRun missing = run("anova", "--data", data("irrigation.csv"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--formula"), missing.err());
        CliRun format = run("anova", "--data", data("irrigation.csv"), "--formula", IRRIGATION, "--format", "xml");
        assertEquals(2, format.code());
    }

    @Test
    void inputErrorsAreOneLine() {
        CliRun r = run("anova", "--data", "no-such.csv", "--formula", IRRIGATION);
        assertEquals(1, r.code());
        assertEquals("jmixed: data file 'no-such.csv' not found\n", r.err());
        CliRun bad = run("anova", "--data", data("irrigation.csv"), "--formula", "yield ~ irrigation * varity + (1 | field)");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("jmixed: formula: unknown column 'varity'"), bad.err());
        assertEquals(1, bad.err().lines().count());
    }

    @Test
    void singularFitKenwardRoger() throws Exception {
        // Dyestuff2: the batch variance is estimated as zero; pbkrtest gives df 5 for the intercept
        CliRun r = run("fit", "--data", data("Dyestuff2.csv"), "--formula", "Yield ~ 1 + (1 | Batch)", "--ddf",
                "kenward-roger", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode fixef = new ObjectMapper().readTree(r.out()).get("fixef");
        assertEquals(5.0, fixef.get("df").asDouble(), 5e-3);
        CliRun a = run("anova", "--data", data("Dyestuff2.csv"), "--formula", "Yield ~ 1 + (1 | Batch)");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("no terms to test"), a.out());
    }

    @Test
    void help() {
        CliRun r = run("anova", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: jmixed anova"), r.out());
        assertTrue(run("--help").out().contains("anova"));
        assertTrue(run("fit", "--help").out().contains("--ddf"));
    }
}
