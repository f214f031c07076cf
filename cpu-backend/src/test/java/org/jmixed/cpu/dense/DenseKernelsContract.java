package org.jmixed.cpu.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@link DenseKernels} method against naive triple-loop references, on matrices embedded in
 * larger arrays (offset, leading dimension > rows) whose surroundings hold a sentinel that must
 * survive; sizes straddle the implementations' block sizes. Subclasses supply the implementation.
 */
abstract class DenseKernelsContract {

    static final double TOL = 1e-10;
    static final double SENTINEL = -7.25e33;
    static final int PAD = 3;   // lda = rows + PAD
    static final int OFF = 5;   // leading offset in the array

    abstract DenseKernels kernels();

    // ---- matrices embedded in sentinel-filled arrays -------------------------------------------

    /** A column-major rows × cols matrix at OFF in an array with ld = rows + PAD, rest = SENTINEL. */
    static final class Emb {
        final int rows, cols, ld;
        final double[] a;

        Emb(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.ld = rows + PAD;
            this.a = new double[OFF + ld * Math.max(cols, 1) + 2];
            java.util.Arrays.fill(a, SENTINEL);
        }

        double get(int i, int j) { return a[OFF + i + j * ld]; }
        void set(int i, int j, double v) { a[OFF + i + j * ld] = v; }

        /** The lower (incl. diagonal) or full contents as a dense double[rows][cols]. */
        double[][] dense(boolean lowerOnly) {
            double[][] d = new double[rows][cols];
            for (int j = 0; j < cols; j++) {
                for (int i = lowerOnly ? j : 0; i < rows; i++) {
                    d[i][j] = get(i, j);
                }
            }
            return d;
        }

        /** Every array slot outside the matrix (or its lower triangle) still holds the sentinel. */
        void assertOutsideUntouched(boolean lowerOnly, String what) {
            boolean[] inside = new boolean[a.length];
            for (int j = 0; j < cols; j++) {
                for (int i = lowerOnly ? j : 0; i < rows; i++) {
                    inside[OFF + i + j * ld] = true;
                }
            }
            for (int p = 0; p < a.length; p++) {
                if (!inside[p] && a[p] != SENTINEL) {
                    throw new AssertionError(what + ": array slot " + p + " outside the "
                            + (lowerOnly ? "lower triangle" : "matrix") + " was changed to " + a[p]);
                }
            }
        }
    }

