package org.jmixed.cpu.sparse;

import java.util.Arrays;

/**
 * Entries of C⁻¹ = (L Lᵀ)⁻¹ on the pattern of a lower-triangular sparse factor L (compressed columns,
 * diagonal first in each column, pattern closed under elimination as a symbolic factorization
 * gives it), by the Takahashi recurrences taken column by column from the last:
 * Z(i,j) = −(1/L_jj) Σ_{k&gt;j} Z(i,k) L(k,j) for i &gt; j, and
 * Z(j,j) = 1/L_jj² − (1/L_jj) Σ_{k&gt;j} L(k,j) Z(k,j).
 * Every Z(i,k) they need has i and k in the pattern of column j, hence lies in the pattern of L.
 * Cost: Σ_j Σ_{k ∈ struct(L(:,j))} colcount(k) flops, of the order of one numeric factorization;
 * memory: one more array of nnz(L) doubles. Rows need not be sorted within a column.
 *
 * <p>Serves the conditional variances of both general sparse paths: {@link SparsePlsEvaluator}
 * (its own factor) and the CHOLMOD backend (a simplicial LLᵀ copy of CHOLMOD's factor).
 */
public final class SparseInverseSubset {
    private SparseInverseSubset() {
    }

    /**
     * Z on the pattern of L, aligned with its value array.
     *
     * @param n      order of L
     * @param colPtr L's column pointers, length n + 1
     * @param rowIdx L's row indices, the diagonal first in each column
     * @param lx     L's values
     */
    public static double[] compute(int n, int[] colPtr, int[] rowIdx, double[] lx) {
        double[] zx = new double[lx.length];
        int[] posInJ = new int[n];
        Arrays.fill(posInJ, -1);
        for (int j = n - 1; j >= 0; j--) {
            int start = colPtr[j];
            int end = colPtr[j + 1];
            for (int e = start + 1; e < end; e++) {
                posInJ[rowIdx[e]] = e;
                zx[e] = 0.0;
            }
            // Accumulate Σ_k Z(i,k) L(k,j) for all i in struct(j) below the diagonal.
            for (int e = start + 1; e < end; e++) {
                int k = rowIdx[e];
                double lkj = lx[e];
                for (int f = colPtr[k]; f < colPtr[k + 1]; f++) {
                    int r = rowIdx[f];
                    int pr = posInJ[r];
                    if (pr < 0) {
                        continue;
                    }
                    double zrk = zx[f];
                    zx[pr] += zrk * lkj;           // i = r, summed over k
                    if (r != k) {
                        zx[e] += zrk * lx[pr];     // i = k, summed over r (Z symmetric)
                    }
                }
            }
            double ljj = lx[start];
            double diag = 1.0 / ljj;
            for (int e = start + 1; e < end; e++) {
                zx[e] = -zx[e] / ljj;
                diag -= lx[e] * zx[e];
                posInJ[rowIdx[e]] = -1;
            }
            zx[start] = diag / ljj;
        }
        return zx;
    }
}
