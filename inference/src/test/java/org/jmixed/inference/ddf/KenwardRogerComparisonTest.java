package org.jmixed.inference.ddf;

import java.io.IOException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.jmixed.inference.ddf.DdfFixtures.DDF_REL;
import static org.jmixed.inference.ddf.DdfFixtures.STAT_REL;
import static org.jmixed.inference.ddf.DdfFixtures.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pbkrtest's KRmodcomp: the seed material's printed results and the R fixtures. */
class KenwardRogerComparisonTest {
    private static DataFrame irrigation() throws IOException {
        return CsvReader.read(SharedData.data("irrigation.csv"));
    }

    /** The three comparisons the seed notes print (F to 4 decimals, p to 4). */
    @Test
    void seedIrrigationComparisons() throws IOException {
        DataFrame d = irrigation();
        String full = "yield ~ irrigation * variety + (1 | field)";
        String additive = "yield ~ irrigation + variety + (1 | field)";
        check(KenwardRogerComparison.compare(d, full, additive), 0.2452, 3, 4, 0.8612);
        check(KenwardRogerComparison.compare(d, additive, "yield ~ irrigation + (1 | field)"), 1.5782, 1, 7, 0.2493);
        check(KenwardRogerComparison.compare(d, additive, "yield ~ variety + (1 | field)"), 0.3882, 3, 4, 0.7685);
    }

    private static void check(KenwardRogerComparison c, double f, int ndf, double ddf, double p) {
        assertEquals(f, c.test().f(), 5e-5, "F");
        assertEquals(ndf, c.test().numDF(), "ndf");
        assertEquals(ddf, c.test().denDF(), 1e-3 * ddf, "ddf");
        assertEquals(p, c.test().p(), 5e-5, "p");
    }

    static Stream<Arguments> comparisons() throws IOException {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String id : DdfFixtures.ids()) {
            JsonNode c = DdfFixtures.load(id);
            int k = 0;
            for (JsonNode cmp : DdfFixtures.list(c.get("comparisons"))) {
                b.add(Arguments.of(id + "#" + k++, c.get("data").asText(), cmp));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparisons")
    void matchesKRmodcomp(String id, String data, JsonNode cmp) throws IOException {
        JsonNode holder = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("data", data);
        KenwardRogerComparison c = KenwardRogerComparison.compare(DdfFixtures.data(holder),
                cmp.get("larger").asText(), cmp.get("smaller").asText());
        assertEquals(cmp.get("ndf").asInt(), c.test().numDF(), id + " ndf");
        close(cmp.get("ddf").asDouble(), c.test().denDF(), DDF_REL, 0, id + " ddf");
        close(cmp.get("F").asDouble(), c.test().f(), STAT_REL, 1e-8, id + " F");
        close(cmp.get("scaling").asDouble(), c.test().scaling(), STAT_REL, 0, id + " scaling");
        close(cmp.get("p").asDouble(), c.test().p(), STAT_REL, 1e-6, id + " p");
        close(cmp.get("FU").asDouble(), c.unscaledF(), STAT_REL, 1e-8, id + " unscaled F");
    }

    @Test
    void refusesModelsThatAreNotNested() throws IOException {
        JmixedException e = assertThrows(JmixedException.class, () -> KenwardRogerComparison.compare(irrigation(),
                "yield ~ irrigation + (1 | field)", "yield ~ variety + (1 | field)"));
        assertTrue(e.getMessage().contains("not nested"), e.getMessage());
    }

    @Test
    void refusesDifferentRandomParts() throws IOException {
        DataFrame d = CsvReader.read(SharedData.data("sleepstudy.csv"));
        JmixedException e = assertThrows(JmixedException.class, () -> KenwardRogerComparison.compare(d,
                "Reaction ~ Days + (Days | Subject)", "Reaction ~ 1 + (1 | Subject)"));
        assertTrue(e.getMessage().contains("same random-effects terms"), e.getMessage());
    }

    @Test
    void formatsTextAndJson() throws IOException {
        KenwardRogerComparison c = KenwardRogerComparison.compare(irrigation(),
                "yield ~ irrigation * variety + (1 | field)", "yield ~ irrigation + variety + (1 | field)");
        String text = c.toText();
        assertTrue(text.contains("Ftest") && text.contains("0.2452") && text.contains("0.8612"), text);
        JsonNode json;
        try {
            json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(c.toJson());
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
        assertEquals(3, json.get("ndf").asInt());
        assertEquals(0.2452, json.get("F").asDouble(), 5e-5);
        assertEquals("kenward-roger", json.get("method").asText());
    }
}
