package org.jmixed.cpu.blocked;

import java.util.Arrays;

import org.jmixed.cpu.dense.DenseKernels;

/**
 * Supernodal right-looking Cholesky of the permuted trailing block, in place in its dense
 * column-major storage (order n, leading dimension n): only the factor's pattern is touched, the
 * rest of the lower triangle stays zero, so every dense kernel applied to the result afterwards
 * (triangular solves, inversion) sees the true factor.
 *
 * <p>Per supernode J (columns [c0, c0 + s), rows R below): the diagonal block is contiguous and is
 * factored in place (dpotrf); the rows R are gathered into a packed b × s panel, solved against the
 * diagonal block (dtrsm) and scattered back; the panel's outer product (dsyrk) is then subtracted
 * from the later columns R at rows R; for small supernodes that update runs as plain loops, where
 * a native call plus the workspace's scatter would cost more than the work. The rows of [X y] are
 * solved along the way (see {@link #factor}). No allocation per factorization.
 */
final class SupernodalTrailingCholesky {
    /**
     * Below this many multiply-adds (b·b·s/2) the update runs as plain loops. Not tuned: on InstEval
     * (thread CPU time, single-threaded OpenBLAS) the loops took 0.3 ms per factorization for the
     * supernodes under it and dsyrk plus the scatter 2.2 ms for those above (1.7 ms of it the
     * scatter, which either way costs the same).
     */
    static final long NATIVE_UPDATE_WORK = 20_000;

    private final int n;
    private final int[] superCol;
    private final int[] belowPtr;
    private final int[] belowRow;
    private final DenseKernels kernels;
    private final double[] panel;
    /** X's rows over one supernode's columns, transposed for {@link #solveFewRows}. */
    private final double[] rows;
    private final double[] update;

    /**
     * @param xRows rows of the matrix X that {@link #factor} solves along (p + 1: the rows of [X y])
     */
    SupernodalTrailingCholesky(TrailingAnalysis analysis, DenseKernels kernels, int xRows) {
        this.n = analysis.order;
        this.superCol = analysis.superCol;
        this.belowPtr = analysis.belowPtr;
        this.belowRow = analysis.belowRow;
        this.kernels = kernels;
        long maxPanel = 0;
        long maxUpdate = 0;
        for (int j = 0; j + 1 < superCol.length; j++) {
            long s = superCol[j + 1] - superCol[j];
            long b = belowPtr[j + 1] - belowPtr[j];
            maxPanel = Math.max(maxPanel, s * b);
            if (b * b * s / 2 >= NATIVE_UPDATE_WORK) {
                maxUpdate = Math.max(maxUpdate, b * b);
            }
        }
        panel = new double[Math.toIntExact(maxPanel)];
        rows = new double[xRows <= FEW_ROWS ? Math.multiplyExact(xRows, n) : 0];
        update = new double[Math.toIntExact(maxUpdate)];
    }

    /** Sets the factor's pattern (lower part) of {@code a} to zero. */
    void clear(double[] a) {
        for (int j = 0; j + 1 < superCol.length; j++) {
            int c0 = superCol[j];
            int c1 = superCol[j + 1];
            for (int c = c0; c < c1; c++) {
                int col = c * n;
                Arrays.fill(a, col + c, col + c1, 0.0);
                for (int e = belowPtr[j]; e < belowPtr[j + 1]; e++) {
                    a[col + belowRow[e]] = 0.0;
                }
            }
        }
    }

    /**
     * Factors {@code a} in place and, on the way, X := X·L⁻ᵀ for the m × n matrix X at x (leading
     * dimension m: column j holds the m values of trailing position j), each supernode's part while
     * its columns are still in cache: a separate triangular solve would read the whole factor from
     * memory again (InstEval: 1.4–2 ms for m = 3 on this machine, memory-bound). Returns 0, or the
     * 1-based column at which the block is not positive definite (as dpotrf).
     */
    int factor(double[] a, int m, double[] x) {
        for (int j = 0; j + 1 < superCol.length; j++) {
            int c0 = superCol[j];
            int s = superCol[j + 1] - c0;
            int info = kernels.potrfLower(s, a, c0 + c0 * n, n);
            if (info != 0) {
                return c0 + info;
            }
            if (m <= FEW_ROWS) {
                solveFewRows(m, s, a, c0 + c0 * n, x, c0 * m);
            } else {
                kernels.trsmRightLowerTrans(m, s, a, c0 + c0 * n, n, x, c0 * m, m);
            }
            int r0 = belowPtr[j];
            int b = belowPtr[j + 1] - r0;
            if (b == 0) {
                continue;
            }
            gather(a, c0, s, r0, b);
            kernels.trsmRightLowerTrans(b, s, a, c0 + c0 * n, n, panel, 0, b);
            scatter(a, c0, s, r0, b);
            updateRows(m, x, c0, s, r0, b);
            if ((long) b * b * s / 2 >= NATIVE_UPDATE_WORK) {
                updateNative(a, s, r0, b);
            } else {
                updateLoops(a, s, r0, b);
            }
        }
        return 0;
    }

