package org.jmixed.cli;

import static org.jmixed.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.Test;

/** {@code compare} across residual structures: one --residual per --formula, as de Leeuw's growth-curve table. */
class CompareCovarianceCommandTest {
    private static final String MEAN = "distance ~ 1 + factor(age)";

    @Test
    void eachModelIsFittedWithItsOwnResidualStructure() throws Exception {
        String data = SharedData.data("Orthodont.csv").toString();
        CliRun r = run("compare", "--data", data, "--formula", MEAN, "--formula", MEAN, "--residual", "none",
                "--residual", "un(age | Subject)", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode models = new ObjectMapper().readTree(r.out()).get("models");
        double unstructured = LinearMixedModel.fit(CsvReader.read(SharedData.data("Orthodont.csv")), MEAN,
                FitOptions.defaults().withReml(false).withResidual("un(age | Subject)")).objective();
        assertEquals(unstructured, models.get(1).get("deviance").asDouble(), 1e-9 * unstructured);
        assertEquals("un(age | Subject)", models.get(1).get("residual").asText());
        assertFalse(models.get(0).has("residual"));
        // Residual parameters are not variances of random effects: no boundary mixture.
        assertFalse(models.get(1).has("boundary") && !models.get(1).get("boundary").isNull(), r.out());
        assertEquals(models.get(1).get("npar").asInt() - models.get(0).get("npar").asInt(),
                models.get(1).get("Df").asInt());
    }

    @Test
    void residualCountMustMatch() {
        String data = SharedData.data("Orthodont.csv").toString();
        CliRun r = run("compare", "--data", data, "--formula", MEAN, "--formula", MEAN, "--formula", MEAN,
                "--residual", "none", "--residual", "diag(age)");
        assertEquals(2, r.code());
        assertEquals("jmixed: give --residual once (for every model) or once per --formula (got 2 for 3 formulas)\n",
                r.err());
        assertTrue(run("compare", "--help").out().contains("--residual SPEC"));
    }
}
