package org.jmixed.cholmod;

/**
 * Entries of C⁻¹ = (L Lᵀ)⁻¹ on the pattern of a lower-triangular sparse factor L (compressed columns,
 * diagonal first in each column, pattern closed under elimination as a symbolic factorization
 * gives it), by the Takahashi recurrences taken column by column from the last:
 * Z(i,j) = −(1/L_jj) Σ_{k&gt;j} Z(i,k) L(k,j) for i &gt; j, and
 * Z(j,j) = 1/L_jj² − (1/L_jj) Σ_{k&gt;j} L(k,j) Z(k,j).
 * The same recurrences as the pure-Java sparse path's conditional variances; rows need not be sorted.
 */
final class SparseInverseSubset {
    private SparseInverseSubset() {
    }

    /** Z on the pattern of L, aligned with its value array. */
    static double[] compute(int n, int[] colPtr, int[] rowIdx, double[] lx) {
        double[] zx = new double[lx.length];
        int[] posInJ = new int[n];
        java.util.Arrays.fill(posInJ, -1);
        for (int j = n - 1; j >= 0; j--) {
            int start = colPtr[j];
            int end = colPtr[j + 1];
            for (int e = start + 1; e < end; e++) {
                posInJ[rowIdx[e]] = e;
                zx[e] = 0.0;
            }
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
                    zx[pr] += zrk * lkj;
                    if (r != k) {
                        zx[e] += zrk * lx[pr];
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
