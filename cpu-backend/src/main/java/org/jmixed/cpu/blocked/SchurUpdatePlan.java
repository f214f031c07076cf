package org.jmixed.cpu.blocked;

/**
 * The sparse outer product LD −= LR0·LR0ᵀ, compiled once into a list of scalar updates
 * {@code dense[target] −= lr0[left] · lr0[right]} sorted by the column of the dense block they
 * hit. Done column of LR0 by column, the same updates scatter over the whole dense block (10 MB for
 * InstEval) and each one is a cache miss; in this order the writes sweep the block once, one
 * cache-resident column at a time, and the reads of LR0 (small) stay in cache. Built only when the
 * number of updates is modest; otherwise the evaluator keeps the column-by-column loop.
 */
final class SchurUpdatePlan {
    /** Above this many scalar updates the index arrays (12 bytes each) are not worth their memory. */
    static final long MAX_UPDATES = 40_000_000L;

    private final int[] target;
    private final int[] left;
    private final int[] right;

    private SchurUpdatePlan(int[] target, int[] left, int[] right) {
        this.target = target;
        this.left = left;
        this.right = right;
    }

    /** Number of scalar updates Σ_c Σ_{e2 ≤ e1} h1·h2·w0 implied by the entry lists. */
    static long countUpdates(int[] entryPtr, int[] entryHeight, int w0) {
        long total = 0;
        for (int c = 0; c + 1 < entryPtr.length; c++) {
            long rows = 0;
            for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                rows += entryHeight[e];
            }
            total += rows * (rows + 1) / 2 * w0;
        }
        return total;
    }

    /**
     * Compiles the update for entries grouped by column of LR0 (entryPtr), each an h × w0 block at
     * lr0[entryValue[e]] whose rows start at entryRow[e] in the dense block of order q2. Returns
     * null when there would be more than {@link #MAX_UPDATES} updates.
     */
    static SchurUpdatePlan build(int[] entryPtr, int[] entryRow, int[] entryHeight, int[] entryValue, int w0,
                                 int q2) {
        long count = countUpdates(entryPtr, entryHeight, w0);
        if (count > MAX_UPDATES) {
            return null;
        }
        int n = (int) count;
        // Counting sort by the column of the dense block: first count, then place.
        int[] columnStart = new int[q2 + 1];
        forEachUpdate(entryPtr, entryRow, entryHeight, entryValue, w0, (row, col, l, r) -> columnStart[col + 1]++);
        for (int c = 0; c < q2; c++) {
            columnStart[c + 1] += columnStart[c];
        }
        int[] next = java.util.Arrays.copyOf(columnStart, q2);
        int[] target = new int[n];
        int[] left = new int[n];
        int[] right = new int[n];
        forEachUpdate(entryPtr, entryRow, entryHeight, entryValue, w0, (row, col, l, r) -> {
            int slot = next[col]++;
            target[slot] = row + col * q2;
            left[slot] = l;
            right[slot] = r;
        });
        return new SchurUpdatePlan(target, left, right);
    }

    /** dense −= LR0·LR0ᵀ (lower triangle and the diagonal blocks). */
    void apply(double[] dense, double[] lr0) {
        for (int i = 0; i < target.length; i++) {
            dense[target[i]] -= lr0[left[i]] * lr0[right[i]];
        }
    }

    private interface UpdateVisitor {
        void visit(int row, int col, int leftIndex, int rightIndex);
    }

    private static void forEachUpdate(int[] entryPtr, int[] entryRow, int[] entryHeight, int[] entryValue, int w0,
                                      UpdateVisitor visitor) {
        for (int c = 0; c + 1 < entryPtr.length; c++) {
            for (int e1 = entryPtr[c]; e1 < entryPtr[c + 1]; e1++) {
                int h1 = entryHeight[e1];
                for (int e2 = entryPtr[c]; e2 <= e1; e2++) {
                    int h2 = entryHeight[e2];
                    for (int b = 0; b < h2; b++) {
                        // Within a diagonal block (e1 == e2) only the lower triangle is needed.
                        for (int a = e1 == e2 ? b : 0; a < h1; a++) {
                            for (int m = 0; m < w0; m++) {
                                visitor.visit(entryRow[e1] + a, entryRow[e2] + b, entryValue[e1] + a + m * h1,
                                        entryValue[e2] + b + m * h2);
                            }
                        }
                    }
                }
            }
        }
    }
}
