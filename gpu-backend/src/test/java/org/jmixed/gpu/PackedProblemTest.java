package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.jmixed.cpu.DensePlsReference;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host-side packing and the device algorithm (run by {@link KernelEmulator}, the kernels of
 * pls.cu in Java) against the dense reference: this is what the GPU computes, minus CUDA.
 */
class PackedProblemTest {
    private static final double TOL = 1e-10;

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= TOL * Math.max(1.0, Math.abs(expected)),
                what + ": expected " + expected + " got " + actual);
    }

    private static void check(PlsProblem pr, long seed) {
        PackedProblem pp = new PackedProblem(pr);
        KernelEmulator em = new KernelEmulator(pp);
        Random rnd = new Random(seed);
        for (int rep = 0; rep < 3; rep++) {
            double[] theta = RandomProblems.theta(rnd, pr);
            PlsFactorSummary s = new PlsFactorSummary();
            em.factor(theta, s);
            DensePlsReference ref = new DensePlsReference(pr, theta);
            assertClose(ref.logDetL, s.logDetL, "logDetL");
            assertClose(ref.logDetRX, s.logDetRX, "logDetRX");
            assertClose(ref.pwrss, s.pwrss, "pwrss");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void crossedTermsOfEveryWidth(int width) {
        check(RandomProblems.crossed(width, 300, 3, new int[][] {{40, width}, {9, width}}), width);
        check(RandomProblems.crossed(10 + width, 300, 2, new int[][] {{30, 1}, {12, width}, {5, 2}}), width);
    }

    @Test
    void oneTermAndNoTerm() {
        check(RandomProblems.crossed(4, 120, 2, new int[][] {{17, 2}}), 4);
        check(RandomProblems.crossed(5, 60, 3, new int[][] {}), 5);
    }

    @Test
    void denseBlockOfSeveralTilesExercisesTrsmAndSyrk() {
        // q2 = 150·1 + 30·2 = 210, n = 214: four 64-tiles, the last partial; 32-tiles of the update partial.
        PlsProblem pr = RandomProblems.crossed(6, 3000, 3, new int[][] {{400, 1}, {150, 1}, {30, 2}});
        assertEquals(214, new PackedProblem(pr).n);
        check(pr, 6);
    }

    @Test
    void layoutOfEntriesAndFillBlocks() {
        PlsProblem pr = RandomProblems.crossed(7, 200, 2, new int[][] {{20, 2}, {6, 1}, {4, 3}});
        PackedProblem pp = new PackedProblem(pr);
        assertEquals(6 + 12, pp.q2);
        assertEquals(pp.q2 + 3, pp.n);
        for (int c = 0; c < pp.levels0; c++) {
            int last = pp.entryPtr[c + 1] - 1;
            // Each level's column ends with the [X y] rows, identity on the left.
            assertEquals(pp.q2, pp.entryRow[last]);
            assertEquals(pp.p1, pp.entryH[last]);
            assertEquals(-1, pp.entryTemplate[last]);
            for (int e = pp.entryPtr[c]; e < last; e++) {
                assertTrue(pp.entryRow[e] + pp.entryH[e] <= pp.entryRow[e + 1], "rows ascend in level " + c);
            }
            for (long s = pp.scalarPtr[c]; s + 1 < pp.scalarPtr[c + 1]; s++) {
                assertTrue(pp.scalarRow[(int) s] < pp.scalarRow[(int) s + 1]);
            }
        }
        for (int f = 0; f < pp.nFill; f++) {
            assertTrue(pp.fillRow[f] >= pp.fillCol[f], "fill block " + f + " in the lower triangle");
            assertTrue(pp.fillRow[f] + pp.fillH[f] <= pp.n && pp.fillCol[f] + pp.fillW[f] <= pp.n);
        }
        // Last fill block: [X y]'[X y] at the corner.
        assertEquals(pp.q2, pp.fillRow[pp.nFill - 1]);
        assertEquals(pp.q2, pp.fillCol[pp.nFill - 1]);
        assertTrue(pp.schurProducts() > 0);
    }

    @Test
    void perfectFitGivesZeroPwrssNotAFailure() {
        // y in the column space of X: r² is zero up to rounding and must not be reported as a failure.
        PlsProblem base = RandomProblems.crossed(8, 100, 2, new int[][] {{10, 1}, {5, 1}});
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            y[i] = 2.0 + 3.0 * base.x()[i + 100];
        }
        org.jmixed.spi.PlsProblemBuilder b = new org.jmixed.spi.PlsProblemBuilder(y, base.x(), 2);
        for (int k = 0; k < 2; k++) {
            b.addTerm("g" + k, base.terms().get(k).nLevels(), base.levelOfRow().get(k), base.termColumns().get(k), 1);
        }
        PlsProblem pr = b.build();
        PlsFactorSummary s = new PlsFactorSummary();
        new KernelEmulator(new PackedProblem(pr)).factor(new double[] {1.0, 1.0}, s);
        double yy = pr.cross().xyTxy()[pr.cross().xyTxy().length - 1];
        assertTrue(s.pwrss >= 0 && s.pwrss < 1e-12 * yy, "pwrss " + s.pwrss + " vs y'y " + yy);
        assertTrue(Double.isFinite(s.logDetRX));
    }
}
