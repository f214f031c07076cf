package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.FixedEffects;
import org.jmixed.model.VarianceComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;
    Path csv;

    /** What the stub fitter was asked to do. */
    final List<FitOptions> seen = new ArrayList<>();
    String stdout;
    String stderr;

    @BeforeEach
    void data() throws IOException {
        csv = dir.resolve("d.csv");
        Files.writeString(csv, "\"y\",\"g\"\n1,\"a\"\n2,\"b\"\n");
    }

    private static FitResult tinyFit(String formula, FitOptions o) {
        return FitResult.builder()
                .formula(formula)
                .reml(o.reml())
                .nobs(2)
                .ngroups(Map.of("g", 2))
                .fixef(new FixedEffects(List.of("(Intercept)"), new double[] {1.5}, new double[] {0.5},
                        new double[] {0.25}))
                .theta(new double[] {0.5})
                .sigma(1)
                .varcorr(List.of(new VarianceComponent("g", "(Intercept)", null, 0.25, 0.5),
                        new VarianceComponent("Residual", null, null, 1, 1)))
                .objective(5)
                .df(3)
                .fitted(new double[] {1.5, 1.5})
                .residuals(new double[] {-0.5, 0.5})
                .backend(o.backend())
                .evaluations(7)
                .build();
    }

    private int run(FitCommand.Fitter fitter, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(fitter).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    private int run(String... args) {
        return run((data, formula, o) -> {
            seen.add(o);
            return tinyFit(formula, o);
        }, Map.of(), args);
    }

    private void assertOneErrorLine(String startsWith) {
        assertTrue(stderr.startsWith("jmixed: " + startsWith), stderr);
        assertEquals(1, stderr.lines().count(), stderr);
        assertTrue(stderr.endsWith("\n"));
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--help"));
        assertTrue(stdout.startsWith("Usage: jmixed <command>"), stdout);
        assertTrue(stdout.contains("fit"));
        assertEquals("", stderr);
        assertEquals(0, run("-h"));
        assertEquals(0, run("fit", "--help"));
        assertTrue(stdout.startsWith("Usage: jmixed fit --data FILE.csv"), stdout);
        assertTrue(stdout.contains("--max-evaluations N"));
        assertEquals(0, run("help", "fit"));
        assertTrue(stdout.startsWith("Usage: jmixed fit"));
        assertEquals(0, run("--version"));
        assertTrue(stdout.matches("jmixed \\S+ \\(Java .*\\)\\n"), stdout);
        assertTrue(seen.isEmpty());
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        assertEquals(2, run());
        assertOneErrorLine("no command given");
        assertEquals(2, run("fitt"));
        assertOneErrorLine("unknown command 'fitt'");
        assertEquals(2, run("--verbose"));
        assertOneErrorLine("unknown option '--verbose'");
        assertEquals(2, run("fit", "--data", csv.toString(), "--formula", "y ~ 1 + (1|g)", "--bogus"));
        assertOneErrorLine("unknown option '--bogus' for 'fit'");
        assertEquals(2, run("fit", "--data", csv.toString(), "--formula"));
        assertOneErrorLine("option --formula needs a value");
        assertEquals(2, run("fit", "--data", "--formula", "y ~ 1 + (1|g)"));
        assertOneErrorLine("option --data needs a value");
        assertEquals(2, run("fit", "--formula", "y ~ 1 + (1|g)"));
        assertOneErrorLine("fit needs --data");
        assertEquals(2, run("fit", "--data", csv.toString()));
        assertOneErrorLine("fit needs --formula");
        assertEquals(2, run("fit", "--data", csv.toString(), "--formula", "y ~ 1 + (1|g)", "--format", "xml"));
        assertOneErrorLine("--format must be text or json");
        assertEquals(2, run("fit", "--data", csv.toString(), "--formula", "y ~ 1 + (1|g)", "--max-evaluations", "0"));
        assertOneErrorLine("--max-evaluations must be a positive whole number");
        assertEquals(2, run("fit", "--data", csv.toString(), "--formula", "y ~ 1 + (1|g)", "--max-evaluations", "x"));
        assertOneErrorLine("--max-evaluations must be a positive whole number");
        assertEquals(2, run("fit", "--data", csv.toString(), "--formula", "y ~ 1 + (1|g)", "--ml", "--reml"));
        assertOneErrorLine("options --ml and --reml exclude each other");
        assertEquals(2, run("fit", "--data", csv.toString(), "--data", csv.toString(), "--formula", "y ~ 1"));
        assertOneErrorLine("option --data given more than once");
        assertEquals(2, run("fit", "extra", "--data", csv.toString(), "--formula", "y ~ 1"));
        assertOneErrorLine("unexpected argument 'extra'");
        assertEquals(2, run("fit", "--ml=yes", "--data", csv.toString(), "--formula", "y ~ 1"));
        assertOneErrorLine("option --ml takes no value");
        assertEquals("", stdout);
        assertTrue(seen.isEmpty());
    }

    @Test
    void optionsReachTheFitter() {
        assertEquals(0, run("fit", "--data", csv.toString(), "--formula", "y ~ 1 + (1 | g)"));
        assertEquals(FitOptions.defaults(), seen.get(0));
        assertTrue(stdout.startsWith("Linear mixed model fit by REML ['lmerMod']\nFormula: y ~ 1 + (1 | g)\n"
                + "   Data: d.csv\n"), stdout);
        assertEquals("", stderr);

        assertEquals(0, run("fit", "--ml", "--backend", "java", "--max-evaluations=50",
                "--data=" + csv, "--formula=y ~ 1 + (1 | g)", "--format", "text"));
        assertEquals(new FitOptions(false, "java", 50, null), seen.get(1));
        assertTrue(stdout.startsWith("Linear mixed model fit by maximum likelihood"), stdout);

        assertEquals(0, run("fit", "--reml", "--reml", "--data", csv.toString(), "--formula", "y ~ 1 + (1 | g)",
                "--format", "json"));
        assertTrue(seen.get(2).reml());
        assertTrue(stdout.startsWith("{\n  \"formula\": \"y ~ 1 + (1 | g)\",\n  \"reml\": true,\n"), stdout);
        assertTrue(stdout.endsWith("}\n"));
    }

    @Test
    void inputErrorsExitWithOne() {
        assertEquals(1, run("fit", "--data", dir.resolve("missing.csv").toString(), "--formula", "y ~ 1 + (1|g)"));
        assertOneErrorLine("data file '");
        assertTrue(stderr.contains("missing.csv' not found"));
        assertEquals(1, run("fit", "--data", dir.toString(), "--formula", "y ~ 1 + (1|g)"));
        assertOneErrorLine("data file '");

        FitCommand.Fitter bad = (d, f, o) -> {
            throw new JmixedException("formula: unknown variable 'z' in 'y ~ z'");
        };
        assertEquals(1, run(bad, Map.of(), "fit", "--data", csv.toString(), "--formula", "y ~ z"));
        assertOneErrorLine("formula: unknown variable 'z' in 'y ~ z'");
        assertEquals("", stdout);

        FitCommand.Fitter multiLine = (d, f, o) -> {
            throw new JmixedException("first\nsecond");
        };
        assertEquals(1, run(multiLine, Map.of(), "fit", "--data", csv.toString(), "--formula", "y ~ z"));
        assertOneErrorLine("first; second");
    }

    @Test
    void unexpectedFailuresAreOneLineUnlessDebugging() {
        FitCommand.Fitter broken = (d, f, o) -> {
            throw new IllegalStateException("boom");
        };
        assertEquals(1, run(broken, Map.of(), "fit", "--data", csv.toString(), "--formula", "y ~ 1"));
        assertOneErrorLine("internal error: IllegalStateException: boom");
        assertFalse(stderr.contains("\tat "));

        assertEquals(1, run(broken, Map.of("JMIXED_DEBUG", "1"), "fit", "--data", csv.toString(), "--formula", "y ~ 1"));
        assertTrue(stderr.startsWith("jmixed: internal error: IllegalStateException: boom\n"), stderr);
        assertTrue(stderr.contains("\tat "), stderr);
    }
}
