package org.jmixed.cpu.blocked;

import java.util.List;

import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.TermStructure;

/**
 * The non-zero pattern of the trailing block Λ_R'Z_R'Z_RΛ_R + I − LR0·LR0ᵀ of the blocked
 * factorization, at the level of its w × w blocks: one node per level of every term after the first
 * (node {@code nodeOffset[k] + ℓ} for level ℓ of term k). Two nodes are adjacent when Z_R'Z_R has a
 * block there or when both levels share a level of the first term (the Schur update fills that
 * pair). It depends on the design only, so it is found once per problem.
 */
final class TrailingPattern {
    /** Number of nodes (levels of the later terms). */
    final int nodes;
    /** First node of each term k ≥ 1 (entry 0 unused). */
    final int[] nodeOffset;
    /** Scalar rows of each node: the width of its term. */
    final int[] width;
    /** Strictly lower pattern by column: rows i &gt; j of column j, in no particular order; null when {@link #full}. */
    final int[] colPtr;
    final int[] rowIdx;
    /** Share of the strictly lower node pairs that are non-zero (a sample's estimate or a lower bound when {@link #full}). */
    final double density;

    private TrailingPattern(int nodes, int[] nodeOffset, int[] width, int[] colPtr, int[] rowIdx, double density) {
        this.nodes = nodes;
        this.nodeOffset = nodeOffset;
        this.width = width;
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
        this.density = density;
    }

    /** Nodes whose neighbours are counted for the density estimate that may end the work early. */
    static final int DENSITY_SAMPLE = 64;
    /** How far the sample's estimate must exceed the density asked for to be trusted. */
    static final double DENSITY_MARGIN = 0.1;

    /** Whether the pattern was not stored because it is denser than asked for. */
    boolean full() {
        return rowIdx == null;
    }

