package org.jmixed.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.Test;

/** The benchmarks' setup on the small problems, without JMH: data found, θ, agreement, skips. */
class WorkloadTest {

    @Test
    void sleepstudyAtTheStartThetaMatchesLme4sStartingObjective() {
        Workload w = Workload.prepare("sleepstudy", "java");
        assertEquals(180, w.problem.n());
        assertArrayEquals(new double[] {1, 0, 1}, w.theta);
        assertTrue(Double.isFinite(w.objective) && w.objective > 1743.6, "objective " + w.objective);
        // The evaluation benchmark's unit of work.
        EvaluationBenchmark b = new EvaluationBenchmark();
        b.problem = "sleepstudy";
        b.backend = "java";
        b.setUp();
        try {
            assertEquals(w.objective, b.evaluation(), 1e-9 * w.objective);
        } finally {
            b.tearDown();
        }
    }

    @Test
    void penicillinFitAsBenchmarked() {
        FitBenchmark b = new FitBenchmark();
        b.problem = "penicillin";
        b.backend = "java";
        b.setUp();
        FitResult fit = b.fit();
        assertEquals(330.86, fit.objective(), 0.01);
    }

    @Test
    void unavailableBackendsAreSkippedWithAClearMessage() {
        Workload.BackendSkipped e = assertThrows(Workload.BackendSkipped.class,
                () -> Workload.prepare("sleepstudy", "no-such-backend"));
        assertTrue(e.getMessage().startsWith("SKIPPED: backend 'no-such-backend' is not on the class path"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Workload.prepare("no-such-problem", "java"));
    }

    @Test
    void unavailableBackendOnTheClassPathIsSkippedWithItsReason() {
        Workload.BackendSkipped e = assertThrows(Workload.BackendSkipped.class,
                () -> Workload.prepare("sleepstudy", "test-unavailable"));
        assertEquals("SKIPPED: backend 'test-unavailable' is unavailable here: no such device (test)", e.getMessage());
        // ./bench passes JMH only the available ones and reports the others.
        java.io.ByteArrayOutputStream skipped = new java.io.ByteArrayOutputStream();
        String names = BenchTool.availableBackends(new java.io.PrintStream(skipped, true));
        assertTrue(names.contains("java") && names.contains("test-disagreeing") && !names.contains("test-unavailable"),
                names);
        assertTrue(skipped.toString().contains("skipping backend 'test-unavailable': no such device (test)"),
                skipped.toString());
    }

    @Test
    void disagreeingBackendIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Workload.prepare("penicillin", "test-disagreeing"));
        assertTrue(e.getMessage().startsWith("refusing to benchmark: backend 'test-disagreeing' disagrees with 'java' "
                + "on problem 'penicillin'"), e.getMessage());
    }

    @Test
    void nestedSimulatorIsDeterministicAndFits() {
        DataFrame a = NestedSimulator.simulate(2_000, 4, 5, 10, 7);
        DataFrame b = NestedSimulator.simulate(2_000, 4, 5, 10, 7);
        assertEquals(2_000, a.nrows());
        assertEquals(a.column("y").numericValue(1999), b.column("y").numericValue(1999));
        FitResult fit = LinearMixedModel.fit(a, NestedSimulator.FORMULA, FitOptions.defaults());
        assertEquals(3, fit.ngroups().size());
        assertEquals(200, fit.ngroups().values().stream().mapToInt(Integer::intValue).max().orElse(0));
        assertEquals(0.5, fit.fixef().estimate()[1], 0.1);
    }
}
