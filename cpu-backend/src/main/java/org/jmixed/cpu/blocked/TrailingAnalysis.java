package org.jmixed.cpu.blocked;

import org.jmixed.cpu.sparse.AmdOrdering;
import org.jmixed.cpu.sparse.SymbolicCholesky;

/**
 * Symbolic analysis of the trailing block, once per problem: a fill-reducing order of its nodes
 * (levels of the later terms, each kept as its w contiguous scalar rows), the factor's pattern, and
 * the supernodes the numeric factorization works on.
 *
 * <p>The order is AMD's, then postordered along the elimination tree (same fill, but the columns
 * of every supernode become contiguous). A supernode is a run of consecutive columns whose factor
 * columns share one pattern below their dense diagonal block: fundamental supernodes, then
 * "relaxed" by merging a child into its parent when they are adjacent and the explicit zeros this
 * stores are few (small supernodes cost more in per-call overhead than their zeros cost in flops).
 *
 * <p>Why supernodes and not tiles of a fixed size: on InstEval (order 1142) the AMD order leaves
 * the sparse early columns with rows spread over the whole block, so every tile of size 16–128 of
 * the factor holds a non-zero and a tile-skipping Cholesky does 97–118% of the dense flops, while
 * the element-level factor needs 21%.
 */
final class TrailingAnalysis {
    final TrailingPattern pattern;
    /** Scalar order of the trailing block. */
    final int order;
    /** nodeOrder[new] = old node. */
    final int[] nodeOrder;
    /** First scalar row of each (old) node in the permuted block. */
    final int[] start;
    /** Σ over scalar columns of (non-zeros in the column)², like {@link SymbolicCholesky#flops()}. */
    final double flops;
    /** Supernode J spans the scalar columns [superCol[J], superCol[J + 1]). */
    final int[] superCol;
    /** Scalar rows below supernode J's diagonal block: belowRow[belowPtr[J] .. belowPtr[J + 1]), ascending. */
    final int[] belowPtr;
    final int[] belowRow;

    /** Merge a child into its parent when the merged supernode is at most this wide, whatever its zeros... */
    static final int RELAX_ALWAYS = 4;
    /** ...or at most this wide with at most {@link #RELAX_ZERO_SHARE} explicit zeros. */
    static final int RELAX_WIDTH = 32;
    static final double RELAX_ZERO_SHARE = 0.2;

