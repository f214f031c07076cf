package org.jmixed.inference.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.junit.jupiter.api.Test;

class ModelComparisonBehaviourTest {
    static final FitOptions JAVA = FitOptions.defaults().withBackend("java");

    /** sleepstudy with a column x that is missing on every 10th row. */
    static DataFrame withMissing() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.data("sleepstudy.csv"));
        StringBuilder sb = new StringBuilder(lines.get(0)).append(",\"x\"\n");
        for (int i = 1; i < lines.size(); i++) {
            sb.append(lines.get(i)).append(',').append(i % 10 == 0 ? "NA" : Double.toString(Math.sin(i))).append('\n');
        }
        return CsvReader.parse(sb.toString(), "sleep_x.csv");
    }

    @Test
    void everyModelUsesTheSameRows() throws Exception {
        ComparisonTable t = ModelComparison.compare(withMissing(),
                List.of("Reaction ~ Days + (1 | Subject)", "Reaction ~ Days + x + (1 | Subject)"), false, JAVA);
        assertEquals(18, t.rowsDropped());
        assertEquals(162, t.nobs());
        for (ComparisonTable.Model m : t.models()) {
            assertEquals(162, m.fit().nobs(), m.formula());
        }
        assertTrue(t.notes().get(0).startsWith("18 of 180 rows dropped because of missing values in x"), t.notes().get(0));
    }

    @Test
    void remlOnlyWhenTheFixedPartsAreEqual() throws Exception {
        DataFrame d = CsvReader.read(SharedData.data("sleepstudy.csv"));
        ComparisonTable t = ModelComparison.compare(d,
                List.of("Reaction ~ 1 + (1 | Subject)", "Reaction ~ Days + (1 | Subject)"), true, JAVA);
        assertFalse(t.reml());
        assertFalse(t.models().get(0).fit().reml());
        assertTrue(t.notes().get(0).contains("REML likelihoods are not comparable"));
        ComparisonTable r = ModelComparison.compare(d,
                List.of("Reaction ~ Days + (Days | Subject)", "Reaction ~ Days + (1 | Subject)"), true, JAVA);
        assertTrue(r.reml());
        assertTrue(r.models().get(0).fit().reml());
        // sorted by npar: the formula given second comes first
        assertEquals("m2", r.models().get(0).name());
    }

    @Test
    void badInput() {
        DataFrame d = CsvReader.parse("y,x,g\n1,2,\"a\"\n", "d.csv");
        assertTrue(assertThrows(JmixedException.class, () -> ModelComparison.compare(d, List.of("y ~ x"), false, JAVA))
                .getMessage().contains("at least two formulas"));
        assertTrue(assertThrows(JmixedException.class,
                () -> ModelComparison.compare(d, List.of("y ~ x", "log(y) ~ x"), false, JAVA))
                .getMessage().contains("response 'log(y)' differs from 'y'"));
    }

    @Test
    void reports() throws Exception {
        DataFrame d = CsvReader.read(SharedData.data("sleepstudy.csv"));
        ComparisonTable t = ModelComparison.compare(d, List.of("Reaction ~ Days + (Days | Subject)",
                "Reaction ~ Days", "Reaction ~ Days + (1 | Subject)"), false, JAVA);
        String text = ComparisonReport.text(t, "sleepstudy.csv");
        assertTrue(text.startsWith("Data: sleepstudy.csv\nModels:\nm2: Reaction ~ Days\n"
                + "m3: Reaction ~ Days + (1 | Subject)\nm1: Reaction ~ Days + (Days | Subject)\n"), text);
        assertTrue(text.contains("   npar    AIC    BIC  logLik deviance  Chisq Df Pr(>Chisq)"), text);
        assertTrue(text.contains("m3    4 1802.1 1814.9 -897.04   1794.1 106.21  1  < 2.2e-16 ***"), text);
        assertTrue(text.contains("m3 vs m2: 1 variance, 1 parameter; Pr(>= Chisq) under chibar2(01) = "), text);
        JsonNode json = new ObjectMapper().readTree(ComparisonReport.json(t, "sleepstudy.csv"));
        assertEquals(3, json.get("models").size());
        assertTrue(json.get("models").get(0).get("Chisq").isNull());
        assertEquals(2, json.get("models").get(2).get("Df").asInt());
        assertEquals("0.5*chi2(1) + 0.5*chi2(2)",
                json.get("models").get(2).get("boundary").get("distribution").asText());
    }
}
