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
 * from the later columns R at rows R. Small supernodes run the same steps as plain loops, where
 * a native call's fixed cost would exceed its work. No allocation per factorization.
 */
final class SupernodalTrailingCholesky {
    /**
     * Below this many multiply-adds (b·b·s/2) the update runs as plain loops. Measured on the 2-core
     * machine with InstEval's supernodes: the native dsyrk plus gather/scatter wins from about
     * 2·10⁴ (see the issue notes).
     */
    static final long NATIVE_UPDATE_WORK = 20_000;

    private final int n;
    private final int[] superCol;
    private final int[] belowPtr;
    private final int[] belowRow;
    private final DenseKernels kernels;
    private final double[] panel;
    private final double[] update;

    SupernodalTrailingCholesky(TrailingAnalysis analysis, DenseKernels kernels) {
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
     * Factors {@code a} in place; returns 0, or the 1-based column at which the block is not positive
     * definite (as dpotrf).
     */
    int factor(double[] a) {
        for (int j = 0; j + 1 < superCol.length; j++) {
            int c0 = superCol[j];
            int s = superCol[j + 1] - c0;
            int info = kernels.potrfLower(s, a, c0 + c0 * n, n);
            if (info != 0) {
                return c0 + info;
            }
            int r0 = belowPtr[j];
            int b = belowPtr[j + 1] - r0;
            if (b == 0) {
                continue;
            }
            gather(a, c0, s, r0, b);
            kernels.trsmRightLowerTrans(b, s, a, c0 + c0 * n, n, panel, 0, b);
            scatter(a, c0, s, r0, b);
            if ((long) b * b * s / 2 >= NATIVE_UPDATE_WORK) {
                updateNative(a, s, r0, b);
            } else {
                updateLoops(a, s, r0, b);
            }
        }
        return 0;
    }

    /**
     * X := X·L⁻ᵀ for the m × n matrix X at x (leading dimension m: column j holds the m values of
     * trailing position j) and the factor L in {@code a}: per supernode, the diagonal block by dtrsm,
     * then its columns' contributions to the rows below it (a multiple of column t of X per non-zero
     * L[r, t]) as plain loops. Costs m·nnz(L) instead of the dense m·n².
     */
    void solveRightLowerTrans(int m, double[] a, double[] x) {
        for (int j = 0; j + 1 < superCol.length; j++) {
            int c0 = superCol[j];
            int s = superCol[j + 1] - c0;
            kernels.trsmRightLowerTrans(m, s, a, c0 + c0 * n, n, x, c0 * m, m);
            for (int t = 0; t < s; t++) {
                int col = (c0 + t) * n;
                int src = (c0 + t) * m;
                for (int e = belowPtr[j]; e < belowPtr[j + 1]; e++) {
                    int r = belowRow[e];
                    double l = a[col + r];
                    int dst = r * m;
                    for (int i = 0; i < m; i++) {
                        x[dst + i] -= x[src + i] * l;
                    }
                }
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
        for (int c = 0; c < b; c++) {
            Arrays.fill(update, c * b + c, (c + 1) * b, 0.0);
        }
        kernels.syrkLowerMinus(b, s, panel, 0, b, update, 0, b);
        for (int c = 0; c < b; c++) {
            int col = belowRow[r0 + c] * n;
            int u = c * b;
            for (int r = c; r < b; r++) {
                a[col + belowRow[r0 + r]] += update[u + r];
            }
        }
    }
}
