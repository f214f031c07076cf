package org.jmixed.cpu.blocked;

/**
 * The Schur update LD −= B·Bᵀ of the dense trailing block by the sparse rows LR0 = B that
 * eliminating the first term leaves behind, done target column by target column:
 * <pre>
 *   for each column j of LD, for each column s of B with B[j, s] ≠ 0:
 *       LD[i, j] −= B[j, s] · B[i, s]   for the non-zeros i ≥ j of column s
 * </pre>
 * Each target column (one L1-resident column of LD) is finished before the next, and B's values,
 * indices and row lists are all O(nnz(B)) and stay in cache, so the cost is close to one
 * multiply-add per product (InstEval: about 1.3 million per evaluation). B is LR0 seen as a scalar
 * sparse matrix: column {@code c·w0 + m} holds, for each block of level c, the m-th column of the
 * block.
 */
final class SparseSchurUpdate {
    private final int q2;
    /** Scalar CSC of B: column s spans [colStart[s], colStart[s+1]); rows ascending. */
    private final int[] colStart;
    private final int[] rowOf;
    /** Where each stored value of B lives in LR0's block storage. */
    private final int[] valueIndex;
    /** B's values, gathered from LR0 before each update. */
    private final double[] values;
    /** Row lists: for row j, the positions (into the CSC arrays) of its non-zeros. */
    private final int[] rowStart;
    private final int[] rowPosition;

    /**
     * @param entryPtr   blocks of LR0 per level c of the first term
     * @param entryRow   first row (in LD) of each block
     * @param entryHeight rows of each block
     * @param entryValue offset of each h × w0 block (column-major) in LR0's storage
     */
    SparseSchurUpdate(int[] entryPtr, int[] entryRow, int[] entryHeight, int[] entryValue, int w0, int q2) {
        this.q2 = q2;
        int levels = entryPtr.length - 1;
        int nnz = 0;
        for (int e = 0; e < entryPtr[levels]; e++) {
            nnz += entryHeight[e] * w0;
        }
        colStart = new int[levels * w0 + 1];
        rowOf = new int[nnz];
        valueIndex = new int[nnz];
        values = new double[nnz];
        int t = 0;
        int[] rowCount = new int[q2 + 1];
        for (int c = 0; c < levels; c++) {
            for (int m = 0; m < w0; m++) {
                colStart[c * w0 + m] = t;
                for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                    int h = entryHeight[e];
                    for (int a = 0; a < h; a++) {
                        rowOf[t] = entryRow[e] + a;
                        valueIndex[t] = entryValue[e] + a + m * h;
                        rowCount[rowOf[t] + 1]++;
                        t++;
                    }
                }
            }
        }
        colStart[levels * w0] = t;
        rowStart = new int[q2 + 1];
        for (int j = 0; j < q2; j++) {
            rowStart[j + 1] = rowStart[j] + rowCount[j + 1];
        }
        rowPosition = new int[nnz];
        int[] next = java.util.Arrays.copyOf(rowStart, q2);
        for (int s = 0; s + 1 < colStart.length; s++) {
            for (int k = colStart[s]; k < colStart[s + 1]; k++) {
                rowPosition[next[rowOf[k]]++] = k;
            }
        }
        columnEndOf = new int[nnz];
        for (int s = 0; s + 1 < colStart.length; s++) {
            for (int k = colStart[s]; k < colStart[s + 1]; k++) {
                columnEndOf[k] = colStart[s + 1];
            }
        }
        split = balancedSplit();
        secondCore = products() >= PARALLEL_PRODUCTS ? SecondCore.get() : null;
        upperHalf = () -> applyColumns(target, 0, split);
        lowerHalf = () -> applyColumns(target, split, this.q2);
    }

    /** The target column that divides the products into two equal halves. */
    private int balancedSplit() {
        long total = 0;
        long[] perColumn = new long[q2];
        for (int j = 0; j < q2; j++) {
            for (int r = rowStart[j]; r < rowStart[j + 1]; r++) {
                int k = rowPosition[r];
                perColumn[j] += columnEndOf[k] - k;
            }
            total += perColumn[j];
        }
        long half = 0;
        for (int j = 0; j < q2; j++) {
            half += perColumn[j];
            if (2 * half >= total) {
                return j + 1;
            }
        }
        return q2;
    }

    /** For each stored value, the end of its column in the CSC arrays. */
    private final int[] columnEndOf;

    /** Below this many products one thread is faster than handing half to the other core. */
    static final long PARALLEL_PRODUCTS = 200_000;
    /** Target columns [0, split) run here, [split, q2) on the second core when it pays. */
    private final int split;
    private final SecondCore secondCore;
    private final Runnable upperHalf;
    private final Runnable lowerHalf;
    private double[] target;

    /** Number of scalar multiply-adds one update costs (for cost estimates). */
    long products() {
        long total = 0;
        for (int s = 0; s + 1 < colStart.length; s++) {
            long len = colStart[s + 1] - colStart[s];
            total += len * (len + 1) / 2;
        }
        return total;
    }

    /** dense (q2 × q2, lower triangle) −= B·Bᵀ with B's values read from lr0. */
    void apply(double[] dense, double[] lr0) {
        for (int k = 0; k < values.length; k++) {
            values[k] = lr0[valueIndex[k]];
        }
        if (secondCore == null) {
            applyColumns(dense, 0, q2);
            return;
        }
        target = dense;
        try {
            secondCore.runBoth(lowerHalf, upperHalf);
        } finally {
            target = null;
        }
    }

    /** Target columns [from, to): disjoint ranges touch disjoint parts of dense. */
    private void applyColumns(double[] dense, int from, int to) {
        for (int j = from; j < to; j++) {
            int col = j * q2;
            for (int r = rowStart[j]; r < rowStart[j + 1]; r++) {
                int k = rowPosition[r];
                double scale = values[k];
                int end = columnEndOf[k];
                for (int t = k; t < end; t++) {
                    dense[col + rowOf[t]] -= scale * values[t];
                }
            }
        }
    }
}
