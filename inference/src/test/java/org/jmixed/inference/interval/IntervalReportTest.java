package org.jmixed.inference.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class IntervalReportTest {
    private static IntervalTable table() {
        List<Interval> rows = List.of(
                new Interval(".sig01", 0.0, 0.0, 2.0840383, List.of("lower end at the bound 0: x")),
                new Interval(".sigma", 3.65, 2.892852, 4.81583, List.of()),
                new Interval("(Intercept)", 5.6656, 4.312838, 7.018362, List.of()));
        ProfileTrace tr = new ProfileTrace(".sigma", new double[] {2.89, 3.65, 4.8}, new double[] {-1.96, 0, 1.96},
                List.of(".sig01", ".sigma", "(Intercept)"), new double[][] {{0, 2.89, 5.6}, {0, 3.65, 5.6}, {0, 4.8, 5.6}});
        return new IntervalTable("profile", 0.95, "Yield ~ 1 + (1 | Batch)", true, rows, List.of(tr),
                List.of(ConfidenceIntervals.REFITTED_BY_ML), 124, 0.5);
    }

    @Test
    void textIsLme4sTableWithColumnsOfCommonDecimals() {
        String text = IntervalReport.text(table());
        assertTrue(text.contains("\n               2.5 %   97.5 %\n"), text);
        assertTrue(text.contains("\n.sig01      0.000000 2.084038\n"), text);
        assertTrue(text.contains("\n(Intercept) 4.312838 7.018362\n"), text);
        assertTrue(text.contains("Note: .sig01: lower end at the bound 0: x"), text);
        assertTrue(text.startsWith("Profile confidence intervals (95%)"), text);
        assertTrue(text.contains("124 factorizations"), text);
    }

    @Test
    void naForMissingEnds() {
        IntervalTable w = new IntervalTable("Wald", 0.95, "y ~ x + (1 | g)", false,
                List.of(new Interval(".sig01", 1, Double.NaN, Double.NaN, List.of()),
                        new Interval("x", 1, 0.5, 1.5, List.of())), List.of(), List.of("m"), 0, 0);
        String text = IntervalReport.text(w);
        assertTrue(text.contains("\n.sig01    NA     NA\n"), text);
        assertTrue(text.contains("Note: m"), text);
    }

    @Test
    void jsonCarriesColumnsNotesAndTraces() throws Exception {
        JsonNode j = new ObjectMapper().readTree(IntervalReport.json(table()));
        assertEquals("profile", j.get("method").asText());
        assertEquals(0.95, j.get("level").asDouble(), 0);
        assertEquals(".sigma", j.get("names").get(1).asText());
        assertEquals(2.0840383, j.get("upper").get(0).asDouble(), 0);
        assertEquals(1, j.get("notes").size());
        assertEquals(3, j.get("traces").get(0).get("zeta").size());
        assertEquals(124, j.get("evaluations").asInt());
        assertTrue(IntervalReport.json(table()).contains("\n  \"method\": \"profile\",\n"));
    }

    @Test
    void jsonWritesNaNAsNull() throws Exception {
        IntervalTable w = new IntervalTable("Wald", 0.95, "y", false,
                List.of(new Interval(".sig01", 1, Double.NaN, Double.NaN, List.of())), List.of(), List.of(), 0, 0);
        JsonNode j = new ObjectMapper().readTree(IntervalReport.json(w));
        assertTrue(j.get("lower").get(0).isNull());
        assertTrue(!j.has("traces"));
    }
}
