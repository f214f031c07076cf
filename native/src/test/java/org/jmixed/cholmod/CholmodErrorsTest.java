package org.jmixed.cholmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jmixed.spi.Backends;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsBackend;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;

/** Availability, clear errors for bad input and for a closed evaluator. */
class CholmodErrorsTest {

    @Test
    void backendIsRegisteredAndAvailable() {
        PlsBackend b = Backends.all().stream().filter(x -> x.name().equals("cholmod")).findFirst().orElseThrow();
        // CHOLMOD tests never skip: a missing library fails here, with the reason.
        assertEquals(Optional.empty(), b.unavailableReason());
        assertTrue(b.description().contains("CHOLMOD 3."), b.description());
        PlsProblem pr = Problems.crossed(1, 200, 30, 4);
        double seconds = b.estimatedSecondsPerEvaluation(pr).orElseThrow();
        assertTrue(seconds > 0 && seconds < 1, "estimate " + seconds);
    }

    @Test
    void nonPositiveDefiniteInputIsAClearError() {
        PlsProblem good = Problems.nested(3, 300, 40, 4, 5);
        CrossProducts c = good.cross();
        List<double[]> zTz = new ArrayList<>();
        for (int k = 0; k < good.terms().size(); k++) {
            double[] v = c.zTz(k).clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];   // −Z'Z: Λ'(−Z'Z)Λ + I is indefinite for θ = 1
            }
            zTz.add(v);
        }
        List<double[]> zTxy = new ArrayList<>();
        for (int k = 0; k < good.terms().size(); k++) {
            zTxy.add(c.zTxy(k));
        }
        org.jmixed.spi.BlockSparseMatrix[][] off = new org.jmixed.spi.BlockSparseMatrix[good.terms().size()][good.terms().size()];
        for (int k = 0; k < good.terms().size(); k++) {
            for (int j = 0; j < k; j++) {
                off[k][j] = c.zTzOff(k, j);
            }
        }
        PlsProblem bad = new PlsProblem(good.n(), good.p(), good.terms(), new CrossProducts(zTz, off, zTxy, c.xyTxy()),
                good.y(), good.x(), good.levelOfRow(), good.termColumns());
        double[] ones = new double[bad.thetaLength()];
        java.util.Arrays.fill(ones, 1.0);
        ones[1] = 0.0;   // the off-diagonal of the slope term
        try (CholmodPlsEvaluator ev = new CholmodPlsEvaluator(bad)) {
            CholmodException e = assertThrows(CholmodException.class,
                    () -> ev.factor(ones, new PlsFactorSummary()));
            assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> ev.solve(false));
            // The evaluator stays usable: at θ = 0 the matrix is I.
            PlsFactorSummary s = new PlsFactorSummary();
            ev.factor(new double[bad.thetaLength()], s);
            assertEquals(0.0, s.logDetL, 1e-12);
        }
    }

    @Test
    void nonFiniteThetaIsAClearError() {
        PlsProblem pr = Problems.crossed(2, 100, 20, 3);
        try (CholmodPlsEvaluator ev = new CholmodPlsEvaluator(pr)) {
            double[] th = {1.0, Double.NaN, 1.0};
            CholmodException e = assertThrows(CholmodException.class, () -> ev.factor(th, new PlsFactorSummary()));
            assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ev.factor(new double[2], new PlsFactorSummary()));
        }
    }

    @Test
    void closedEvaluatorFailsClearly() {
        PlsProblem pr = Problems.crossed(4, 100, 20, 3);
        CholmodPlsEvaluator ev = new CholmodPlsEvaluator(pr);
        PlsFactorSummary s = new PlsFactorSummary();
        ev.factor(new double[] {1, 1, 1}, s);
        ev.close();
        ev.close();   // idempotent
        for (Runnable call : new Runnable[] {() -> ev.factor(new double[] {1, 1, 1}, s), () -> ev.solve(true),
                ev::description}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
            assertEquals("evaluator is closed", e.getMessage());
        }
    }
    /**
     * Allocations CHOLMOD cannot make: 512 GiB (more than this machine has: out of memory) and
     * 2^60 doubles (CHOLMOD 3 reports it as out of memory or too large). The call returns null and
     * the status; the error is one line saying which, and the workspace is freed.
     */
    @Test
    void outOfMemoryAndTooLargeAreOneLineErrors() {
        CholmodRuntime.require();
        try (CholmodLibrary.cholmod_common c = new CholmodLibrary.cholmod_common()) {
            assertTrue(CholmodLibrary.cholmod_l_start(c) != 0);
            CholmodPlsEvaluator.configure(c);
            CholmodLibrary.cholmod_dense d = CholmodLibrary.cholmod_l_allocate_dense(1L << 36, 1, 1L << 36,
                    CholmodLibrary.CHOLMOD_REAL, c);
            assertTrue(d == null || d.isNull());
            String oom = CholmodException.failed("cholmod_l_allocate_dense", c.status()).getMessage();
            assertEquals(CholmodException.OUT_OF_MEMORY, c.status(), oom);
            assertTrue(oom.startsWith("CHOLMOD: cholmod_l_allocate_dense failed (out of memory") && !oom.contains("\n"), oom);
            d = CholmodLibrary.cholmod_l_allocate_dense(1L << 40, 1L << 20, 1L << 40, CholmodLibrary.CHOLMOD_REAL, c);
            assertTrue(d == null || d.isNull());
            String huge = CholmodException.failed("cholmod_l_allocate_dense", c.status()).getMessage();
            assertTrue(c.status() == CholmodException.TOO_LARGE || c.status() == CholmodException.OUT_OF_MEMORY, huge);
            assertTrue(huge.contains("too large") || huge.contains("out of memory"), huge);
            CholmodLibrary.cholmod_l_finish(c);
        }
    }
}
