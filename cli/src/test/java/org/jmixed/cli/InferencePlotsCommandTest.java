package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plots DIR} of confint (profile), bootstrap, gibbs and lmlist: the files each writes. */
class InferencePlotsCommandTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private static String data(String file) {
        return SharedData.data(file).toString();
    }

    /** The file names written, each a PNG with its SVG beside it. */
    private List<String> pictures(Path d) throws Exception {
        List<String> names;
        try (Stream<Path> s = Files.list(d)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String n : names) {
            byte[] bytes = Files.readAllBytes(d.resolve(n));
            if (n.endsWith(".png")) {
                assertArrayEquals(PNG, Arrays.copyOf(bytes, 8), n);
                assertTrue(names.contains(n.replace(".png", ".svg")), n);
            } else {
                assertTrue(n.endsWith(".svg"), n);
                assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("<svg"), n);
            }
        }
        return names.stream().filter(n -> n.endsWith(".png")).map(n -> n.substring(0, n.length() - 4)).toList();
    }

    @Test
    void confintProfileWritesAZetaPlotPerParameter() throws Exception {
        Path d = dir.resolve("zeta");
        assertEquals(0, run("confint", "--data", data("Dyestuff.csv"), "--formula", "Yield ~ 1 + (1 | Batch)",
                "--plots", d.toString()), err.toString());
        assertEquals(List.of("zeta-Intercept", "zeta-sig01", "zeta-sigma"), pictures(d));
        assertEquals(2, run("confint", "--data", data("Dyestuff.csv"), "--formula", "Yield ~ 1 + (1 | Batch)",
                "--method", "wald", "--plots", d.toString()));
        assertTrue(err.toString().contains("--plots goes with --method profile"), err.toString());
    }

    @Test
    void bootstrapWritesAHistogramPerQuantity() throws Exception {
        Path d = dir.resolve("boot");
        assertEquals(0, run("bootstrap", "--data", data("Dyestuff.csv"), "--formula", "Yield ~ 1 + (1 | Batch)",
                "--n", "30", "--threads", "1", "--plots", d.toString()), err.toString());
        assertEquals(List.of("boot-Batch.Intercept", "boot-Intercept", "boot-objective", "boot-sd_Intercept_Batch",
                "boot-sigma"), pictures(d));
    }

    @Test
    void gibbsWritesTraceAcfAndDensityPerParameter() throws Exception {
        Path d = dir.resolve("gibbs");
        assertEquals(0, run("gibbs", "--data", data("pulp.csv"), "--formula", "bright ~ 1 + (1 | operator)",
                "--iterations", "300", "--chains", "2", "--plots", d.toString()), err.toString());
        List<String> names = pictures(d);
        assertEquals(15, names.size(), names.toString());
        assertTrue(names.containsAll(List.of("gibbs-trace-Intercept", "gibbs-acf-sd_b", "gibbs-density-sigma2_e")),
                names.toString());
    }

    @Test
    void lmlistWritesInterceptsAgainstSlopes() throws Exception {
        Path d = dir.resolve("lmlist");
        assertEquals(0, run("lmlist", "--data", data("sleepstudy.csv"), "--formula", "Reaction ~ Days | Subject",
                "--plots", d.toString()), err.toString());
        assertEquals(List.of("lmlist-Intercept-vs-Days"), pictures(d));
    }
}
