package org.jmixed.cpu.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.jmixed.cpu.DensePlsReference;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.jmixed.spi.TermStructure;
import org.junit.jupiter.api.Test;

/**
 * The pieces both general sparse paths (this package's and the CHOLMOD backend's) share, checked
 * against dense computations: {@link ScaledPattern} (pattern, values, right-hand side, diagonal
 * blocks) and {@link SparseInverseSubset}.
 */
class ScaledPatternTest {
    private static final double TOL = 1e-12;

    /** Crossed terms of widths 2 and 3 (off-diagonal blocks 3 × 2) and a scalar term. */
    private static PlsProblem problem() {
        Random rnd = new Random(5);
        int n = 300;
        int g1 = 17;
        int g2 = 9;
        int g3 = 4;
        int[] a = new int[n];
        int[] b = new int[n];
        int[] c = new int[n];
        double[] x = new double[2 * n];
        double[] y = new double[n];
        double[] ca = new double[2 * n];
        double[] cb = new double[3 * n];
        double[] ones = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i < g1 ? i : rnd.nextInt(g1);
            b[i] = i < g2 ? i : rnd.nextInt(g2);
            c[i] = i < g3 ? i : rnd.nextInt(g3);
            double t = rnd.nextGaussian();
            double s = rnd.nextGaussian();
            x[i] = 1;
            x[i + n] = t;
            ca[i] = 1;
            ca[i + n] = t;
            cb[i] = 1;
            cb[i + n] = t;
            cb[i + 2 * n] = s;
            ones[i] = 1;
            y[i] = 1 + t + Math.sin(a[i]) + s * Math.cos(b[i]) + 0.3 * c[i] + rnd.nextGaussian();
        }
        return new PlsProblemBuilder(y, x, 2).addTerm("a", g1, a, ca, 2).addTerm("b", g2, b, cb, 3)
                .addTerm("c", g3, c, ones, 1).build();
    }

    private static double[] theta(PlsProblem pr, long seed) {
        Random rnd = new Random(seed);
        double[] th = new double[pr.thetaLength()];
        for (TermStructure t : pr.terms()) {
            for (int i = 0; i < t.thetaLength(); i++) {
                th[t.thetaOffset() + i] = t.isDiagonal(i) ? 0.3 + rnd.nextDouble() : 0.5 * rnd.nextGaussian();
            }
        }
        return th;
    }

    /** Dense [ZΛ X y] (n × (q + p + 1)), column-major. */
    private static double[] augmentedDesign(PlsProblem pr, double[] theta) {
        int n = pr.n();
        int q = pr.q();
        int nt = q + pr.p() + 1;
        double[] d = new double[n * nt];
        List<TermStructure> terms = pr.terms();
        for (int k = 0; k < terms.size(); k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            double[] tmpl = new double[w * w];
            t.fillTemplate(theta, tmpl);
            int[] lev = pr.levelOfRow().get(k);
            double[] cols = pr.termColumns().get(k);
            for (int i = 0; i < n; i++) {
                for (int bb = 0; bb < w; bb++) {
                    double s = 0;
                    for (int aa = 0; aa < w; aa++) {
                        s += cols[i + aa * n] * tmpl[aa + bb * w];
                    }
                    d[i + (pr.uOffset(k) + lev[i] * w + bb) * n] += s;
                }
            }
        }
        System.arraycopy(pr.x(), 0, d, n * q, n * pr.p());
        System.arraycopy(pr.y(), 0, d, n * (q + pr.p()), n);
        return d;
    }

    /** Column r of d dotted with column c. */
    private static double dot(double[] d, int n, int r, int c) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += d[i + r * n] * d[i + c * n];
        }
        return s;
    }

    @Test
    void patternAndValuesAreTheLowerTriangleOfTheScaledCrossProducts() {
        PlsProblem pr = problem();
        double[] theta = theta(pr, 1);
        ScaledPattern pattern = new ScaledPattern(pr);
        int q = pr.q();
        int n = pr.n();
        int[] colPtr = pattern.colPtr();
        int[] rowIdx = pattern.rowIdx();
        assertEquals(q, pattern.order());
        assertEquals(colPtr[q], pattern.nnz());
        double[] ax = new double[pattern.nnz()];
        pattern.setTheta(theta);
        pattern.fill(ax);
        double[] d = augmentedDesign(pr, theta);
        boolean[] stored = new boolean[q * q];
        for (int col = 0; col < q; col++) {
            assertEquals(col, rowIdx[colPtr[col]], "diagonal first in column " + col);
            for (int e = colPtr[col]; e < colPtr[col + 1]; e++) {
                if (e > colPtr[col]) {
                    assertTrue(rowIdx[e] > rowIdx[e - 1], "rows sorted in column " + col);
                }
                assertEquals(e, pattern.position(rowIdx[e], col));
                stored[rowIdx[e] + col * q] = true;
                double expected = dot(d, n, rowIdx[e], col);
                assertEquals(expected, ax[e], TOL * Math.max(1, Math.abs(expected)));
            }
        }
        // Every structurally nonzero entry of the lower triangle is stored.
        for (int col = 0; col < q; col++) {
            for (int row = col; row < q; row++) {
                if (!stored[row + col * q]) {
                    assertEquals(-1, pattern.position(row, col));
                    assertEquals(0.0, dot(d, n, row, col), 0.0, "(" + row + ", " + col + ") not stored");
                }
            }
        }
    }

    @Test
    void rightHandSideInTheProblemsOrderOrPermuted() {
        PlsProblem pr = problem();
        double[] theta = theta(pr, 2);
        ScaledPattern pattern = new ScaledPattern(pr);
        int q = pr.q();
        int n = pr.n();
        int m = pr.p() + 1;
        pattern.setTheta(theta);
        double[] plain = new double[q * m];
        pattern.rhs(plain, m, null);
        int[] order = new int[q];
        for (int i = 0; i < q; i++) {
            order[i] = (i * 7 + 3) % q;
        }
        assertEquals(1, gcd(7, q), "the test's row order must be a permutation");
        double[] permuted = new double[q * m];
        pattern.rhs(permuted, m, order);
        double[] d = augmentedDesign(pr, theta);
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < q; i++) {
                double expected = dot(d, n, i, q + c);
                assertEquals(expected, plain[i + c * q], TOL * Math.max(1, Math.abs(expected)));
                assertEquals(plain[i + c * q], permuted[order[i] + c * q], 0.0);
            }
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Test
    void sparseInverseSubsetAndDiagonalBlocksMatchTheDenseInverse() {
        PlsProblem pr = problem();
        double[] theta = theta(pr, 3);
        int q = pr.q();
        ScaledPattern pattern = new ScaledPattern(pr);
        int[] colPtr = pattern.colPtr();
        int[] rowIdx = pattern.rowIdx();
        SymbolicCholesky sym = new SymbolicCholesky(q, colPtr, rowIdx,
                AmdOrdering.compute(q, colPtr, rowIdx).perm());
        SparseCholesky chol = new SparseCholesky(sym);
        int[] pinv = sym.inversePerm();
        double[] ax = new double[pattern.nnz()];
        pattern.setTheta(theta);
        pattern.fill(ax);
        chol.clear();
        double[] lx = chol.values();
        for (int col = 0; col < q; col++) {
            for (int e = colPtr[col]; e < colPtr[col + 1]; e++) {
                int a = pinv[rowIdx[e]];
                int b = pinv[col];
                lx[a >= b ? sym.position(a, b) : sym.position(b, a)] = ax[e] + (rowIdx[e] == col ? 1.0 : 0.0);
            }
        }
        assertEquals(0, chol.factor());
        double[] z = SparseInverseSubset.compute(q, sym.lColPtr(), sym.lRowIdx(), chol.values());

        // Dense (Λ'Z'ZΛ + I)⁻¹ in the problem's order, from the dense reference's Cholesky.
        double[] dd = augmentedDesign(pr, theta);
        double[] c = new double[q * q];
        for (int j = 0; j < q; j++) {
            for (int i = 0; i < q; i++) {
                c[i + j * q] = dot(dd, pr.n(), i, j) + (i == j ? 1.0 : 0.0);
            }
        }
        double[] inv = inverse(c, q);
        int[] lp = sym.lColPtr();
        int[] li = sym.lRowIdx();
        for (int j = 0; j < q; j++) {
            for (int e = lp[j]; e < lp[j + 1]; e++) {
                // Entry (li[e], j) of the permuted inverse.
                double expected = inv[sym.perm()[li[e]] + sym.perm()[j] * q];
                assertEquals(expected, z[e], 1e-10 * Math.max(1, Math.abs(expected)));
            }
        }
        List<double[]> blocks = pattern.diagonalBlocks(z, (row, col) -> {
            int a = pinv[row];
            int b = pinv[col];
            return a >= b ? sym.position(a, b) : sym.position(b, a);
        });
        List<double[]> reference = new DensePlsReference(pr, theta).condVarU;
        assertEquals(pr.terms().size(), blocks.size());
        for (int k = 0; k < blocks.size(); k++) {
            assertEquals(reference.get(k).length, blocks.get(k).length);
            for (int i = 0; i < blocks.get(k).length; i++) {
                assertEquals(reference.get(k)[i], blocks.get(k)[i], 1e-10, "term " + k + " entry " + i);
            }
        }
    }

    /** Inverse of an SPD matrix through its Cholesky factor (dense, column-major). */
    private static double[] inverse(double[] a, int n) {
        double[] l = DensePlsReference.cholesky(a, n);
        double[] inv = new double[n * n];
        for (int col = 0; col < n; col++) {
            double[] x = new double[n];
            x[col] = 1;
            for (int i = 0; i < n; i++) {
                double s = x[i];
                for (int k = 0; k < i; k++) {
                    s -= l[i + k * n] * x[k];
                }
                x[i] = s / l[i + i * n];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = x[i];
                for (int k = i + 1; k < n; k++) {
                    s -= l[k + i * n] * x[k];
                }
                x[i] = s / l[i + i * n];
            }
            System.arraycopy(x, 0, inv, col * n, n);
        }
        return inv;
    }
}
