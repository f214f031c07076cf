package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private static Path shared() {
        return SharedData.dir();
    }

    private static String fitJson(Path data, String formula) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, run(out, err, "fit", "--data", data.toString(), "--formula", formula, "--format", "json"),
                err.toString());
        // Everything but the optimizer's wall time.
        return out.toString(StandardCharsets.UTF_8).replaceAll("\"seconds\": [0-9.eE-]+", "\"seconds\": _");
    }

    @Test
    void fitFromBinaryEqualsFitFromCsv(@TempDir Path dir) {
        for (String[] c : new String[][] {
                {"sleepstudy.csv", "Reaction ~ Days + (Days | Subject)"},
                {"Penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)"},
                {"Orthodont.csv", "distance ~ age + Sex + (age | Subject)"}}) {
            Path csv = shared().resolve("data").resolve(c[0]);
            Path jmx = dir.resolve(c[0].replace(".csv", ".jmx"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, run(out, err, "convert", "--data", csv.toString(), "--out", jmx.toString()), err.toString());
            assertTrue(out.toString().startsWith("wrote " + jmx), out.toString());
            assertEquals(fitJson(csv, c[1]), fitJson(jmx, c[1]), c[0]);
        }
    }

    @Test
    void simulateCrossedWritesBinaryForJmx(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (String f : new String[] {"s.csv", "s.jmx"}) {
            assertEquals(0, run(out, err, "simulate-crossed", "--rows", "4000", "--users", "400", "--items", "50",
                    "--seed", "5", "--out", dir.resolve(f).toString()), err.toString());
        }
        String formula = "y ~ 1 + x + (1 | user) + (1 | item)";
        assertEquals(fitJson(dir.resolve("s.csv"), formula), fitJson(dir.resolve("s.jmx"), formula));
    }

    @Test
    void errorsAreOneLine(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(out, err, "convert", "--data", "x.csv", "--out", "x.bin"));
        assertTrue(err.toString().startsWith("jmixed: --out must name a .jmx file or a .parquet file"), err.toString());
        err.reset();
        Path bad = dir.resolve("bad.jmx");
        Files.writeString(bad, "JMXFRAME");
        assertEquals(1, run(out, err, "fit", "--data", bad.toString(), "--formula", "y ~ 1 + (1 | g)"));
        assertEquals("jmixed: bad.jmx: too short for a jmixed binary frame (8 bytes)", err.toString().strip());
    }
}
