package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;

/**
 * The Schur update's fixed reduction order (pls.cu's schur_update, {@link SchurRows}), emulated:
 * the same bits whatever order the GPU runs its thread blocks and threads in.
 */
class SchurDeterminismTest {

    /** Many levels of term 0 hitting the same few target entries: where an atomic sum would wander. */
    private static PlsProblem collidingProblem() {
        return RandomProblems.crossed(21, 4000, 3, new int[][] {{600, 1}, {150, 1}, {40, 2}});
    }

    private static void assertSameBits(PlsFactorSummary a, PlsFactorSummary b, String what) {
        assertEquals(Double.doubleToRawLongBits(a.logDetL), Double.doubleToRawLongBits(b.logDetL), what + " logDetL");
        assertEquals(Double.doubleToRawLongBits(a.logDetRX), Double.doubleToRawLongBits(b.logDetRX), what + " logDetRX");
        assertEquals(Double.doubleToRawLongBits(a.pwrss), Double.doubleToRawLongBits(b.pwrss), what + " pwrss");
    }

    @Test
    void thirtyShuffledSchedulesGiveIdenticalBits() {
        PlsProblem pr = collidingProblem();
        PackedProblem pp = new PackedProblem(pr);
        double[] theta = RandomProblems.theta(new Random(3), pr);
        KernelEmulator ascending = new KernelEmulator(pp);
        PlsFactorSummary ref = new PlsFactorSummary();
        ascending.factor(theta, ref);
        double[] refDense = ascending.dense.clone();
        for (int shuffle = 0; shuffle < 30; shuffle++) {
            KernelEmulator em = new KernelEmulator(pp, new Random(1000 + shuffle));
            PlsFactorSummary s = new PlsFactorSummary();
            em.factor(theta, s);
            assertSameBits(ref, s, "schedule " + shuffle);
            assertArrayEquals(refDense, em.dense, "dense factor, schedule " + shuffle);
        }
    }

    @Test
    void binnedUpdateEqualsTheSerialLoopOverLevelsBitForBit() {
        // The reference order: dense[i, j] -= s_c for c = 0, 1, ... one level after another.
        PlsProblem pr = collidingProblem();
        PackedProblem pp = new PackedProblem(pr);
        double[] before = denseAfterFill(pp, pr);
        double[] serial = before.clone();
        KernelEmulator em = emulatorWithLr(pp, pr);
        for (int c = 0; c < pp.levels0; c++) {
            for (long a = pp.scalarPtr[c]; a < pp.scalarPtr[c + 1]; a++) {
                for (long b = pp.scalarPtr[c]; b <= a; b++) {
                    serial[pp.scalarRow[(int) a] + pp.scalarRow[(int) b] * pp.n] -= dot(pp, em.lr, (int) a, (int) b);
                }
            }
        }
        // The binned update, with a shuffled schedule, on the same input.
        double[] binned = before.clone();
        applyBinned(pp, em.lr, binned, new Random(5));
        assertArrayEquals(serial, binned);
    }

    @Test
    void anUnorderedSumWouldNotBeReproducible() {
        // What the atomics did: each target takes its levels' contributions in scheduling order.
        // Shown here so that the test above could fail: shuffled level orders change the bits.
        PlsProblem pr = collidingProblem();
        PackedProblem pp = new PackedProblem(pr);
        double[] before = denseAfterFill(pp, pr);
        KernelEmulator em = emulatorWithLr(pp, pr);
        double[] first = null;
        int differing = 0;
        for (int shuffle = 0; shuffle < 10; shuffle++) {
            double[] d = before.clone();
            int[] levels = shuffled(pp.levels0, new Random(shuffle));
            for (int c : levels) {
                for (long a = pp.scalarPtr[c]; a < pp.scalarPtr[c + 1]; a++) {
                    for (long b = pp.scalarPtr[c]; b <= a; b++) {
                        d[pp.scalarRow[(int) a] + pp.scalarRow[(int) b] * pp.n] -= dot(pp, em.lr, (int) a, (int) b);
                    }
                }
            }
            if (first == null) {
                first = d;
            } else if (!java.util.Arrays.equals(first, d)) {
                differing++;
            }
        }
        assertTrue(differing > 0, "shuffled level orders never changed a bit: the determinism test proves nothing");
    }

    @Test
    void everyPairHasOneOwnerRowAndLevelsAscendWithinARow() {
        PackedProblem pp = new PackedProblem(collidingProblem());
        SchurRows sr = pp.schurRows;
        long pairs = 0;
        for (int r = 0; r < pp.n; r++) {
            int lastLevel = -1;
            for (long k = sr.rowPtr[r]; k < sr.rowPtr[r + 1]; k++) {
                int a = (int) sr.incScalar[(int) k];
                int level = sr.incLevel[(int) k];
                assertTrue(level > lastLevel, "levels of row " + r + " ascend (and appear once)");
                lastLevel = level;
                assertEquals(r, pp.scalarRow[a]);
                assertTrue(a >= pp.scalarPtr[level] && a < pp.scalarPtr[level + 1]);
                pairs += a - pp.scalarPtr[level] + 1;
            }
        }
        assertEquals(pp.schurProducts(), pairs);
        assertEquals(pp.scalarRow.length, sr.incScalar.length);
    }

    private static int[] shuffled(int n, Random rnd) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }

    private static double dot(PackedProblem pp, double[] lr, int a, int b) {
        double s = 0;
        for (int m = 0; m < pp.w0; m++) {
            s += lr[(int) pp.scalarValue[a] + m * pp.scalarStride[a]] * lr[(int) pp.scalarValue[b] + m * pp.scalarStride[b]];
        }
        return s;
    }

    private static double[] theta(PlsProblem pr) {
        return RandomProblems.theta(new Random(3), pr);
    }

    /** An emulator whose lr holds the scaled entries at theta (from a full factorization). */
    private static KernelEmulator emulatorWithLr(PackedProblem pp, PlsProblem pr) {
        KernelEmulator em = new KernelEmulator(pp);
        em.factor(theta(pr), new PlsFactorSummary());
        return em;
    }

    /** The dense block as fill_dense leaves it, before the Schur update. */
    private static double[] denseAfterFill(PackedProblem pp, PlsProblem pr) {
        KernelEmulator em = new KernelEmulator(pp);
        em.stopBeforeSchur = true;
        em.factor(theta(pr), new PlsFactorSummary());
        return em.dense.clone();
    }

    private static void applyBinned(PackedProblem pp, double[] lr, double[] dense, Random schedule) {
        KernelEmulator em = new KernelEmulator(pp, schedule);
        System.arraycopy(lr, 0, em.lr, 0, lr.length);
        System.arraycopy(dense, 0, em.dense, 0, dense.length);
        em.schurUpdate();
        System.arraycopy(em.dense, 0, dense, 0, dense.length);
    }
}