    TrailingAnalysis(TrailingPattern pattern) {
        this.pattern = pattern;
        int n = pattern.nodes;
        int[] amd = fillReducingOrder(pattern);
        SymbolicCholesky symbolic = new SymbolicCholesky(n, pattern.colPtr, pattern.rowIdx, amd);
        // Postordered: the same factor with its columns relabelled, so that supernodes are contiguous.
        int[] post = symbolic.postorder();
        int[] relabel = new int[n];
        nodeOrder = new int[n];
        for (int k = 0; k < n; k++) {
            nodeOrder[k] = amd[post[k]];
            relabel[post[k]] = k;
        }
        int[] lColPtr = new int[n + 1];
        for (int k = 0; k < n; k++) {
            lColPtr[k + 1] = lColPtr[k] + symbolic.colCounts()[post[k]];
        }
        int[] lRowIdx = new int[lColPtr[n]];
        int[] parent = new int[n];
        for (int k = 0; k < n; k++) {
            int old = post[k];
            int from = symbolic.lColPtr()[old];
            for (int e = from; e < symbolic.lColPtr()[old + 1]; e++) {
                lRowIdx[lColPtr[k] + e - from] = relabel[symbolic.lRowIdx()[e]];
            }
            java.util.Arrays.sort(lRowIdx, lColPtr[k], lColPtr[k + 1]);
            int up = symbolic.parent()[old];
            parent[k] = up < 0 ? -1 : relabel[up];
        }
        int[] w = new int[n];
        start = new int[n];
        int[] newStart = new int[n + 1];
        for (int k = 0; k < n; k++) {
            w[k] = pattern.width[nodeOrder[k]];
            start[nodeOrder[k]] = newStart[k];
            newStart[k + 1] = newStart[k] + w[k];
        }
        order = newStart[n];
        // Scalar rows below each node's own block, and the flops.
        int[] below = new int[n];
        double f = 0;
        for (int j = 0; j < n; j++) {
            for (int e = lColPtr[j] + 1; e < lColPtr[j + 1]; e++) {
                below[j] += w[lRowIdx[e]];
            }
            for (int a = 0; a < w[j]; a++) {
                double count = w[j] - a + below[j];
                f += count * count;
            }
        }
        flops = f;

        // Fundamental supernodes, relaxed: node j+1 continues the supernode of j when it is j's
        // parent and (fundamental) j's pattern is j+1's plus j+1 itself, or (relaxed) the merged
        // supernode stays narrow with few explicit zeros.
        int[] firstNode = new int[n + 1];
        int count = 0;
        long nonzero = 0;
        int width = 0;
        for (int j = 0; j < n; j++) {
            boolean extend = false;
            if (j > 0 && parent[j - 1] == j) {
                boolean fundamental = below[j - 1] == w[j] + below[j];
                long runWidth = width + w[j];
                long mergedTotal = storedOf(runWidth, below[j]);
                long mergedNonzero = nonzero + storedOf(w[j], below[j]);
                double zeros = 1.0 - (double) mergedNonzero / mergedTotal;
                extend = fundamental || runWidth <= RELAX_ALWAYS
                        || (runWidth <= RELAX_WIDTH && zeros <= RELAX_ZERO_SHARE);
            }
            if (!extend) {
                firstNode[count++] = j;
                width = 0;
                nonzero = 0;
            }
            width += w[j];
            nonzero += storedOf(w[j], below[j]);
        }
        firstNode[count] = n;
        // The dense tail: the last supernodes (the root and its nearest descendants, whose rows
        // lie in the root's anyway) become one dense diagonal block where the estimate says that
        // their scattered updates cost more than dpotrf's extra flops on the zeros.
        double[] costBefore = new double[count + 1];
        for (int j = 0; j < count; j++) {
            double sw = newStart[firstNode[j + 1]] - newStart[firstNode[j]];
            costBefore[j + 1] = costBefore[j] + supernodeSeconds(sw, below[firstNode[j + 1] - 1]);
        }
        int tail = count;
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j <= count; j++) {
            double cost = costBefore[j] + denseSeconds(order - newStart[firstNode[j]]);
            if (cost < best) {
                best = cost;
                tail = j;
            }
        }
        estimatedSeconds = best;
        tailOrder = order - newStart[firstNode[tail]];
        if (tail < count) {
            count = tail + 1;
            firstNode[count] = n;
        }
        superCol = new int[count + 1];
        belowPtr = new int[count + 1];
        for (int s = 0; s <= count; s++) {
            superCol[s] = newStart[firstNode[s]];
        }
        for (int s = 0; s < count; s++) {
            int last = firstNode[s + 1] - 1;
            belowPtr[s + 1] = belowPtr[s] + below[last];
        }
        belowRow = new int[belowPtr[count]];
        for (int s = 0; s < count; s++) {
            int last = firstNode[s + 1] - 1;
            int p = belowPtr[s];
            for (int e = lColPtr[last] + 1; e < lColPtr[last + 1]; e++) {
                int node = lRowIdx[e];
                for (int a = 0; a < w[node]; a++) {
                    belowRow[p++] = newStart[node] + a;
                }
            }
        }
    }

    /**
     * AMD's order of the nodes, computed without the dense ones (degree above {@link #DENSE_DEGREE}
     * times √n, the usual AMD rule), which go last by increasing degree: they would end up in the
     * dense tail anyway, and leaving them out makes AMD several times faster (InstEval: 21–50 ms
     * instead of 210 ms, 22.7% of the dense flops instead of 20.8%).
     */
    static int[] fillReducingOrder(TrailingPattern pattern) {
        int n = pattern.nodes;
        int[] degree = new int[n];
        for (int j = 0; j < n; j++) {
            for (int e = pattern.colPtr[j]; e < pattern.colPtr[j + 1]; e++) {
                degree[j]++;
                degree[pattern.rowIdx[e]]++;
            }
        }
        double threshold = Math.max(16, DENSE_DEGREE * Math.sqrt(n));
        int[] sub = new int[n];
        int m = 0;
        for (int j = 0; j < n; j++) {
            sub[j] = degree[j] > threshold ? -1 : m++;
        }
        int[] subPtr = new int[m + 1];
        int[] subNode = new int[m];
        for (int j = 0; j < n; j++) {
            if (sub[j] >= 0) {
                subNode[sub[j]] = j;
                for (int e = pattern.colPtr[j]; e < pattern.colPtr[j + 1]; e++) {
                    if (sub[pattern.rowIdx[e]] >= 0) {
                        subPtr[sub[j] + 1]++;
                    }
                }
            }
        }
        for (int j = 0; j < m; j++) {
            subPtr[j + 1] += subPtr[j];
        }
        int[] subRow = new int[subPtr[m]];
        int[] next = java.util.Arrays.copyOf(subPtr, m);
        for (int j = 0; j < n; j++) {
            if (sub[j] >= 0) {
                for (int e = pattern.colPtr[j]; e < pattern.colPtr[j + 1]; e++) {
                    int i = sub[pattern.rowIdx[e]];
                    if (i >= 0) {
                        subRow[next[sub[j]]++] = i;
                    }
                }
            }
        }
        int[] order = new int[n];
        int k = 0;
        for (int i : AmdOrdering.compute(m, subPtr, subRow).perm()) {
            order[k++] = subNode[i];
        }
        int denseFrom = k;
        for (int j = 0; j < n; j++) {
            if (sub[j] < 0) {
                order[k++] = j;
            }
        }
        // Increasing degree among the dense nodes (few; insertion order is stable).
        Integer[] dense = new Integer[n - denseFrom];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = order[denseFrom + i];
        }
        java.util.Arrays.sort(dense, java.util.Comparator.comparingInt(j -> degree[j]));
        for (int i = 0; i < dense.length; i++) {
            order[denseFrom + i] = dense[i];
        }
        return order;
    }

    /** Nodes of degree above this times √n are ordered last, outside AMD. */
    static final double DENSE_DEGREE = 10;

    /** Scalar order of the dense tail: the last supernode, its rows all its own. */
    final int tailOrder;
    /** Estimated time of one numeric factorization (the cost model below). */
    final double estimatedSeconds;

    /**
     * The cost model. Rates measured on the 2-core development machine with OpenBLAS, single
     * thread, InstEval (thread CPU time per factorization): dpotrf of order 711–1142 at 33–45
     * GFLOP/s; a supernode's dtrsm/dsyrk calls at about 20 GFLOP/s plus a fixed cost per supernode
     * and per element gathered, zeroed or scattered. The scatter constant decides the tail: from
     * 0.5 to 2 ns InstEval's tail is 652–711 columns and the factorization takes the same time
     * (7.3–7.7 ms CPU); at 6 ns it grows to 996 columns and takes 11.7 ms, at 15 ns 1090 and 13.4 ms.
     */
    static final double DENSE_RATE = 45e9;
    static final double SUPERNODE_RATE = 20e9;
    static final double SECONDS_PER_SUPERNODE = 5e-6;
    static final double SECONDS_PER_SCATTER = 2e-9;

    /** Estimated time of dpotrf of the given order. */
    static double denseSeconds(double order) {
        return order * order * order / 3 / DENSE_RATE;
    }

    /** Estimated time of one supernode of width s with b rows below it. */
    static double supernodeSeconds(double s, double b) {
        double flops = s * s * s / 3 + b * s * s + b * b * s;
        return SECONDS_PER_SUPERNODE + flops / SUPERNODE_RATE + SECONDS_PER_SCATTER * (b * b / 2 + 2 * b * s);
    }

    /** Entries of the lower trapezoid of a supernode of the given width with {@code below} rows under it. */
    private static long storedOf(long width, long below) {
        return width * (width + 1) / 2 + width * below;
    }

    /** Number of supernodes. */
    int supernodes() {
        return superCol.length - 1;
    }

    /** The dense factorization's flops in the same measure: Σ_j (order − j)² ≈ order³/3. */
    double denseFlops() {
        double q = order;
        return q * (q + 1) * (2 * q + 1) / 6.0;
    }
}
