package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.jmixed.spi.Backends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jmixed bootstrap and jmixed rlrt end to end. */
class BootstrapCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private static String data(String name) {
        return SharedData.data(name).toString();
    }

    @Test
    void csvOfEveryReplicateIsTheSameWhateverTheThreadsAndTheBackend(@TempDir Path dir) throws Exception {
        String[] base = {"bootstrap", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days + (Days | Subject)",
                "--n", "9", "--seed", "17"};
        Path one = dir.resolve("one.csv");
        assertEquals(0, run(concat(base, "--threads", "1", "--out", one.toString())), err.toString());
        List<String> lines = Files.readAllLines(one);
        assertEquals(10, lines.size());
        assertTrue(lines.get(0).startsWith("replicate,\"Subject.(Intercept)\""), lines.get(0));
        Path three = dir.resolve("three.csv");
        assertEquals(0, run(concat(base, "--threads", "3", "--out", three.toString())), err.toString());
        assertEquals(lines, Files.readAllLines(three));
        // CHOLMOD, where it is available, re-points its evaluators too and agrees to rounding.
        boolean cholmod = Backends.all().stream().anyMatch(b -> b.name().equals("cholmod") && b.unavailableReason().isEmpty());
        Assumptions.assumeTrue(cholmod, "cholmod unavailable here");
        Path c = dir.resolve("cholmod.csv");
        assertEquals(0, run(concat(base, "--threads", "2", "--backend", "cholmod", "--out", c.toString())), err.toString());
        List<String> other = Files.readAllLines(c);
        for (int i = 1; i < lines.size(); i++) {
            String[] a = lines.get(i).split(",");
            String[] b = other.get(i).split(",");
            for (int j = 1; j < a.length; j++) {
                double x = Double.parseDouble(a[j]);
                assertEquals(x, Double.parseDouble(b[j]), 1e-4 * Math.max(1, Math.abs(x)), "row " + i + " column " + j);
            }
        }
    }

    @Test
    void jsonSummaryHasEveryQuantity() throws Exception {
        assertEquals(0, run("bootstrap", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)", "--n", "30",
                "--ml", "--conditional", "--format", "json"), err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(false, json.get("reml").asBoolean());
        assertEquals(true, json.get("conditional").asBoolean());
        assertEquals(30, json.get("replicates").asInt());
        JsonNode params = json.get("parameters");
        assertEquals("operator.(Intercept)", params.get(0).get("name").asText());
        assertEquals("objective", params.get(params.size() - 1).get("name").asText());
        for (JsonNode p : params) {
            assertTrue(p.get("lower").asDouble() <= p.get("upper").asDouble(), p.toString());
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\n  \"formula\": "), "2-space indentation");
    }

    @Test
    void textSummaryNamesTheRun() {
        assertEquals(0, run("bootstrap", "--data", data("Dyestuff.csv"), "--formula", "Yield ~ 1 + (1 | Batch)", "--n", "20",
                "--threads", "2"), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Parametric bootstrap of a linear mixed model fit by REML\n"), text);
        assertTrue(text.contains("Replicates: 20 (new random effects and noise), seed 1, 2 threads"), text);
        assertTrue(text.contains("sd_(Intercept)|Batch"), text);
    }

    @Test
    void rlrtPrintsStatisticAndPValue() throws Exception {
        assertEquals(0, run("rlrt", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)", "--term",
                "(1 | operator)", "--n", "2000", "--format", "json"), err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(3.4701, json.get("statistic").asDouble(), 1e-4);
        assertEquals(0.0227, json.get("p_value").asDouble(), 0.015);
        assertEquals(2000, json.get("nsim").asInt());
    }

    @Test
    void badInputAndUsageErrorsAreOneLine() {
        assertEquals(2, run("bootstrap", "--data", data("pulp.csv")));
        assertEquals("jmixed: bootstrap needs --formula; try 'jmixed bootstrap --help'\n", err.toString());
        assertEquals(2, run("bootstrap", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)", "--n", "x"));
        assertTrue(err.toString().contains("--n must be a whole number"), err.toString());
        assertEquals(2, run("bootstrap", "--data", data("pulp.csv"), "--formula", "b ~ 1 + (1 | operator)", "--ml", "--reml"));
        assertEquals(1, run("rlrt", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days + (Days | Subject)",
                "--term", "Subject"));
        assertTrue(err.toString().startsWith("jmixed: rlrt: term") && err.toString().endsWith("(0 + x | g)\n"), err.toString());
        assertEquals(0, run("bootstrap", "--help"));
        assertTrue(out.toString().startsWith("Usage: jmixed bootstrap"));
        assertEquals(0, run("help", "rlrt"));
        assertTrue(out.toString().startsWith("Usage: jmixed rlrt"));
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("  bootstrap ") && out.toString().contains("  rlrt "));
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
