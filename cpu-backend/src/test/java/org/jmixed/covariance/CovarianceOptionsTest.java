package org.jmixed.covariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.formula.FormulaException;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.report.JsonReport;
import org.jmixed.report.SummaryText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights, offsets and structures: equivalences that must hold exactly, and bad input refused clearly. */
class CovarianceOptionsTest {
    static final FitOptions ML = FitOptions.defaults().withBackend("java").withReml(false);

    static DataFrame orthodont() {
        return CsvReader.read(SharedData.data("Orthodont.csv"));
    }

    static DataFrame sleepstudy() {
        return CsvReader.read(SharedData.data("sleepstudy.csv"));
    }

    /** A copy of sleepstudy with a weights column whose values are given per row (as text). */
    static DataFrame withWeights(Path dir, String... w) throws IOException {
        java.util.List<String> lines = Files.readAllLines(SharedData.data("sleepstudy.csv"));
        StringBuilder sb = new StringBuilder(lines.get(0)).append(",\"w\"\n");
        for (int i = 1; i < lines.size(); i++) {
            sb.append(lines.get(i)).append(',').append(i - 1 < w.length ? w[i - 1] : "1").append('\n');
        }
        Path f = dir.resolve("ss.csv");
        Files.writeString(f, sb.toString());
        return CsvReader.read(f);
    }

    @Test
    void unitWeightsChangeNothing(@TempDir Path dir) throws IOException {
        DataFrame d = withWeights(dir);
        String formula = "Reaction ~ Days + (Days | Subject)";
        FitResult plain = LinearMixedModel.fit(d, formula, ML);
        FitResult weighted = LinearMixedModel.fit(d, formula, ML.withWeights("w"));
        assertEquals(plain.objective(), weighted.objective(), 1e-8 * Math.abs(plain.objective()));
        assertEquals(plain.df(), weighted.df());
        assertEquals("w", weighted.weights());
        assertTrue(SummaryText.format(weighted).contains("Weights: w"));
    }

    @Test
    void badWeightsNameColumnAndLine(@TempDir Path dir) throws IOException {
        String formula = "Reaction ~ Days + (1 | Subject)";
        JmixedException zero = assertThrows(JmixedException.class,
                () -> LinearMixedModel.fit(withWeights(dir, "1", "1", "0"), formula, ML.withWeights("w")));
        assertEquals("weights column 'w' has the value 0 on line 4; weights must be positive", zero.getMessage());
        JmixedException negative = assertThrows(JmixedException.class,
                () -> LinearMixedModel.fit(withWeights(dir, "-2"), formula, ML.withWeights("w")));
        assertTrue(negative.getMessage().contains("'w' has the value -2 on line 2"), negative.getMessage());
        JmixedException missing = assertThrows(JmixedException.class,
                () -> LinearMixedModel.fit(withWeights(dir, "1", "NA"), formula, ML.withWeights("w")));
        assertEquals("weights column 'w' is missing on line 3", missing.getMessage());
        JmixedException unknown = assertThrows(JmixedException.class,
                () -> LinearMixedModel.fit(sleepstudy(), formula, ML.withWeights("wt")));
        assertTrue(unknown.getMessage().startsWith("weights: unknown column 'wt'"), unknown.getMessage());
    }

    @Test
    void offsetIsTheSameAsSubtractingIt() {
        DataFrame d = sleepstudy();
        FitResult offset = LinearMixedModel.fit(d, "Reaction ~ 1 + offset(10 * Days) + (1 | Subject)", ML);
        FitResult shifted = LinearMixedModel.fit(d, "I(Reaction - 10 * Days) ~ 1 + (1 | Subject)", ML);
        assertEquals(shifted.objective(), offset.objective(), 1e-9 * Math.abs(shifted.objective()));
        assertEquals(shifted.fixef().estimate()[0], offset.fixef().estimate()[0], 1e-6);
        // fitted values include the offset, residuals are on the response's scale (as lme4)
        double[] f0 = shifted.fitted();
        double[] f1 = offset.fitted();
        assertEquals(f0[5] + 50.0, f1[5], 1e-6);
        assertEquals(shifted.residuals()[5], offset.residuals()[5], 1e-6);
        FormulaException inRandom = assertThrows(FormulaException.class,
                () -> LinearMixedModel.fit(d, "Reaction ~ Days + (offset(Days) | Subject)", ML));
        assertTrue(inRandom.getMessage().contains("offset(...) belongs to the fixed part"), inRandom.getMessage());
    }

