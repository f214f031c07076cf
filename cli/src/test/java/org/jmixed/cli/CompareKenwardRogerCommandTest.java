package org.jmixed.cli;

import static org.jmixed.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;

/**
 * {@code jmixed compare --ddf kenward-roger} end to end, on the seed notes' split-plot checks
 * (irrigation; the notes print pbkrtest's KRmodcomp results).
 */
class CompareKenwardRogerCommandTest {
    private static final String INTERACTION = "yield ~ irrigation * variety + (1 | field)";
    private static final String ADDITIVE = "yield ~ irrigation + variety + (1 | field)";

    private static JsonNode compare(String f0, String f1) throws Exception {
        CliRun r = run("compare", "--data", SharedData.data("irrigation.csv").toString(), "--formula", f0,
                "--formula", f1, "--ddf", "kenward-roger", "--format", "json");
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void seedNotesChecksInEitherOrder() throws Exception {
        JsonNode a = compare(INTERACTION, ADDITIVE);
        assertEquals(0.2452, a.get("F").asDouble(), 5e-5);
        assertEquals(3, a.get("ndf").asInt());
        assertEquals(4.0, a.get("ddf").asDouble(), 4e-3);
        assertEquals(0.8612, a.get("p").asDouble(), 5e-5);
        JsonNode swapped = compare(ADDITIVE, INTERACTION);
        assertEquals(a.get("F").asDouble(), swapped.get("F").asDouble(), 0.0);
        assertEquals(INTERACTION, swapped.get("larger").asText());

        JsonNode b = compare(ADDITIVE, "yield ~ irrigation + (1 | field)");
        assertEquals(1.5782, b.get("F").asDouble(), 5e-5);
        assertEquals(7.0, b.get("ddf").asDouble(), 7e-3);
        assertEquals(0.2493, b.get("p").asDouble(), 5e-5);

        JsonNode c = compare(ADDITIVE, "yield ~ variety + (1 | field)");
        assertEquals(0.3882, c.get("F").asDouble(), 5e-5);
        assertEquals(0.7685, c.get("p").asDouble(), 5e-5);
    }

    @Test
    void usageErrors() {
        String data = SharedData.data("irrigation.csv").toString();
        CliRun three = run("compare", "--data", data, "--formula", INTERACTION, "--formula", ADDITIVE,
                "--formula", "yield ~ irrigation + (1 | field)", "--ddf", "kenward-roger");
        assertEquals(2, three.code());
        assertEquals("jmixed: compare --ddf kenward-roger compares exactly two formulas (got 3)\n", three.err());
        CliRun other = run("compare", "--data", data, "--formula", INTERACTION, "--formula", ADDITIVE,
                "--ddf", "satterthwaite");
        assertEquals(2, other.code());
        assertTrue(other.err().startsWith("jmixed: compare --ddf takes kenward-roger"), other.err());
        assertTrue(run("compare", "--help").out().contains("--ddf kenward-roger"));
    }
}
