package org.jmixed.cli;

import static org.jmixed.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inference commands with {@code --weights}, offsets and {@code --residual}, end to end. */
class StructuredInferenceCliTest {
    private static final String WEIGHTED = "distance ~ age + offset(age / 4) + (1 | Subject)";

    @TempDir
    Path dir;

    /** Orthodont with a weights column w = 1, 1.5, 2, 1, ... */
    private Path weighted() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.data("Orthodont.csv"));
        List<String> out = new ArrayList<>();
        out.add(lines.get(0) + ",\"w\"");
        for (int i = 1; i < lines.size(); i++) {
            out.add(lines.get(i) + "," + (1 + (i % 3) / 2.0));
        }
        Path p = dir.resolve("orthodont_w.csv");
        Files.write(p, out);
        return p;
    }

    @Test
    void predictWithOffsetAndWeightedIntervals() throws IOException {
        String data = weighted().toString();
        Path newdata = dir.resolve("new.csv");
        Files.writeString(newdata, "age,Subject,w\n9,M01,1\n9,M01,4\n11,X99,2\n");
        CliRun r = run("predict", "--data", data, "--formula", WEIGHTED, "--weights", "w", "--newdata",
                newdata.toString(), "--interval");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().lines().toList();
        assertEquals(4, rows.size(), r.out());
        // the same prediction, a narrower interval for the row with four times the weight
        String[] a = rows.get(1).split(",");
        String[] b = rows.get(2).split(",");
        int fit = List.of(rows.get(0).split(",")).indexOf("\"fit\"");
        assertEquals(a[fit], b[fit]);
        double widthA = Double.parseDouble(a[fit + 2]) - Double.parseDouble(a[fit + 1]);
        double widthB = Double.parseDouble(b[fit + 2]) - Double.parseDouble(b[fit + 1]);
        assertTrue(widthB < widthA, rows.toString());
        Path noWeights = dir.resolve("new2.csv");
        Files.writeString(noWeights, "age,Subject\n9,M01\n");
        CliRun missing = run("predict", "--data", data, "--formula", WEIGHTED, "--weights", "w", "--newdata",
                noWeights.toString(), "--interval");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("jmixed: new2.csv: no column 'w'; --interval for a model fitted with"
                + " --weights w needs each new row's weight"), missing.err());
        Path noOffset = dir.resolve("new3.csv");
        Files.writeString(noOffset, "Subject\nM01\n");
        CliRun offset = run("predict", "--data", data, "--formula", WEIGHTED, "--newdata", noOffset.toString());
        assertEquals(1, offset.code());
        assertTrue(offset.err().contains("no column 'age'"), offset.err());
    }

    @Test
    void confintAnovaAndCompareTakeWeights() throws IOException {
        String data = weighted().toString();
        CliRun ci = run("confint", "--data", data, "--formula", WEIGHTED, "--weights", "w", "--parm", "age");
        assertEquals(0, ci.code(), ci.err());
        assertTrue(ci.out().contains("age"), ci.out());
        CliRun anova = run("anova", "--data", data, "--formula", WEIGHTED, "--weights", "w", "--ddf", "kenward-roger");
        assertEquals(0, anova.code(), anova.err());
        CliRun ar1 = run("anova", "--data", data, "--formula", "distance ~ age * Sex + (1 | Subject)", "--residual",
                "ar1(age | Subject)");
        assertEquals(0, ar1.code(), ar1.err());
        assertTrue(ar1.out().contains("age:Sex"), ar1.out());
        CliRun boot = run("compare", "--data", data, "--formula", "distance ~ age + (1 | Subject)", "--formula",
                "distance ~ age + (age | Subject)", "--weights", "w", "--bootstrap", "10", "--seed", "1");
        assertEquals(0, boot.code(), boot.err());
        CliRun ar1Boot = run("compare", "--data", data, "--formula", "distance ~ age + (1 | Subject)", "--formula",
                "distance ~ age + (age | Subject)", "--residual", "ar1(age | Subject)", "--bootstrap", "5");
        assertEquals(0, ar1Boot.code(), ar1Boot.err());
        assertTrue(ar1Boot.out().contains("Parametric bootstrap"), ar1Boot.out());
        CliRun refused = run("compare", "--data", data, "--formula", "distance ~ age + (1 | Subject)", "--formula",
                "distance ~ age + (age | Subject)", "--residual", "none", "--residual", "ar1(age | Subject)",
                "--bootstrap", "10");
        assertEquals(2, refused.code());
    }

    @Test
    void rlrtRefusesResidualStructuresBootstrapTakesThem() {
        String data = SharedData.data("Orthodont.csv").toString();
        CliRun rlrt = run("rlrt", "--data", data, "--formula", "distance ~ age + (1 | Subject)", "--term", "Subject",
                "--residual", "ar1(age | Subject)");
        assertEquals(1, rlrt.code());
        assertTrue(rlrt.err().startsWith("jmixed: rlrt: not defined with --residual 'ar1(age | Subject)'"), rlrt.err());
        assertEquals(1, rlrt.err().strip().lines().count());
        CliRun boot = run("bootstrap", "--data", data, "--formula", "distance ~ age + (1 | Subject)", "--n", "5",
                "--residual", "ar1(age | Subject)", "--format", "json");
        assertEquals(0, boot.code(), boot.err());
        assertTrue(boot.out().contains("residual.rho"), boot.out());
        CliRun wald = run("confint", "--data", data, "--formula", "distance ~ age", "--residual", "un(age | Subject)",
                "--method", "wald");
        assertEquals(0, wald.code(), wald.err());
    }
}
