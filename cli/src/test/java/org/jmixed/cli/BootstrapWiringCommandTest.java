package org.jmixed.cli;

import static org.jmixed.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;

/** The bootstrap inside other commands: {@code compare --bootstrap} and {@code confint --method boot}. */
class BootstrapWiringCommandTest {
    @Test
    void compareBootstrapPValueOfTheSeedExample() throws Exception {
        // The seed notes: pulp, LRT 2.568 by ML, bootstrap p about 0.02-0.03 with B = 1000; pbkrtest's
        // reference distribution (tools/r/bootstrap_reference.R) gives 0.0215.
        CliRun r = run("compare", "--data", SharedData.data("pulp.csv").toString(), "--formula",
                "bright ~ 1 + (1 | operator)", "--formula", "bright ~ 1", "--bootstrap", "1000", "--seed", "3",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        String[] parts = r.out().split("\n}\n");
        JsonNode boot = new ObjectMapper().readTree(parts[1] + "\n}\n");
        assertEquals(2.5684, boot.get("LRT").asDouble(), 1e-4);
        double p = boot.get("p_bootstrap").asDouble();
        double se = Math.sqrt(0.0215 * (1 - 0.0215) * (1.0 / 1000 + 1.0 / 2000));
        assertTrue(Math.abs(p - 0.0215) < 4 * se, "p = " + p);
        assertEquals("bright ~ 1", boot.get("small").asText());
        assertEquals(1000, boot.get("reference").size());
    }

    @Test
    void confintBootAndItsUsageErrors() {
        String data = SharedData.data("sleepstudy.csv").toString();
        CliRun r = run("confint", "--data", data, "--formula", "Reaction ~ Days + (1 | Subject)", "--method", "boot",
                "--n", "100", "--seed", "5", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Confidence intervals (95%) by parametric bootstrap (percentile)"), r.out());
        assertTrue(r.out().contains(".sig01"), r.out());
        CliRun same = run("confint", "--data", data, "--formula", "Reaction ~ Days + (1 | Subject)", "--method",
                "boot", "--n", "100", "--seed", "5", "--threads", "1");
        assertEquals(r.out().replaceAll("time.*", ""), same.out().replaceAll("time.*", ""));
        CliRun misplaced = run("confint", "--data", data, "--formula", "Reaction ~ Days + (1 | Subject)", "--n", "10");
        assertEquals(2, misplaced.code());
        assertEquals("jmixed: --n, --seed, --threads and --boot-type go with --method boot\n", misplaced.err());
        CliRun three = run("compare", "--data", data, "--formula", "Reaction ~ Days", "--formula",
                "Reaction ~ Days + (1 | Subject)", "--formula", "Reaction ~ Days + (Days | Subject)", "--bootstrap", "10");
        assertEquals(2, three.code());
        assertTrue(three.err().startsWith("jmixed: compare --bootstrap tests exactly two formulas"), three.err());
    }
}
