package org.jmixed.cli;

import static org.jmixed.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jmixed compare}, {@code jmixed predict}, {@code fit --lrtest} and {@code fit --save} end to end. */
class CompareAndPredictCommandTest {
    private static String data(String f) {
        return SharedData.data(f).toString();
    }

    @Test
    void compareTextAndJson() throws Exception {
        CliRun r = run("compare", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)",
                "--formula", "bright ~ 1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("m2: bright ~ 1\nm1: bright ~ 1 + (1 | operator)\n"), r.out());
        assertTrue(r.out().contains("m1 vs m2: 1 variance, 1 parameter; Pr(>= Chisq) under chibar2(01) = 0.05451"),
                r.out());
        CliRun j = run("compare", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)",
                "--formula", "bright ~ 1", "--format", "json");
        JsonNode json = new ObjectMapper().readTree(j.out());
        assertEquals(2.56837136475262, json.get("models").get(1).get("Chisq").asDouble(), 1e-6);
        assertTrue(j.out().startsWith("{\n  \"data\": \"pulp.csv\",\n"), j.out());
    }

    @Test
    void compareUsage() {
        CliRun r = run("compare", "--data", data("pulp.csv"), "--formula", "bright ~ 1");
        assertEquals(2, r.code());
        assertEquals("jmixed: compare needs --formula at least twice (got 1); try 'jmixed compare --help'\n", r.err());
        assertEquals(0, run("compare", "--help").code());
        assertTrue(run("--help").out().contains("  compare "));
        CliRun bad = run("compare", "--data", data("pulp.csv"), "--formula", "bright ~ 1", "--formula", "y ~ 1");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("jmixed: formula 'y ~ 1': response 'y' differs"), bad.err());
    }

    @Test
    void fitSaveThenPredictEqualsPredictFromData(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("orth.json");
        String formula = "distance ~ age * Sex + (1 | Subject)";
        Path newdata = dir.resolve("new.csv");
        Files.writeString(newdata, "\"age\",\"Sex\",\"Subject\"\n8,\"Male\",\"M01\"\n14,\"Female\",\"X1\"\n");
        CliRun fit = run("fit", "--data", data("Orthodont.csv"), "--formula", formula, "--save", model.toString());
        assertEquals(0, fit.code(), fit.err());
        CliRun fromModel = run("predict", "--model", model.toString(), "--newdata", newdata.toString());
        CliRun fromData = run("predict", "--data", data("Orthodont.csv"), "--formula", formula,
                "--newdata", newdata.toString());
        assertEquals(0, fromModel.code(), fromModel.err());
        assertEquals(fromData.out(), fromModel.out());
        String[] lines = fromModel.out().split("\n");
        assertEquals("\"age\",\"Sex\",\"Subject\",\"fit\",\"new_levels\"", lines[0]);
        assertTrue(lines[2].endsWith(",\"Subject\""), lines[2]);
        // lme4: predict(m, newdata, allow.new.levels = TRUE) for the new subject = population value
        CliRun pop = run("predict", "--model", model.toString(), "--newdata", newdata.toString(), "--population",
                "--format", "json");
        JsonNode p = new ObjectMapper().readTree(pop.out());
        assertEquals(Double.parseDouble(lines[2].split(",")[3]), p.get("fit").get(1).asDouble(), 1e-12);
    }

    @Test
    void predictErrors(@TempDir Path dir) throws Exception {
        Path newdata = dir.resolve("new.csv");
        Files.writeString(newdata, "\"age\",\"Sex\",\"Subject\"\n8,\"Other\",\"M01\"\n");
        CliRun r = run("predict", "--data", data("Orthodont.csv"), "--formula", "distance ~ age + Sex + (1 | Subject)",
                "--newdata", newdata.toString());
        assertEquals(1, r.code());
        assertEquals("jmixed: new.csv line 2, column 'Sex': level 'Other' did not occur in the training data"
                + " (levels: Female, Male)\n", r.err().replace(newdata.toString(), "new.csv"));
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"format\": \"jmixed-model\", \"version\": 7}");
        CliRun v = run("predict", "--model", model.toString(), "--newdata", newdata.toString());
        assertEquals(1, v.code());
        assertTrue(v.err().contains("has format version 7; this jmixed reads version 1"), v.err());
        CliRun both = run("predict", "--model", model.toString(), "--data", "x.csv", "--newdata", newdata.toString());
        assertEquals(2, both.code());
    }

    @Test
    void fitLrtest() throws Exception {
        CliRun t = run("fit", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days + (1 | Subject)",
                "--ml", "--lrtest");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("Wald chi2(1) = 170.45, Prob > chi2 = 0.0000\n"
                + "LR test vs. linear model: chibar2(01) = 106.21, Prob >= chibar2 = 0.0000\n"), t.out());
        CliRun j = run("fit", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days + (1 | Subject)",
                "--ml", "--lrtest", "--format", "json");
        JsonNode json = new ObjectMapper().readTree(j.out());
        assertEquals(106.214413351138, json.get("header_tests").get("lr_vs_linear").get("chisq").asDouble(), 1e-5);
        assertEquals(1, json.get("header_tests").get("wald").get("df").asInt());
        assertEquals(180, json.get("nobs").asInt());
    }
}
