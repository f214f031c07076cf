package org.jmixed.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bookkeeping of ./bench lme4 on a recorded output of tools/r/lme4_bench.R (no R in tests). */
class Lme4ComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode recorded() throws IOException {
        try (InputStream in = Lme4ComparisonTest.class.getResourceAsStream("/lme4/sleepstudy-r.json")) {
            return JSON.readTree(in);
        }
    }

    private static Lme4Comparison sample() throws IOException {
        return new Lme4Comparison("sleepstudy", "Reaction ~ Days + (Days | Subject)", "examples/sleepstudy.csv", 180,
                "jmixed fit", new double[] {0.50, 0.40, 0.45}, 75, 1743.6, 3.9, recorded());
    }

    @Test
    void mediansAndRatios() throws IOException {
        Lme4Comparison c = sample();
        assertEquals(0.45, c.jmixedMedian(), 1e-12);
        assertEquals(0.134, c.lmerMedian(), 1e-12);  // even count: the mean of the middle two
        assertEquals(3.226 + 0.0549999999999997 + 0.134, c.lme4Whole(), 1e-12);
        assertEquals(0.134 / 0.45, c.ratioLmer(), 1e-12);
        assertEquals((3.226 + 0.0549999999999997 + 0.134) / 0.45, c.ratioWhole(), 1e-12);
        assertEquals(Double.NaN, Lme4Comparison.median(new double[0]));
        assertEquals(1743.6 - 1743.62827195995, c.criterionDifference(), 1e-9);
    }

    @Test
    void jsonRoundTripKeepsEverything() throws IOException {
        Lme4Comparison c = sample();
        ObjectNode o = c.toJson();
        assertEquals(0.45, o.path("jmixed").path("medianWallSeconds").asDouble(), 1e-12);
        assertEquals(c.ratioLmer(), o.path("ratios").path("lmerOverJmixed").asDouble(), 1e-12);
        assertEquals(c.ratioWhole(), o.path("ratios").path("wholeOverJmixed").asDouble(), 1e-12);
        assertEquals("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so",
                o.path("lme4").path("measured").path("lapack").asText());
        Lme4Comparison back = Lme4Comparison.fromJson(JSON.readTree(o.toString()));
        assertEquals(c.ratioLmer(), back.ratioLmer(), 1e-12);
        assertEquals(75, back.jmixedEvaluations());
        assertEquals(180, back.rows());
        assertEquals(3.9, back.rscriptSeconds(), 1e-12);
        assertEquals(1743.6, back.jmixedCriterion(), 1e-12);
    }

    @Test
    void tableShowsTimesRatiosAndBlas() throws IOException {
        String t = Lme4Comparison.table(List.of(sample()));
        assertTrue(t.contains("0.45 s (3)"), t);
        assertTrue(t.contains("0.13 s (2)"), t);
        assertTrue(t.contains("0.30"), t);   // 0.134 / 0.45
        assertTrue(t.contains("7.59"), t);   // 3.415 / 0.45
        assertTrue(t.contains("libopenblasp-r0.3.21.so"), t);
        assertTrue(t.contains("-0.03"), t);  // 1743.6 - 1743.628
    }

    @Test
    void benchTableReadsAComparisonFile(@TempDir Path dir) throws IOException {
        ObjectNode file = JSON.createObjectNode();
        file.put("format", Lme4Comparison.FORMAT);
        file.putArray("comparisons").add(sample().toJson());
        Path f = dir.resolve("lme4.json");
        Files.writeString(f, file.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = BenchTool.table(new String[] {f.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertEquals(0, rc);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("sleepstudy"));
    }

    @Test
    void evaluationCountFromTheSummaryLine() {
        assertEquals(52, Lme4Runner.evaluations("Backend: java (auto: ...); 52 evaluations in 1.0 s\n"));
        assertEquals(-1, Lme4Runner.evaluations("no count here"));
        assertEquals(237733.8, Lme4Runner.criterion("REML criterion at convergence: 237733.8\n"), 0.0);
        assertTrue(Double.isNaN(Lme4Runner.criterion("nothing")));
    }
}
