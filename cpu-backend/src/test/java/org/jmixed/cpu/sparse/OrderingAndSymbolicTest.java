package org.jmixed.cpu.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jmixed.cpu.DensePlsReference;
import org.junit.jupiter.api.Test;

/** AMD, the symbolic analysis and the numeric factor on plain sparse matrices. */
class OrderingAndSymbolicTest {

    /** Full CSC pattern of the 5-point Laplacian on a k × k grid. */
    static int[][] grid(int k) {
        int n = k * k;
        int[] colPtr = new int[n + 1];
        List<Integer> rows = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            int gx = c % k;
            int gy = c / k;
            if (gy > 0) {
                rows.add(c - k);
            }
            if (gx > 0) {
                rows.add(c - 1);
            }
            rows.add(c);
            if (gx < k - 1) {
                rows.add(c + 1);
            }
            if (gy < k - 1) {
                rows.add(c + k);
            }
            colPtr[c + 1] = rows.size();
        }
        return new int[][] {colPtr, rows.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** Arrow matrix: column 0 (the dense one) first, which is the worst natural order. */
    static int[][] arrow(int n) {
        int[] colPtr = new int[n + 1];
        List<Integer> rows = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (c == 0) {
                for (int r = 0; r < n; r++) {
                    rows.add(r);
                }
            } else {
                rows.add(0);
                rows.add(c);
            }
            colPtr[c + 1] = rows.size();
        }
        return new int[][] {colPtr, rows.stream().mapToInt(Integer::intValue).toArray()};
    }

    private static void assertPermutation(AmdOrdering o, int n) {
        int[] perm = o.perm();
        int[] inv = o.inversePerm();
        assertEquals(n, perm.length);
        boolean[] seen = new boolean[n];
        for (int k = 0; k < n; k++) {
            assertTrue(perm[k] >= 0 && perm[k] < n && !seen[perm[k]], "not a permutation");
            seen[perm[k]] = true;
            assertEquals(k, inv[perm[k]]);
        }
    }

    @Test
    void amdReducesFillOnGrid() {
        int k = 30;
        int[][] a = grid(k);
        AmdOrdering amd = AmdOrdering.compute(k * k, a[0], a[1]);
        assertPermutation(amd, k * k);
        long natural = new SymbolicCholesky(k * k, a[0], a[1], null).nnzL();
        long ordered = new SymbolicCholesky(k * k, a[0], a[1], amd.perm()).nnzL();
        assertTrue(ordered < 0.6 * natural, "AMD nnz(L) " + ordered + " vs natural " + natural);
    }

    @Test
    void amdFindsNoFillOrderForArrow() {
        int n = 200;
        int[][] a = arrow(n);
        AmdOrdering amd = AmdOrdering.compute(n, a[0], a[1]);
        assertPermutation(amd, n);
        assertEquals((long) n * (n + 1) / 2, new SymbolicCholesky(n, a[0], a[1], null).nnzL());
        assertEquals(2L * n - 1, new SymbolicCholesky(n, a[0], a[1], amd.perm()).nnzL());
    }

    @Test
    void amdHandlesEmptyAndDiagonal() {
        assertPermutation(AmdOrdering.compute(0, new int[] {0}, new int[0]), 0);
        int[] colPtr = {0, 1, 2, 3};
        int[] rows = {0, 1, 2};
        assertPermutation(AmdOrdering.compute(3, colPtr, rows), 3);
    }

    /** Random sparse SPD matrix (full storage, dense copy alongside), diagonally dominant. */
    private static double[] randomSpd(Random rnd, int n, double density) {
        double[] a = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                if (rnd.nextDouble() < density) {
                    double v = rnd.nextGaussian();
                    a[i + j * n] = v;
                    a[j + i * n] = v;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            double s = 1;
            for (int i = 0; i < n; i++) {
                s += Math.abs(a[i + j * n]);
            }
            a[j + j * n] = s;
        }
        return a;
    }