    /**
     * The pattern of the trailing block of {@code terms} (sorted by levels, term 0 first); when more
     * than {@code maxDensity} of it is non-zero, only that (and a lower bound of its density).
     */
    static TrailingPattern of(List<TermStructure> terms, CrossProducts cross, double maxDensity) {
        int nTerms = terms.size();
        int[] nodeOffset = new int[Math.max(nTerms, 1)];
        int n = 0;
        for (int k = 1; k < nTerms; k++) {
            nodeOffset[k] = n;
            n += terms.get(k).nLevels();
        }
        int[] width = new int[n];
        for (int k = 1; k < nTerms; k++) {
            java.util.Arrays.fill(width, nodeOffset[k], nodeOffset[k] + terms.get(k).nLevels(), terms.get(k).width());
        }
        int levels0 = nTerms == 0 ? 0 : terms.get(0).nLevels();

        // Nodes of each level c of term 0 (ascending), and levels of term 0 of each node.
        int[] byFirstPtr = new int[levels0 + 1];
        int[] byNodePtr = new int[n + 1];
        for (int k = 1; k < nTerms; k++) {
            BlockSparseMatrix a = cross.zTzOff(k, 0);
            for (int c = 0; c < levels0; c++) {
                byFirstPtr[c + 1] += a.colPtr[c + 1] - a.colPtr[c];
                for (int e = a.colPtr[c]; e < a.colPtr[c + 1]; e++) {
                    byNodePtr[nodeOffset[k] + a.rowIdx[e] + 1]++;
                }
            }
        }
        prefixSum(byFirstPtr);
        prefixSum(byNodePtr);
        int[] byFirst = new int[byFirstPtr[levels0]];
        int[] byNode = new int[byNodePtr[n]];
        // Where each node sits in its level's (ascending) list: the nodes after it are the larger ones.
        int[] byNodeSlot = new int[byNodePtr[n]];
        int[] nextFirst = byFirstPtr.clone();
        int[] nextNode = byNodePtr.clone();
        for (int k = 1; k < nTerms; k++) {
            BlockSparseMatrix a = cross.zTzOff(k, 0);
            for (int c = 0; c < levels0; c++) {
                for (int e = a.colPtr[c]; e < a.colPtr[c + 1]; e++) {
                    int node = nodeOffset[k] + a.rowIdx[e];
                    byNodeSlot[nextNode[node]] = nextFirst[c];
                    byFirst[nextFirst[c]++] = node;
                    byNode[nextNode[node]++] = c;
                }
            }
        }
        // Z_k'Z_j (k > j ≥ 1) by column node j.
        int[] crossPtr = new int[n + 1];
        for (int k = 2; k < nTerms; k++) {
            for (int j = 1; j < k; j++) {
                BlockSparseMatrix b = cross.zTzOff(k, j);
                for (int c = 0; c < b.nBlockCols; c++) {
                    crossPtr[nodeOffset[j] + c + 1] += b.colPtr[c + 1] - b.colPtr[c];
                }
            }
        }
        prefixSum(crossPtr);
        int[] crossRow = new int[crossPtr[n]];
        int[] nextCross = crossPtr.clone();
        for (int k = 2; k < nTerms; k++) {
            for (int j = 1; j < k; j++) {
                BlockSparseMatrix b = cross.zTzOff(k, j);
                for (int c = 0; c < b.nBlockCols; c++) {
                    for (int e = b.colPtr[c]; e < b.colPtr[c + 1]; e++) {
                        crossRow[nextCross[nodeOffset[j] + c]++] = nodeOffset[k] + b.rowIdx[e];
                    }
                }
            }
        }

        int[] mark = new int[n];
        java.util.Arrays.fill(mark, -1);
        // A sample of nodes first: the full count costs as much as a few dense factorizations when
        // the pattern is nearly complete (a randomly crossed design), and a sample tells that.
        if (n > 2 * DENSITY_SAMPLE) {
            long neighbours = 0;
            for (int s = 0; s < DENSITY_SAMPLE; s++) {
                int j = (int) ((long) s * n / DENSITY_SAMPLE);
                for (int f = byNodePtr[j]; f < byNodePtr[j + 1]; f++) {
                    int c = byNode[f];
                    for (int e = byFirstPtr[c]; e < byFirstPtr[c + 1]; e++) {
                        int i = byFirst[e];
                        if (i != j && mark[i] != j) {
                            mark[i] = j;
                            neighbours++;
                        }
                    }
                }
            }
            double estimate = (double) neighbours / DENSITY_SAMPLE / (n - 1);
            if (estimate > maxDensity + DENSITY_MARGIN) {
                return new TrailingPattern(n, nodeOffset, width, null, null, estimate);
            }
            java.util.Arrays.fill(mark, -1);
        }
        // Column by column with a marker, in one pass into a growing array; stops as soon as the
        // pattern is denser than asked for.
        long limit = (long) Math.floor(maxDensity * n * (double) (n - 1) / 2);
        int[] colPtr = new int[n + 1];
        int[] rowIdx = new int[Math.max(16, byFirst.length + crossRow.length)];
        int size = 0;
        java.util.Arrays.fill(mark, -1);
        for (int j = 0; j < n; j++) {
            if (rowIdx.length - size < n) {
                rowIdx = java.util.Arrays.copyOf(rowIdx, Math.max(size + n, 2 * rowIdx.length));
            }
            for (int e = crossPtr[j]; e < crossPtr[j + 1]; e++) {
                int i = crossRow[e];
                if (mark[i] != j) {
                    mark[i] = j;
                    rowIdx[size++] = i;
                }
            }
            for (int f = byNodePtr[j]; f < byNodePtr[j + 1]; f++) {
                int c = byNode[f];
                for (int e = byNodeSlot[f] + 1; e < byFirstPtr[c + 1]; e++) {
                    int i = byFirst[e];
                    if (mark[i] != j) {
                        mark[i] = j;
                        rowIdx[size++] = i;
                    }
                }
            }
            colPtr[j + 1] = size;
            if (size > limit) {
                return new TrailingPattern(n, nodeOffset, width, null, null, (double) size / (n * (double) (n - 1) / 2));
            }
        }
        double density = n < 2 ? 0.0 : 2.0 * size / ((double) n * (n - 1));
        return new TrailingPattern(n, nodeOffset, width, colPtr, java.util.Arrays.copyOf(rowIdx, size), density);
    }

    private static void prefixSum(int[] ptr) {
        for (int i = 0; i + 1 < ptr.length; i++) {
            ptr[i + 1] += ptr[i];
        }
    }
}
