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

/** {@code predict --interval [--level P]}: lwr and upr beside fit in CSV and JSON, and its usage errors. */
class PredictIntervalCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void intervalsSurroundTheFitAndWidenForANewSubject() throws Exception {
        Path newdata = dir.resolve("new.csv");
        Files.writeString(newdata, "Days,Subject\n3,308\n3,999\n");
        String[] base = {"predict", "--data", SharedData.data("sleepstudy.csv").toString(), "--formula",
            "Reaction ~ Days + (Days | Subject)", "--newdata", newdata.toString(), "--interval"};
        assertEquals(0, run(base), err.toString());
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals("\"Days\",\"Subject\",\"fit\",\"lwr\",\"upr\",\"new_levels\"", lines[0]);
        double[] width = new double[2];
        for (int r = 0; r < 2; r++) {
            String[] c = lines[r + 1].split(",");
            double fit = Double.parseDouble(c[2]);
            double lwr = Double.parseDouble(c[3]);
            double upr = Double.parseDouble(c[4]);
            assertEquals(fit, (lwr + upr) / 2, 1e-9 * Math.abs(fit));
            width[r] = upr - lwr;
        }
        assertTrue(width[1] > width[0], "a new subject adds the group variance");
        String[] json = java.util.Arrays.copyOf(base, base.length + 4);
        json[base.length] = "--level";
        json[base.length + 1] = "0.8";
        json[base.length + 2] = "--format";
        json[base.length + 3] = "json";
        assertEquals(0, run(json), err.toString());
        JsonNode n = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(0.8, n.get("level").asDouble(), 0);
        double w80 = n.get("upr").get(0).asDouble() - n.get("lwr").get(0).asDouble();
        assertEquals(width[0] * 1.2815515655446004 / 1.959963984540054, w80, 1e-6 * w80);
    }

    @Test
    void usageErrors() {
        String d = SharedData.data("sleepstudy.csv").toString();
        assertEquals(2, run("predict", "--data", d, "--formula", "Reaction ~ Days + (1 | Subject)", "--newdata", d,
                "--level", "0.9"));
        assertTrue(err.toString().contains("--level goes with --interval"), err.toString());
        assertEquals(2, run("predict", "--data", d, "--formula", "Reaction ~ Days + (1 | Subject)", "--newdata", d,
                "--interval", "--level", "95"));
        assertEquals(2, run("predict", "--model", "m.json", "--newdata", d, "--interval"));
        assertTrue(err.toString().contains("--interval needs --data and --formula"), err.toString());
    }
}