    @Test
    void compoundSymmetryResidualsMatchARandomIntercept() {
        // With ρ ≥ 0, cs(Subject) and (1 | Subject) have the same marginal covariance: the same
        // likelihood on the same scale is what makes structures comparable.
        FitResult cs = LinearMixedModel.fit(orthodont(), "distance ~ age", ML.withResidual("cs(Subject)"));
        FitResult re = LinearMixedModel.fit(orthodont(), "distance ~ age + (1 | Subject)", ML);
        assertEquals(re.objective(), cs.objective(), 1e-7 * Math.abs(re.objective()));
        assertEquals(re.df(), cs.df());
        String json = JsonReport.format(cs);
        assertTrue(json.contains("\"residual\": {"), json);
        assertTrue(json.contains("\"structure\": \"cs(Subject)\""), json);
        assertTrue(json.contains("\"correlation\": "), json);
        assertTrue(SummaryText.format(cs).contains("Residual structure: cs(Subject)"));
    }

    @Test
    void identityOfOneColumnIsTheScalarTerm() {
        FitResult idn = LinearMixedModel.fit(orthodont(), "distance ~ age + idn(1 | Subject)", ML);
        FitResult re = LinearMixedModel.fit(orthodont(), "distance ~ age + (1 | Subject)", ML);
        assertEquals(re.objective(), idn.objective(), 1e-9 * Math.abs(re.objective()));
        FitResult cs = LinearMixedModel.fit(orthodont(), "distance ~ age + cs(age | Subject)", ML);
        assertEquals(2 + 2 + 1, cs.df());
        assertTrue(Arrays.stream(cs.theta()).allMatch(Double::isFinite));
        FormulaException doubleBar = assertThrows(FormulaException.class,
                () -> LinearMixedModel.fit(orthodont(), "distance ~ age + idn(age || Subject)", ML));
        assertTrue(doubleBar.getMessage().contains("idn() takes a single bar"), doubleBar.getMessage());
    }

    @Test
    void residualParametersCountInTheDegreesOfFreedom() {
        FitResult un = LinearMixedModel.fit(orthodont(), "distance ~ age", ML.withResidual("un(age | Subject)"));
        assertEquals(2 + 9 + 1, un.df());
        assertEquals(9, un.residualStructure().values().length);
        assertEquals("corr 8,10", un.residualStructure().names().get(3));
        FitResult diag = LinearMixedModel.fit(orthodont(), "distance ~ age", ML.withResidual("diag(Sex)"));
        assertEquals(2 + 1 + 1, diag.df());
        assertEquals(java.util.List.of("sd ratio Sex=Male"), diag.residualStructure().names());
    }

    @Test
    void badResidualSpecsAreNamed() {
        String f = "distance ~ age + (1 | Subject)";
        assertEquals("residual structure 'toeplitz(age | Subject)': unknown structure 'toeplitz' (known: "
                        + "diag(f), cs(g), ar1(t | g), car1(t | g) or un(f | g))",
                assertThrows(JmixedException.class,
                        () -> LinearMixedModel.fit(orthodont(), f, ML.withResidual("toeplitz(age | Subject)")))
                        .getMessage());
        assertTrue(assertThrows(JmixedException.class,
                () -> LinearMixedModel.fit(orthodont(), f, ML.withResidual("ar1(Subject)"))).getMessage()
                .contains("ar1() needs a time and a group"));
        assertTrue(assertThrows(JmixedException.class,
                () -> LinearMixedModel.fit(orthodont(), f, ML.withResidual("cs(Child)"))).getMessage()
                .contains("unknown column 'Child'"));
        assertTrue(assertThrows(JmixedException.class,
                () -> LinearMixedModel.fit(orthodont(), f, ML.withResidual("ar1(Sex | Subject)"))).getMessage()
                .contains("column 'Sex' must be numeric"));
        assertTrue(assertThrows(JmixedException.class,
                () -> LinearMixedModel.fit(orthodont(), f, ML.withResidual("un(Sex | Subject)"))).getMessage()
                .contains("appears twice within one level of 'Subject'"));
        // residual groups must be nested in the random-effects groups
        String nesting = assertThrows(JmixedException.class,
                () -> LinearMixedModel.fit(orthodont(), f, ML.withResidual("cs(Sex)"))).getMessage();
        assertTrue(nesting.contains("grouping factor 'Subject' varies within one residual group"), nesting);
        // de Leeuw's "free" mean with a diagonal dispersion: the likelihood has no maximum
        String unbounded = assertThrows(JmixedException.class, () -> LinearMixedModel.fit(orthodont(),
                "distance ~ age * Subject", ML.withResidual("diag(age)"))).getMessage();
        assertTrue(unbounded.contains("the likelihood is unbounded"), unbounded);
        // a fixed θ is for unstructured models only
        assertThrows(JmixedException.class, () -> LinearMixedModel.fit(orthodont(), f,
                ML.withResidual("cs(Subject)").withFixedTheta(new double[] {1.0})));
    }
}
