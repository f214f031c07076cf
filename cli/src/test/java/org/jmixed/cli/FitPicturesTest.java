package org.jmixed.cli;

import static org.jmixed.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void plotsAndReportBesideTheSummary() throws Exception {
        Path plots = dir.resolve("plots");
        Path report = dir.resolve("out/sleepstudy.html");
        CliRun r = run("fit", "--data", SharedData.data("sleepstudy.csv").toString(), "--formula",
                "Reaction ~ Days + (Days | Subject)", "--backend", "java", "--plots", plots.toString(),
                "--report=" + report);
        assertEquals(0, r.code(), r.err());
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
        CliRun r = run("fit", "--progress=yes", "--data", "x.csv", "--formula", "y ~ 1 + (1 | g)");
        assertEquals(Main.USAGE_ERROR, r.code());
        assertEquals("jmixed: option --progress takes no value\n", r.err());
        CliRun help = run("fit", "--help");
        assertTrue(help.out().contains("--plots DIR"));
        assertTrue(help.out().contains("--report FILE.html"));
        assertTrue(help.out().contains("--progress"));
        assertEquals(Main.USAGE_ERROR, run("fit", "--data", "x.csv", "--formula", "y ~ 1 + (1 | g)", "--plots").code());
    }

    @Test
    void unwritablePlotDirectoryIsAOneLineError() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        CliRun r = run("fit", "--data", SharedData.data("Dyestuff.csv").toString(), "--formula",
                "Yield ~ 1 + (1 | Batch)", "--backend", "java", "--plots", file.resolve("sub").toString());
        assertEquals(Main.INPUT_ERROR, r.code());
        assertTrue(r.err().startsWith("jmixed: cannot create plot directory '"), r.err());
        assertEquals(1, r.err().lines().count());
    }
}
