package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;

/** {@code jmixed fit --residual / --weights} end to end. */
class CovarianceCliTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void residualStructureInJsonAndText() {
        String data = SharedData.data("Orthodont.csv").toString();
        Run json = run("fit", "--data", data, "--formula", "distance ~ age", "--ml", "--residual=diag(age)",
                "--format", "json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"residual\": {\n    \"structure\": \"diag(age)\",\n    \"kind\": \"diag\""),
                json.out());
        assertTrue(json.out().contains("\"sd ratio age=14\": "), json.out());
        Run text = run("fit", "--data", data, "--formula", "distance ~ age + (1 | Subject)", "--residual",
                "ar1(age | Subject)");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("Residual structure: ar1(age | Subject)"), text.out());
    }

    @Test
    void badOptionsExitWithOneLine() {
        String data = SharedData.data("Orthodont.csv").toString();
        Run bad = run("fit", "--data", data, "--formula", "distance ~ age", "--residual", "ar2(age | Subject)");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().startsWith("jmixed: residual structure 'ar2(age | Subject)': unknown structure"),
                bad.err());
        assertEquals(1, bad.err().strip().lines().count());
        Run weights = run("fit", "--data", data, "--formula", "distance ~ age", "--weights", "Sex");
        assertEquals(1, weights.exit());
        assertTrue(weights.err().startsWith("jmixed: weights column 'Sex' is not a finite number on line 2"),
                weights.err());
        Run twice = run("fit", "--data", data, "--formula", "distance ~ age", "--weights", "age", "--weights", "age");
        assertEquals(2, twice.exit());
        Run help = run("fit", "--help");
        assertTrue(help.out().contains("--residual SPEC"), help.out());
    }
}