    /** X[:, R] −= X[:, c0 .. c0 + s) · Pᵀ, from the packed panel P of the supernode's rows R. */
    private void updateRows(int m, double[] x, int c0, int s, int r0, int b) {
        for (int t = 0; t < s; t++) {
            int src = (c0 + t) * m;
            int p = t * b;
            for (int r = 0; r < b; r++) {
                double v = panel[p + r];
                int dst = belowRow[r0 + r] * m;
                for (int i = 0; i < m; i++) {
                    x[dst + i] -= x[src + i] * v;
                }
            }
        }
    }

    /**
     * Up to this many rows, X·L⁻ᵀ on a supernode's diagonal block (in cache) runs as the loops of
     * {@link #solveFewRows} rather than a native dtrsm call.
     */
    static final int FEW_ROWS = 16;

    /**
     * X := X·L⁻ᵀ for the m × s matrix X at x[xOff] (leading dimension m) with few rows and the s × s
     * lower-triangular diagonal block of supernode at a[aOff]: X is transposed into {@link #rows}
     * so that every step is a unit-stride axpy down one column of L (vectorized by the JIT; with
     * X's rows interleaved, the m = 3 loop ran at about 1 GFLOP/s), then copied back.
     */
    private void solveFewRows(int m, int s, double[] a, int aOff, double[] x, int xOff) {
        for (int t = 0; t < s; t++) {
            for (int i = 0; i < m; i++) {
                rows[i * s + t] = x[xOff + t * m + i];
            }
        }
        for (int t = 0; t < s; t++) {
            int col = aOff + t * n;
            double d = a[col + t];
            for (int i = 0; i < m; i++) {
                int o = i * s;
                double v = rows[o + t] / d;
                rows[o + t] = v;
                if (v == 0.0) {
                    continue;
                }
                for (int r = t + 1; r < s; r++) {
                    rows[o + r] -= v * a[col + r];
                }
            }
        }
        for (int t = 0; t < s; t++) {
            for (int i = 0; i < m; i++) {
                x[xOff + t * m + i] = rows[i * s + t];
            }
        }
    }

    private void gather(double[] a, int c0, int s, int r0, int b) {
        for (int t = 0; t < s; t++) {
            int col = (c0 + t) * n;
            int p = t * b;
            for (int r = 0; r < b; r++) {
                panel[p + r] = a[col + belowRow[r0 + r]];
            }
        }
    }

    private void scatter(double[] a, int c0, int s, int r0, int b) {
        for (int t = 0; t < s; t++) {
            int col = (c0 + t) * n;
            int p = t * b;
            for (int r = 0; r < b; r++) {
                a[col + belowRow[r0 + r]] = panel[p + r];
            }
        }
    }

    /** a[R, R] −= P·Pᵀ (lower part), target column by target column. */
    private void updateLoops(double[] a, int s, int r0, int b) {
        for (int c = 0; c < b; c++) {
            int col = belowRow[r0 + c] * n;
            for (int t = 0; t < s; t++) {
                int p = t * b;
                double f = panel[p + c];
                if (f == 0.0) {
                    continue;
                }
                for (int r = c; r < b; r++) {
                    a[col + belowRow[r0 + r]] -= f * panel[p + r];
                }
            }
        }
    }

    /** As {@link #updateLoops}, with the product formed by dsyrk in a packed b × b workspace. */
    private void updateNative(double[] a, int s, int r0, int b) {
        kernels.syrkLowerNegated(b, s, panel, 0, b, update, 0, b);
        for (int c = 0; c < b; c++) {
            int col = belowRow[r0 + c] * n;
            int u = c * b;
            for (int r = c; r < b; r++) {
                a[col + belowRow[r0 + r]] += update[u + r];
            }
        }
    }
}