    @Test
    void symbolicPatternAndNumericFactorMatchDense() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + rnd.nextInt(60);
            double[] a = randomSpd(rnd, n, 0.03 + 0.1 * rnd.nextDouble());
            // Lower-triangle CSC pattern and values.
            int[] colPtr = new int[n + 1];
            List<Integer> rows = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                for (int i = j; i < n; i++) {
                    if (a[i + j * n] != 0) {
                        rows.add(i);
                    }
                }
                colPtr[j + 1] = rows.size();
            }
            int[] rowIdx = rows.stream().mapToInt(Integer::intValue).toArray();
            AmdOrdering amd = AmdOrdering.compute(n, colPtr, rowIdx);
            assertPermutation(amd, n);
            int[] perm = trial % 2 == 0 ? amd.perm() : null;
            SymbolicCholesky sym = new SymbolicCholesky(n, colPtr, rowIdx, perm);
            int[] pm = sym.perm();

            // Dense C = P A Pᵀ and its dense factor.
            double[] c = new double[n * n];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    c[i + j * n] = a[pm[i] + pm[j] * n];
                }
            }
            double[] l = DensePlsReference.cholesky(c, n);

            // The symbolic pattern must contain every structural non-zero of the dense factor;
            // with random values there is no cancellation, so it must equal it.
            int[] lp = sym.lColPtr();
            int[] li = sym.lRowIdx();
            long nnz = 0;
            for (int j = 0; j < n; j++) {
                List<Integer> expected = new ArrayList<>();
                for (int i = j; i < n; i++) {
                    if (Math.abs(l[i + j * n]) > 1e-300) {
                        expected.add(i);
                    }
                }
                int[] exp = expected.stream().mapToInt(Integer::intValue).toArray();
                int[] got = java.util.Arrays.copyOfRange(li, lp[j], lp[j + 1]);
                assertArrayEquals(exp, got, "column " + j + " of L, trial " + trial);
                assertEquals(exp.length, sym.colCounts()[j]);
                nnz += exp.length;
            }
            assertEquals(nnz, sym.nnzL());
            checkEtreeAndPostorder(sym);

            // Numeric factor, twice (refactoring reuses the structure).
            SparseCholesky chol = new SparseCholesky(sym);
            for (int rep = 0; rep < 2; rep++) {
                chol.clear();
                double[] lx = chol.values();
                for (int j = 0; j < n; j++) {
                    for (int i = j; i < n; i++) {
                        if (c[i + j * n] != 0) {
                            lx[sym.position(i, j)] = c[i + j * n];
                        }
                    }
                }
                assertEquals(0, chol.factor());
                for (int j = 0; j < n; j++) {
                    for (int e = lp[j]; e < lp[j + 1]; e++) {
                        assertEquals(l[li[e] + j * n], lx[e], 1e-12 * Math.abs(l[j + j * n]) + 1e-13);
                    }
                }
            }
            // Solves: L Lᵀ x = b.
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = rnd.nextGaussian();
            }
            double[] x = b.clone();
            chol.solveL(x, 0);
            chol.solveLt(x, 0);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += c[i + j * n] * x[j];
                }
                assertEquals(b[i], s, 1e-9 * (1 + Math.abs(b[i])));
            }
        }
    }

    private static void checkEtreeAndPostorder(SymbolicCholesky sym) {
        int n = sym.n();
        int[] parent = sym.parent();
        int[] lp = sym.lColPtr();
        int[] li = sym.lRowIdx();
        for (int j = 0; j < n; j++) {
            // parent = first off-diagonal row of column j of L.
            int expected = lp[j + 1] - lp[j] > 1 ? li[lp[j] + 1] : -1;
            assertEquals(expected, parent[j], "etree parent of " + j);
        }
        int[] post = sym.postorder();
        int[] where = new int[n];
        boolean[] seen = new boolean[n];
        for (int k = 0; k < n; k++) {
            assertTrue(!seen[post[k]]);
            seen[post[k]] = true;
            where[post[k]] = k;
        }
        for (int j = 0; j < n; j++) {
            if (parent[j] >= 0) {
                assertTrue(where[j] < where[parent[j]], "postorder puts child after parent");
            }
        }
    }

    @Test
    void notPositiveDefiniteIsReported() {
        int[] colPtr = {0, 2, 3};
        int[] rows = {0, 1, 1};
        SymbolicCholesky sym = new SymbolicCholesky(2, colPtr, rows, null);
        SparseCholesky chol = new SparseCholesky(sym);
        double[] lx = chol.values();
        lx[sym.position(0, 0)] = 1;
        lx[sym.position(1, 0)] = 2;
        lx[sym.position(1, 1)] = 1;
        assertEquals(2, chol.factor());
    }
}
