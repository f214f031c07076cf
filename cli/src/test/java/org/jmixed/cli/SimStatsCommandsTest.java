package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lmlist, moments and gibbs commands end to end: output, JSON, help and one-line errors. */
class SimStatsCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String data(String file) {
        return SharedData.data(file).toString();
    }

    @Test
    void lmlistPrintsATableAndJson() throws Exception {
        assertEquals(0, run("lmlist", "--data", data("psid.csv"), "--formula", "log(income) ~ I(year - 78) | person"),
                err.toString());
        assertTrue(out().contains("I(year - 78)"), out());
        assertTrue(out().contains("Pooled residual standard error: 0.68265 on 1491 degrees of freedom"), out());
        assertEquals(0, run("lmlist", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days | Subject",
                "--format", "json"), err.toString());
        JsonNode json = new ObjectMapper().readTree(out());
        assertEquals(18, json.get("groups").size());
    }

    @Test
    void momentsPrintsThePulpEstimate() throws Exception {
        assertEquals(0, run("moments", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)"),
                err.toString());
        assertTrue(out().contains("0.068083"), out());
        assertEquals(0, run("moments", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)",
                "--format", "json"), err.toString());
        assertEquals(0.068083, new ObjectMapper().readTree(out()).get("components").get(0).get("variance").asDouble(), 1e-6);
    }

    @Test
    void gibbsWritesDrawsAndSummaries(@TempDir Path dir) throws Exception {
        Path draws = dir.resolve("d.csv");
        assertEquals(0, run("gibbs", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)",
                "--iterations", "400", "--burn-in", "100", "--chains", "2", "--seed", "5", "--threads", "2",
                "--prior-b", "2,0.1", "--prior-e", "2,0.1", "--draws", draws.toString(), "--format", "json"),
                err.toString());
        JsonNode json = new ObjectMapper().readTree(out());
        assertEquals("(Intercept)", json.get("parameters").get(0).get("name").asText());
        assertEquals(60.4, json.get("parameters").get(0).get("mean").asDouble(), 0.5);
        assertEquals(1 + 2 * 300, Files.readAllLines(draws).size());
    }

    @Test
    void helpAndErrors() {
        for (String cmd : new String[] {"lmlist", "moments", "gibbs"}) {
            assertEquals(0, run(cmd, "--help"));
            assertTrue(out().startsWith("Usage: jmixed " + cmd), out());
            assertEquals(0, run("help", cmd));
            assertTrue(out().startsWith("Usage: jmixed " + cmd), out());
        }
        assertEquals(0, run("--help"));
        assertTrue(out().contains("lmlist") && out().contains("moments") && out().contains("gibbs"));
        assertEquals(2, run("gibbs", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)",
                "--chains", "0"));
        assertTrue(err.toString().startsWith("jmixed: --chains must be a whole number ≥ 1"), err.toString());
        assertEquals(2, run("gibbs", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)",
                "--prior-b", "2"));
        assertTrue(err.toString().contains("SHAPE,SCALE"), err.toString());
        assertEquals(1, run("moments", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days + (1 | Subject)"));
        assertTrue(err.toString().startsWith("jmixed: formula"), err.toString());
        assertEquals(1, run("lmlist", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days"));
        assertEquals(1, err.toString().strip().lines().count());
        assertEquals(2, run("lmlist", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days | Subject",
                "--format", "xml"));
    }
}
