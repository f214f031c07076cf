package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    private static int run(ByteArrayOutputStream err, String... args) {
        return new Main().run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void writesAFileThatFitsBackTheSimulatedVariances(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sim.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, run(err, "simulate-crossed", "--rows", "20000", "--users", "2000", "--items", "200",
                "--seed", "3", "--out", file.toString()), err.toString());
        assertEquals(20_001, Files.readAllLines(file).size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Main().run(new String[] {"fit", "--data", file.toString(), "--formula",
                        "y ~ 1 + x + (1 | user) + (1 | item)", "--format", "json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        assertEquals(0, code, err.toString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        var sdcor = json.get("varcorr").get("sdcor");
        // Simulated standard deviations: user 0.5, item 0.8, residual 1.
        assertEquals(0.5, sdcor.get(0).asDouble(), 0.05);
        assertEquals(0.8, sdcor.get(1).asDouble(), 0.15);
        assertEquals(1.0, sdcor.get(2).asDouble(), 0.03);
        assertEquals(0.25, json.get("fixef").get("estimate").get(1).asDouble(), 0.02);
    }

    @Test
    void usageErrorsExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(err, "simulate-crossed", "--rows", "10"));
        assertTrue(err.toString().startsWith("jmixed: simulate-crossed needs --users"), err.toString());
        err.reset();
        assertEquals(2, run(err, "simulate-crossed", "--rows", "-5", "--users", "2", "--items", "2", "--out", "x"));
        assertTrue(err.toString().contains("positive whole number"), err.toString());
    }
}