    static Emb random(Random r, int rows, int cols) {
        Emb e = new Emb(rows, cols);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                e.set(i, j, r.nextDouble() * 2 - 1);
            }
        }
        return e;
    }

    /** Lower triangle of a random SPD matrix G·Gᵀ/n + I (well conditioned); upper stays SENTINEL. */
    static Emb randomSpd(Random r, int n) {
        double[][] g = new double[n][n];
        for (double[] row : g) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextDouble() * 2 - 1;
            }
        }
        Emb e = new Emb(n, n);
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                double s = 0;
                for (int p = 0; p < n; p++) {
                    s += g[i][p] * g[j][p];
                }
                e.set(i, j, s / n + (i == j ? 1.0 : 0.0));
            }
        }
        return e;
    }

    /** A well-conditioned lower-triangular matrix: diagonal in [1, 2], small off-diagonal. */
    static Emb randomLower(Random r, int n) {
        Emb e = new Emb(n, n);
        for (int j = 0; j < n; j++) {
            e.set(j, j, 1 + r.nextDouble());
            for (int i = j + 1; i < n; i++) {
                e.set(i, j, (r.nextDouble() * 2 - 1) / Math.sqrt(n));
            }
        }
        return e;
    }

    static void assertClose(double[][] expected, Emb actual, boolean lowerOnly, String what) {
        double scale = 0;
        for (double[] row : expected) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        scale = Math.max(scale, 1e-300);
        for (int j = 0; j < actual.cols; j++) {
            for (int i = lowerOnly ? j : 0; i < actual.rows; i++) {
                double err = Math.abs(expected[i][j] - actual.get(i, j)) / scale;
                if (!(err <= TOL)) {
                    throw new AssertionError(what + ": entry (" + i + "," + j + ") = " + actual.get(i, j)
                            + ", expected " + expected[i][j] + " (relative error " + err + ")");
                }
            }
        }
    }

    // ---- naive references ------------------------------------------------------------------------

    static double[][] refCholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double s = a[j][j];
            for (int p = 0; p < j; p++) {
                s -= l[j][p] * l[j][p];
            }
            l[j][j] = Math.sqrt(s);
            for (int i = j + 1; i < n; i++) {
                double t = a[i][j];
                for (int p = 0; p < j; p++) {
                    t -= l[i][p] * l[j][p];
                }
                l[i][j] = t / l[j][j];
            }
        }
        return l;
    }

    // ---- tests ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 7, 63, 64, 65, 200, 333})
    void potrfLowerMatchesReference(int n) {
        Random r = new Random(1000 + n);
        Emb a = randomSpd(r, n);
        double[][] expected = refCholesky(a.dense(true));
        assertEquals(0, kernels().potrfLower(n, a.a, OFF, a.ld));
        assertClose(expected, a, true, "potrf n=" + n);
        a.assertOutsideUntouched(true, "potrf n=" + n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 65, 200, 333})
    void potrfLowerReportsFailingMinor(int n) {
        for (int k : new int[] {0, n / 2, n - 1}) {
            Random r = new Random(2000 + n + k);
            Emb a = randomSpd(r, n);
            a.set(k, k, a.get(k, k) - 10.0 * n - 10.0); // leading minors < k+1 stay PD, order k+1 does not
            assertEquals(k + 1, kernels().potrfLower(n, a.a, OFF, a.ld), "n=" + n + ", broken at " + k);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 63, 64, 65, 200, 333})
    void trsmRightLowerTransMatchesReference(int n) {
        for (int m : new int[] {1, 5, n + 7}) {
            Random r = new Random(3000 + n + m);
            Emb l = randomLower(r, n);
            Emb b = random(r, m, n);
            double[][] ld = l.dense(true);
            double[][] x = b.dense(false);
            // X·Lᵀ = B, column by column
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    double s = x[i][j];
                    for (int p = 0; p < j; p++) {
                        s -= x[i][p] * ld[j][p];
                    }
                    x[i][j] = s / ld[j][j];
                }
            }
            kernels().trsmRightLowerTrans(m, n, l.a, OFF, l.ld, b.a, OFF, b.ld);
            assertClose(x, b, false, "trsm m=" + m + " n=" + n);
            b.assertOutsideUntouched(false, "trsm B");
            l.assertOutsideUntouched(true, "trsm L");
        }
    }

    /** Lower triangle of c −= A·Aᵀ for the first k columns of A (n rows), in place; returns c. */
    private static double[][] subtractGram(double[][] c, double[][] a, int n, int k) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i][p] * a[j][p];
                }
                c[i][j] -= s;
            }
        }
        return c;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 63, 64, 65, 200, 333})
    void syrkLowerMinusMatchesReference(int n) {
        for (int k : new int[] {1, 13, n, 300}) {
            Random r = new Random(4000 + n + k);
            Emb a = random(r, n, k);
            Emb c = randomSpd(r, n);
            double[][] expected = subtractGram(c.dense(true), a.dense(false), n, k);
            kernels().syrkLowerMinus(n, k, a.a, OFF, a.ld, c.a, OFF, c.ld);
            assertClose(expected, c, true, "syrk n=" + n + " k=" + k);
            c.assertOutsideUntouched(true, "syrk C");
            a.assertOutsideUntouched(false, "syrk A");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 63, 64, 65, 200, 333})
    void syrkLowerNegatedIgnoresWhatCHeld(int n) {
        for (int k : new int[] {0, 1, 13, n, 300}) {
            Random r = new Random(4500 + n + k);
            Emb a = random(r, n, Math.max(k, 1));
            Emb c = randomSpd(r, n);
            for (int j = 0; j < n; j++) {
                for (int i = j; i < n; i++) {
                    c.a[OFF + i + j * c.ld] = Double.NaN;
                }
            }
            double[][] expected = subtractGram(new double[n][n], a.dense(false), n, k);
            kernels().syrkLowerNegated(n, k, a.a, OFF, a.ld, c.a, OFF, c.ld);
            assertClose(expected, c, true, "syrkLowerNegated n=" + n + " k=" + k);
            c.assertOutsideUntouched(true, "syrkLowerNegated C");
            a.assertOutsideUntouched(false, "syrkLowerNegated A");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 63, 64, 65, 200, 333})
    void gemmNTMinusMatchesReference(int n) {
        for (int[] mk : new int[][] {{1, 1}, {n + 3, 7}, {n, n}, {70, 257}}) {
            int m = mk[0], k = mk[1];
            Random r = new Random(5000 + n + m + k);
            Emb a = random(r, m, k);
            Emb b = random(r, n, k);
            Emb c = random(r, m, n);
            double[][] ad = a.dense(false), bd = b.dense(false), expected = c.dense(false);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += ad[i][p] * bd[j][p];
                    }
                    expected[i][j] -= s;
                }
            }
            kernels().gemmNTMinus(m, n, k, a.a, OFF, a.ld, b.a, OFF, b.ld, c.a, OFF, c.ld);
            assertClose(expected, c, false, "gemm m=" + m + " n=" + n + " k=" + k);
            c.assertOutsideUntouched(false, "gemm C");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 63, 64, 65, 200, 333})
    void trsvBothWaysMatchReference(int n) {
        Random r = new Random(6000 + n);
        Emb l = randomLower(r, n);
        double[][] ld = l.dense(true);
        double[] b = new double[n + OFF + 2];
        java.util.Arrays.fill(b, SENTINEL);
        double[] rhs = new double[n];
        for (int i = 0; i < n; i++) {
            rhs[i] = r.nextDouble() * 2 - 1;
        }

        // L·x = b
        double[] x = rhs.clone();
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < i; p++) {
                x[i] -= ld[i][p] * x[p];
            }
            x[i] /= ld[i][i];
        }
        System.arraycopy(rhs, 0, b, OFF, n);
        kernels().trsvLower(n, l.a, OFF, l.ld, b, OFF);
        assertVector(x, b, "trsvLower n=" + n);

        // Lᵀ·x = b
        x = rhs.clone();
        for (int i = n - 1; i >= 0; i--) {
            for (int p = i + 1; p < n; p++) {
                x[i] -= ld[p][i] * x[p];
            }
            x[i] /= ld[i][i];
        }
        System.arraycopy(rhs, 0, b, OFF, n);
        kernels().trsvLowerTrans(n, l.a, OFF, l.ld, b, OFF);
        assertVector(x, b, "trsvLowerTrans n=" + n);
        l.assertOutsideUntouched(true, "trsv L");
    }

    private static void assertVector(double[] expected, double[] actual, String what) {
        double scale = 1e-300;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[OFF + i]) / scale;
            assertTrue(err <= TOL, what + ": entry " + i + " relative error " + err);
        }
        for (int i = 0; i < actual.length; i++) {
            if (i < OFF || i >= OFF + expected.length) {
                assertEquals(SENTINEL, actual[i], what + ": slot " + i + " outside the vector changed");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 7, 63, 64, 65, 200, 333, 600})
    void trtriLowerMatchesReference(int n) {
        Random r = new Random(7000 + n);
        Emb l = randomLower(r, n);
        double[][] ld = l.dense(true);
        // Reference inverse: column j of L⁻¹ solves L·x = e_j.
        double[][] inv = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                double s = i == j ? 1.0 : 0.0;
                for (int p = j; p < i; p++) {
                    s -= ld[i][p] * inv[p][j];
                }
                inv[i][j] = s / ld[i][i];
            }
        }
        assertEquals(0, kernels().trtriLower(n, l.a, OFF, l.ld));
        assertClose(inv, l, true, "trtri n=" + n);
        l.assertOutsideUntouched(true, "trtri");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 65})
    void trtriLowerReportsZeroDiagonal(int n) {
        Emb l = randomLower(new Random(8000 + n), n);
        l.set(n / 2, n / 2, 0.0);
        assertEquals(n / 2 + 1, kernels().trtriLower(n, l.a, OFF, l.ld));
    }
}
