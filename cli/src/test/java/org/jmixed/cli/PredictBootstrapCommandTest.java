package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --interval N}: bootstrap intervals in CSV and JSON, the old syntax kept, and usage errors. */
class PredictBootstrapCommandTest {
    @TempDir
    Path dir;

    private CliRun last;

    private int run(String... args) {
        last = CliRun.run(args);
        return last.code();
    }

    private String out() {
        return last.out();
    }

    private String err() {
        return last.err();
    }

    private String[] base() throws Exception {
        Path newdata = dir.resolve("new.csv");
        Files.writeString(newdata, "Days,Subject\n3,308\n3,999\n");
        return new String[] {"predict", "--data", SharedData.data("sleepstudy.csv").toString(), "--formula",
            "Reaction ~ Days + (Days | Subject)", "--newdata", newdata.toString()};
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void bootstrapIntervalsInCsvAndJsonReproducibleForASeed() throws Exception {
        String[] b = base();
        assertEquals(0, run(with(b, "--interval", "60", "--seed", "5", "--threads", "2")), err());
        String csv = out();
        String[] lines = csv.strip().split("\n");
        assertEquals("\"Days\",\"Subject\",\"fit\",\"lwr\",\"upr\",\"new_levels\"", lines[0]);
        for (int r = 1; r <= 2; r++) {
            String[] c = lines[r].split(",");
            double fit = Double.parseDouble(c[2]);
            assertTrue(Double.parseDouble(c[3]) < fit && fit < Double.parseDouble(c[4]), lines[r]);
        }
        assertEquals(0, run(with(b, "--interval=60", "--seed", "5", "--threads", "1")), err());
        assertEquals(csv, out(), "same seed, one thread: the same intervals");

        assertEquals(0, run(with(b, "--interval", "60", "--seed", "5", "--level", "0.8", "--format", "json")),
                err());
        JsonNode n = new ObjectMapper().readTree(out());
        assertEquals("bootstrap", n.get("method").asText());
        assertEquals(60, n.get("B").asInt());
        assertEquals(5, n.get("seed").asLong());
        assertEquals("unconditional", n.get("simulation").asText());
        assertEquals(0.8, n.get("level").asDouble(), 0);
        assertEquals(2, n.get("lwr").size());
        assertTrue(n.get("upr").get(1).asDouble() - n.get("lwr").get(1).asDouble()
                > n.get("upr").get(0).asDouble() - n.get("lwr").get(0).asDouble(), "a new subject's is wider");

        assertEquals(0, run(with(b, "--interval", "--format", "json")), err());
        assertEquals("closed-form", new ObjectMapper().readTree(out()).get("method")
                .asText(), "--interval alone keeps the closed form");
        assertEquals(0, run(with(b, "--interval", "--method", "closed-form")), err());
        assertEquals(0, run(with(b, "--interval", "20", "--method", "boot", "--conditional", "--format", "json")),
                err());
        assertEquals("conditional",
                new ObjectMapper().readTree(out()).get("simulation").asText());
    }

    @Test
    void badInputIsOneLineUsageError() throws Exception {
        String[] b = base();
        String[][] cases = {
            {"--interval", "0"},
            {"--interval", "abc"},
            {"--interval", "-5"},
            {"--seed", "3"},
            {"--interval", "--seed", "3"},
            {"--interval", "10", "--seed", "x"},
            {"--interval", "10", "--threads", "0"},
            {"--interval", "10", "--method", "closed-form"},
            {"--interval", "10", "--method", "exact"},
            {"--method", "boot"},
            {"--conditional"},
        };
        String[] expected = {
            "--interval takes the number of bootstrap replicates, a whole number of at least 1, not '0'",
            "--interval takes the number of bootstrap replicates, a whole number of at least 1, not 'abc'",
            "not '-5'",
            "--seed goes with --interval",
            "--seed goes with the bootstrap (--interval N)",
            "--seed takes a whole number, not 'x'",
            "--threads takes a whole number of at least 1, not '0'",
            "--method closed-form takes no replicate count",
            "--method must be boot or closed-form, not 'exact'",
            "--method goes with --interval",
            "--conditional goes with --interval N",
        };
        for (int i = 0; i < cases.length; i++) {
            assertEquals(2, run(with(b, cases[i])), String.join(" ", cases[i]));
            String e = err();
            assertTrue(e.startsWith("jmixed: ") && e.contains(expected[i]), String.join(" ", cases[i]) + ": " + e);
            assertEquals(1, e.strip().split("\n").length, "one line: " + e);
            assertFalse(e.contains("Exception"), e);
        }
        assertEquals(2, run("predict", "--model", "m.json", "--newdata", "n.csv", "--interval", "100"));
        assertTrue(err().contains("--interval needs --data and --formula"), err());
    }
}
