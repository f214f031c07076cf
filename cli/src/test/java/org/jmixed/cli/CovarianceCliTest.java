package org.jmixed.cli;

import static org.jmixed.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;

/** {@code jmixed fit --residual / --weights} end to end. */
class CovarianceCliTest {
    @Test
    void residualStructureInJsonAndText() {
        String data = SharedData.data("Orthodont.csv").toString();
        CliRun json = run("fit", "--data", data, "--formula", "distance ~ age", "--ml", "--residual=diag(age)",
                "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"residual\": {\n    \"structure\": \"diag(age)\",\n    \"kind\": \"diag\""),
                json.out());
        assertTrue(json.out().contains("\"sd ratio age=14\": "), json.out());
        CliRun text = run("fit", "--data", data, "--formula", "distance ~ age + (1 | Subject)", "--residual",
                "ar1(age | Subject)");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Residual structure: ar1(age | Subject)"), text.out());
    }

    @Test
    void badOptionsExitWithOneLine() {
        String data = SharedData.data("Orthodont.csv").toString();
        CliRun bad = run("fit", "--data", data, "--formula", "distance ~ age", "--residual", "ar2(age | Subject)");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("jmixed: residual structure 'ar2(age | Subject)': unknown structure"),
                bad.err());
        assertEquals(1, bad.err().strip().lines().count());
        CliRun weights = run("fit", "--data", data, "--formula", "distance ~ age", "--weights", "Sex");
        assertEquals(1, weights.code());
        assertTrue(weights.err().startsWith("jmixed: weights column 'Sex' is not a finite number on line 2"),
                weights.err());
        CliRun twice = run("fit", "--data", data, "--formula", "distance ~ age", "--weights", "age", "--weights", "age");
        assertEquals(2, twice.code());
        CliRun help = run("fit", "--help");
        assertTrue(help.out().contains("--residual SPEC"), help.out());
    }
}
