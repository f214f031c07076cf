package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jmixed fit --plots DIR --report FILE --progress}, end to end. */
class FitPicturesTest {
    @TempDir
    Path dir;

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
    void plotsAndReportBesideTheSummary() throws Exception {
        Path plots = dir.resolve("plots");
        Path report = dir.resolve("out/sleepstudy.html");
        Run r = run("fit", "--data", SharedData.data("sleepstudy.csv").toString(), "--formula",
                "Reaction ~ Days + (Days | Subject)", "--backend", "java", "--plots", plots.toString(),
                "--report=" + report);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Linear mixed model fit by REML"), r.out());
        Set<String> files;
        try (Stream<Path> s = Files.list(plots)) {
            files = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        for (String name : new String[] {"residuals-vs-fitted", "qq-residuals", "qq-ranef-Subject-Intercept",
                "qq-ranef-Subject-Days", "caterpillar-Subject", "panels-Subject"}) {
            assertTrue(files.contains(name + ".png"), name + ".png in " + files);
            assertTrue(files.contains(name + ".svg"), name + ".svg in " + files);
        }
        assertEquals(12, files.size());
        String html = Files.readString(report);
        assertTrue(html.contains("Reaction ~ Days + (Days | Subject)"));
        assertTrue(html.contains("data:image/svg+xml;base64,"));
    }

    @Test
    void progressOptionTakesNoValueAndAppearsInHelp() {
        Run r = run("fit", "--progress=yes", "--data", "x.csv", "--formula", "y ~ 1 + (1 | g)");
        assertEquals(Main.USAGE_ERROR, r.exit());
        assertEquals("jmixed: option --progress takes no value\n", r.err());
        Run help = run("fit", "--help");
        assertTrue(help.out().contains("--plots DIR"));
        assertTrue(help.out().contains("--report FILE.html"));
        assertTrue(help.out().contains("--progress"));
        assertEquals(Main.USAGE_ERROR, run("fit", "--data", "x.csv", "--formula", "y ~ 1 + (1 | g)", "--plots").exit());
    }

    @Test
    void unwritablePlotDirectoryIsAOneLineError() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Run r = run("fit", "--data", SharedData.data("Dyestuff.csv").toString(), "--formula",
                "Yield ~ 1 + (1 | Batch)", "--backend", "java", "--plots", file.resolve("sub").toString());
        assertEquals(Main.INPUT_ERROR, r.exit());
        assertTrue(r.err().startsWith("jmixed: cannot create plot directory '"), r.err());
        assertEquals(1, r.err().lines().count());
    }
}
