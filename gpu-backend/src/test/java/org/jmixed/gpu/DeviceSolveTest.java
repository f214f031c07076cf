package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.jmixed.JmixedException;
import org.jmixed.cpu.PlsEvaluatorAgreementTest;
import org.jmixed.cpu.blocked.BlockedPlsEvaluator;
import org.jmixed.cpu.dense.DenseKernelsProvider;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.junit.jupiter.api.Test;

/**
 * The device-side solve (β̂, û, conditional variances from the resident factor), emulated kernel by
 * kernel ({@link SolveEmulator}) after the emulated factorization, against the Java backend's
 * blocked evaluator at the same θ.
 */
class DeviceSolveTest {
    private static final double TOL = 1e-9;

    private static PlsSolution emulated(PlsProblem pr, double[] theta, boolean condVar, boolean byTiles) {
        PackedProblem pp = new PackedProblem(pr);
        KernelEmulator em = new KernelEmulator(pp);
        em.factor(theta, new PlsFactorSummary());
        SolveEmulator steps = new SolveEmulator(em, pp);
        steps.invertByTiles = byTiles;
        return DeviceSolve.run(steps, pp, condVar);
    }

    private static PlsSolution host(PlsProblem pr, double[] theta, boolean condVar) {
        try (BlockedPlsEvaluator ev = new BlockedPlsEvaluator(pr, DenseKernelsProvider.best())) {
            ev.factor(theta, new PlsFactorSummary());
            return ev.solve(condVar);
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        PlsEvaluatorAgreementTest.assertClose(expected, actual, TOL, what);
    }

    private static void assertSameSolution(PlsSolution cpu, PlsSolution gpu, String what) {
        assertClose(cpu.beta(), gpu.beta(), what + " beta");
        assertClose(cpu.u(), gpu.u(), what + " u");
        assertClose(cpu.unscaledVcovBeta(), gpu.unscaledVcovBeta(), what + " vcov");
        if (cpu.condVarU() == null) {
            assertNull(gpu.condVarU(), what);
            return;
        }
        List<double[]> c = cpu.condVarU();
        List<double[]> g = gpu.condVarU();
        assertEquals(c.size(), g.size(), what + " terms");
        for (int k = 0; k < c.size(); k++) {
            assertClose(c.get(k), g.get(k), what + " condVar term " + k);
        }
    }

    /** Shapes: one tile and several (q2 = 190 > 2·64), widths 1 to 3, two and three terms, term 0 alone, no term. */
    private static final int[][][] SHAPES = {
        {{40, 1}, {9, 2}},
        {{50, 2}, {20, 1}, {4, 2}},
        {{30, 3}, {70, 1}},
        {{60, 1}, {150, 1}, {20, 2}},
        {{25, 2}},
        {},
    };

    @Test
    void matchesTheJavaBackendOnEveryShapeWithAndWithoutConditionalVariances() {
        Random rnd = new Random(11);
        for (int s = 0; s < SHAPES.length; s++) {
            PlsProblem pr = RandomProblems.crossed(40 + s, 900, 1 + s % 3, SHAPES[s]);
            double[] theta = RandomProblems.theta(rnd, pr);
            for (boolean condVar : new boolean[] {false, true}) {
                assertSameSolution(host(pr, theta, condVar), emulated(pr, theta, condVar, true),
                        "shape " + s + (condVar ? " with" : " without") + " conditional variances");
            }
        }
    }

    @Test
    void theTiledInversionEqualsAPlainOneAsALibraryWouldDoIt() {
        PlsProblem pr = RandomProblems.crossed(7, 1200, 2, SHAPES[3]);
        double[] theta = RandomProblems.theta(new Random(2), pr);
        PlsSolution tiles = emulated(pr, theta, true, true);
        PlsSolution plain = emulated(pr, theta, true, false);
        assertSameSolution(plain, tiles, "tiles against plain trtri");
    }

    @Test
    void tilesRunBackwardFromTheLastPartialOne() {
        assertEquals(-1, DeviceSolve.lastTile(0));
        assertEquals(0, DeviceSolve.lastTile(64));
        assertEquals(64, DeviceSolve.lastTile(65));
        assertEquals(84_416, DeviceSolve.lastTile(84_432));
    }

    @Test
    void aFirstTermWiderThanTheKernelTakesIsRefusedInOneLineOnlyForConditionalVariances() {
        PlsProblem pr = RandomProblems.crossed(3, 400, 1, new int[][] {{8, 17}, {5, 1}});
        PackedProblem pp = new PackedProblem(pr);
        assertNull(DeviceSolve.refusal(pp, false));
        String why = DeviceSolve.refusal(pp, true);
        assertEquals("backend 'cuda': conditional variances on the device take a first random-effects term of at"
                + " most 16 columns per level; this one has 17: use --backend java", why);
        assertFalse(why.contains("\n"));
        KernelEmulator em = new KernelEmulator(pp);
        double[] theta = RandomProblems.theta(new Random(1), pr);
        em.factor(theta, new PlsFactorSummary());
        JmixedException e = assertThrows(JmixedException.class,
                () -> DeviceSolve.run(new SolveEmulator(em, pp), pp, true));
        assertEquals(why, e.getMessage());
        assertTrue(DeviceSolve.run(new SolveEmulator(em, pp), pp, false).u().length > 0);
    }
}
