package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code fit --spark}: its help and usage errors, and the one-line error where Spark is not on the
 * class path (as in this module's tests: Spark is provided to the spark module, not passed on).
 * The fits themselves are tested in the spark module.
 */
class SparkFitCommandTest {
    @Test
    void helpListsTheSparkOptions() {
        CliRun r = CliRun.run("fit", "--spark", "local[2]", "--help");
        assertEquals(Main.OK, r.code());
        assertTrue(r.out().contains("--predictions-out PATH"), r.out());
        assertTrue(CliRun.run("fit", "--help").out().contains("--spark MASTER"));
    }

    @Test
    void withoutSparkOnTheClassPathOneLineError() {
        CliRun r = CliRun.run("fit", "--spark=local[2]", "--data", "examples/sleepstudy.csv", "--formula",
                "Reaction ~ Days + (Days | Subject)");
        assertEquals(Main.INPUT_ERROR, r.code());
        assertEquals("jmixed: --spark: Apache Spark is not on the class path; run through the jmixed launcher"
                + " (it adds Spark when --spark is given) or spark-submit", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void missingDataOrUnknownOptionIsAUsageError() {
        CliRun r = CliRun.run("fit", "--spark", "local[2]", "--formula", "y ~ 1 + (1 | g)");
        assertEquals(Main.USAGE_ERROR, r.code());
        assertEquals("jmixed: fit needs --data; try 'jmixed fit --help'", r.err().strip());
        r = CliRun.run("fit", "--spark", "local[2]", "--data", "x.parquet", "--formula", "y ~ 1 + (1 | g)",
                "--weights", "w");
        assertEquals(Main.USAGE_ERROR, r.code());
        assertTrue(r.err().startsWith("jmixed: unknown option '--weights' for 'fit'"), r.err());
    }
}
