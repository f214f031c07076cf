package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;

class ConfintCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private static String data(String file) {
        return SharedData.data(file).toString();
    }

    @Test
    void profileTextHasLme4sRowsAndColumns() {
        assertEquals(0, run("confint", "--data", data("Dyestuff2.csv"), "--formula", "Yield ~ 1 + (1 | Batch)",
                "--backend", "java"), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("2.5 %") && text.contains("97.5 %"), text);
        assertTrue(text.contains("\n.sig01      0.000000 2.08"), text);
        assertTrue(text.contains("\n.sigma ") && text.contains("\n(Intercept) "), text);
        assertTrue(text.contains("Note: .sig01: lower end at the bound 0"), text);
    }

    @Test
    void waldJsonWithLevelAndParm() throws Exception {
        assertEquals(0, run("confint", "--data", data("sleepstudy.csv"), "--formula",
                "Reaction ~ Days + (Days | Subject)", "--method", "wald", "--level=0.9", "--parm", "Days,.sigma",
                "--format", "json", "--backend", "java"), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("Wald", j.get("method").asText());
        assertEquals(0.9, j.get("level").asDouble(), 0);
        assertEquals(".sigma", j.get("names").get(0).asText());
        assertEquals("Days", j.get("names").get(1).asText());
        assertTrue(j.get("lower").get(0).isNull());
        double lo = j.get("lower").get(1).asDouble();
        double hi = j.get("upper").get(1).asDouble();
        assertEquals(10.467, (lo + hi) / 2, 1e-3);
        // 1.6449 standard errors of 1.546 either side.
        assertEquals(2 * 1.6449 * 1.546, hi - lo, 1e-2);
    }

    @Test
    void profileJsonHasTraces() throws Exception {
        assertEquals(0, run("confint", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)",
                "--ml", "--parm", "theta_", "--format", "json", "--backend", "java"), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(2, j.get("traces").size());
        assertEquals(".sig01", j.get("traces").get(0).get("name").asText());
        assertEquals(j.get("traces").get(0).get("value").size(), j.get("traces").get(0).get("zeta").size());
        assertEquals(false, j.get("reml").asBoolean());
        out.reset();
        assertEquals(0, run("confint", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)",
                "--ml", "--parm", ".sigma", "--trace-zeta", "3", "--format", "json", "--backend", "java"), err.toString());
        JsonNode zeta = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("traces").get(0).get("zeta");
        assertTrue(zeta.get(0).asDouble() <= -3 && zeta.get(zeta.size() - 1).asDouble() >= 3, zeta.toString());
    }

    @Test
    void helpIsListed() {
        assertEquals(0, run("confint", "--help"));
        assertTrue(out.toString().startsWith("Usage: jmixed confint"), out.toString());
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("  confint "), out.toString());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        String[][] bad = {
            {"confint", "--formula", "y ~ 1 + (1 | g)"},
            {"confint", "--data", "x.csv"},
            {"confint", "--data", "x.csv", "--formula", "y ~ (1 | g)", "--method", "bogus"},
            {"confint", "--data", "x.csv", "--formula", "y ~ (1 | g)", "--level", "95"},
            {"confint", "--data", "x.csv", "--formula", "y ~ (1 | g)", "--ml", "--reml"},
            {"confint", "--data", "x.csv", "--formula", "y ~ (1 | g)", "--bogus"},
            {"confint", "--data", "x.csv", "--formula", "y ~ (1 | g)", "--trace-zeta", "-1"},
        };
        for (String[] args : bad) {
            err.reset();
            assertEquals(2, run(args), String.join(" ", args));
            String e = err.toString(StandardCharsets.UTF_8);
            assertTrue(e.startsWith("jmixed: ") && e.strip().lines().count() == 1, e);
        }
    }

    @Test
    void badInputExitsOneNamingTheCulprit() {
        assertEquals(1, run("confint", "--data", data("sleepstudy.csv"), "--formula",
                "Reaction ~ Days + (Days | Subject)", "--parm", ".sig09", "--backend", "java"));
        assertTrue(err.toString().contains("'.sig09'"), err.toString());
        err.reset();
        assertEquals(1, run("confint", "--data", "/nonexistent/file.csv", "--formula", "y ~ 1 + (1 | g)"));
        assertTrue(err.toString().contains("/nonexistent/file.csv"), err.toString());
    }
}
