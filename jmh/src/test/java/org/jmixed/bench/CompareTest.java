package org.jmixed.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparator on small JMH-format fixtures (jmh/src/test/resources/compare). */
class CompareTest {

    private record Run(int status, String out, String err) {
    }

    private static String fixture(String name) {
        try {
            return Path.of(CompareTest.class.getResource("/compare/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run compare(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Compare.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void identicalFilesPass() {
        Run r = compare(fixture("base.json"), fixture("base.json"));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("no regression in 4 benchmark(s) compared"), r.out());
        assertFalse(r.out().contains("REGRESSION"), r.out());
    }

    @Test
    void plantedTwofoldSlowdownIsFlagged() {
        Run r = compare(fixture("base.json"), fixture("slower-2x.json"));
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("4 regression(s) in 4 benchmark(s) compared"), r.out());
        assertTrue(r.out().contains("+100.0%"), r.out());
    }

    @Test
    void twofoldSpeedupIsNotARegression() {
        Run r = compare(fixture("slower-2x.json"), fixture("base.json"));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("faster"), r.out());
        assertTrue(r.out().contains("-50.0%"), r.out());
    }

    @Test
    void changeWithinThresholdPasses() {
        Run r = compare(fixture("base.json"), fixture("slower-5pct.json"));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("+5.0%"), r.out());
        // The same 5% with a 3% threshold and disjoint intervals is a regression.
        Run strict = compare(fixture("base.json"), fixture("slower-5pct.json"), "--threshold", "3");
        assertEquals(1, strict.status(), strict.out());
    }

    @Test
    void overlappingConfidenceIntervalsPass() {
        Run r = compare(fixture("base.json"), fixture("slower-30pct-overlapping.json"));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("+30.0%"), r.out());
        assertTrue(r.out().contains("noise (CIs overlap)"), r.out());
    }

    @Test
    void benchmarksInOnlyOneFileAreListedNotFailed() {
        Run r = compare(fixture("base.json"), fixture("partial.json"));
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("only in base (not compared):\n  fit penicillin java"), r.out());
        assertTrue(r.out().contains("only in new (not compared):\n  evaluation nested java"), r.out());
        // insteval is reported in ms/op in the new file: converted, not a 1000-fold change.
        assertTrue(r.out().contains("no regression in 3 benchmark(s) compared"), r.out());
    }

    @Test
    void benchFileLayoutAndMissingIntervalsAreRead() throws IOException {
        List<BenchResult> results = BenchResult.read(Path.of(fixture("bench-format-no-ci.json")));
        assertEquals(1, results.size());
        assertFalse(results.get(0).hasInterval());
        // Without an interval the threshold alone decides: 2× slower is flagged ...
        Run r = compare(fixture("base.json"), fixture("bench-format-no-ci.json"));
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("n/a"), r.out());
        // ... and a generous threshold lets it pass.
        assertEquals(0, compare(fixture("base.json"), fixture("bench-format-no-ci.json"), "--threshold=150").status());
    }

    @Test
    void throughputIsBetterWhenHigher() {
        BenchResult base = new BenchResult("b.thr", java.util.Map.of(), "thrpt", 100, 1, 99, 101, "ops/s", Double.NaN);
        BenchResult lower = new BenchResult("b.thr", java.util.Map.of(), "thrpt", 50, 1, 49, 51, "ops/s", Double.NaN);
        assertEquals(Compare.Verdict.REGRESSION, Compare.judge(base, lower, 10).verdict());
        assertEquals(Compare.Verdict.FASTER, Compare.judge(lower, base, 10).verdict());
    }

    @Test
    void badUsageAndBadFilesExitTwo(@TempDir Path dir) throws IOException {
        assertEquals(2, compare(fixture("base.json")).status());
        assertEquals(2, compare(fixture("base.json"), fixture("base.json"), "--threshold", "-5").status());
        assertEquals(2, compare(fixture("base.json"), fixture("base.json"), "--bogus").status());
        Path notJson = Files.writeString(dir.resolve("x.json"), "not json");
        Run r = compare(fixture("base.json"), notJson.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("is not JSON"), r.err());
        assertEquals(2, compare(fixture("base.json"), dir.resolve("missing.json").toString()).status());
    }

    @Test
    void tableListsEveryResultWithAllocation() throws IOException {
        String t = BenchTool.table(BenchResult.read(Path.of(fixture("base.json"))));
        assertTrue(t.contains("evaluation  sleepstudy"), t);
        assertTrue(t.contains("2.10 µs"), t);
        assertTrue(t.contains("119 B"), t);
        assertTrue(t.contains("fit         penicillin"), t);
    }
}
