package org.jmixed.cpu.sparse;

import java.util.Arrays;

/**
 * Numeric sparse Cholesky C = L Lᵀ on a fixed {@link SymbolicCholesky} structure, refactored many
 * times. The factorization is in place: the caller writes the lower triangle of C into
 * {@link #values()} (at the positions of L's pattern, every other entry zero, e.g. via
 * {@link #clear()} and positions from {@link SymbolicCholesky#position}) and calls {@link #factor()}.
 *
 * <p>Algorithm: left-looking by columns. Column j gathers C(j:n, j) into a dense work vector, subtracts
 * L(j:n, k)·L(j, k) for every k with L(j, k) ≠ 0, then scales by the square root of the pivot. The
 * k's of each row and the positions of L(j, k) are precomputed from the pattern once (the transpose
 * of L's pattern), so a factorization touches no index structure but L's and allocates nothing.
 * Cost ≈ Σ_j colcount(j)² flops.
 */
public final class SparseCholesky {
    private final SymbolicCholesky symbolic;
    private final int n;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final double[] lx;
    /** Row structure of L without the diagonal: for row j, the columns k &lt; j and where L(j,k) lives. */
    private final int[] rowPtr;
    private final int[] rowEntryPos;
    private final int[] rowEntryCol;
    private final double[] work;

    public SparseCholesky(SymbolicCholesky symbolic) {
        this.symbolic = symbolic;
        this.n = symbolic.n();
        this.colPtr = symbolic.lColPtr();
        this.rowIdx = symbolic.lRowIdx();
        this.lx = new double[colPtr[n]];
        this.work = new double[n];
        rowPtr = new int[n + 1];
        for (int j = 0; j < n; j++) {
            for (int e = colPtr[j] + 1; e < colPtr[j + 1]; e++) {
                rowPtr[rowIdx[e] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            rowPtr[i + 1] += rowPtr[i];
        }
        rowEntryPos = new int[rowPtr[n]];
        rowEntryCol = new int[rowPtr[n]];
        int[] fill = Arrays.copyOf(rowPtr, n);
        // Columns visited in increasing order, so each row's entries come sorted by column, which is
        // the order left-looking needs (any order would do, but sorted keeps memory access forward).
        for (int j = 0; j < n; j++) {
            for (int e = colPtr[j] + 1; e < colPtr[j + 1]; e++) {
                int slot = fill[rowIdx[e]]++;
                rowEntryPos[slot] = e;
                rowEntryCol[slot] = j;
            }
        }
    }

    public SymbolicCholesky symbolic() {
        return symbolic;
    }

    /** Values of L (after {@link #factor()}) or of C's lower triangle (before), on L's pattern. */
    public double[] values() {
        return lx;
    }

    /** Zeroes the value array, ready for C to be written into it. */
    public void clear() {
        Arrays.fill(lx, 0.0);
    }

    /**
     * Factors in place. Returns 0 on success, else the 1-based column whose pivot was not positive
     * (the values are then partly overwritten).
     */
    public int factor() {
        final double[] x = work;
        for (int j = 0; j < n; j++) {
            int start = colPtr[j];
            int end = colPtr[j + 1];
            for (int e = start; e < end; e++) {
                x[rowIdx[e]] = lx[e];
            }
            for (int r = rowPtr[j]; r < rowPtr[j + 1]; r++) {
                int pos = rowEntryPos[r];          // L(j, k) for some k < j
                double ljk = lx[pos];
                if (ljk == 0.0) {
                    continue;
                }
                int kEnd = colPtr[rowEntryCol[r] + 1];
                // Rows of column k from j downwards: pos .. end of column k.
                for (int e = pos; e < kEnd; e++) {
                    x[rowIdx[e]] -= lx[e] * ljk;
                }
            }
            double d = x[j];
            if (!(d > 0.0)) {
                for (int e = start; e < end; e++) {
                    x[rowIdx[e]] = 0.0;
                }
                return j + 1;
            }
            double ljj = Math.sqrt(d);
            double inv = 1.0 / ljj;
            lx[start] = ljj;
            x[j] = 0.0;
            for (int e = start + 1; e < end; e++) {
                int i = rowIdx[e];
                lx[e] = x[i] * inv;
                x[i] = 0.0;
            }
        }
        return 0;
    }

    /** Solves L x = b in place. */
    public void solveL(double[] b, int off) {
        for (int j = 0; j < n; j++) {
            int start = colPtr[j];
            double bj = b[off + j] / lx[start];
            b[off + j] = bj;
            if (bj == 0.0) {
                continue;
            }
            for (int e = start + 1; e < colPtr[j + 1]; e++) {
                b[off + rowIdx[e]] -= lx[e] * bj;
            }
        }
    }

    /** Solves Lᵀ x = b in place. */
    public void solveLt(double[] b, int off) {
        for (int j = n - 1; j >= 0; j--) {
            int start = colPtr[j];
            double s = b[off + j];
            for (int e = start + 1; e < colPtr[j + 1]; e++) {
                s -= lx[e] * b[off + rowIdx[e]];
            }
            b[off + j] = s / lx[start];
        }
    }

    /** Σ log L(j,j), doubled: log det C. */
    public double logDet() {
        double s = 0.0;
        for (int j = 0; j < n; j++) {
            s += Math.log(lx[colPtr[j]]);
        }
        return 2.0 * s;
    }
}
