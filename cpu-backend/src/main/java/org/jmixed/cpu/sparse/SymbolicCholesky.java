package org.jmixed.cpu.sparse;

import java.util.Arrays;

/**
 * Symbolic Cholesky analysis of C = P A Pᵀ for a symmetric pattern A and a permutation P: the
 * elimination tree, a postorder of it, the column counts and the full pattern of L (compressed
 * columns, row indices sorted, diagonal first in every column).
 *
 * <p>Method: the elimination tree by Liu's algorithm (ancestor links with path compression, near
 * O(nnz(A))). Row k of L is the set of nodes reached by walking up the tree from every i &lt; k with
 * C(i,k) ≠ 0 until a node already visited for row k (the "row subtree"). Walking every row once
 * counts the columns, walking again fills them; because rows are visited in increasing order the
 * row indices of each column come out sorted. Both walks cost O(nnz(L)), which the factor needs in
 * memory anyway, so the cleverer skeleton-matrix column-count algorithm is not worth its code here.
 */
public final class SymbolicCholesky {
    private final int n;
    private final int[] perm;
    private final int[] inversePerm;
    private final int[] parent;
    private final int[] postorder;
    private final int[] colCounts;
    private final int[] lColPtr;
    private final int[] lRowIdx;
    private final double flops;

    /**
     * @param n      order of A
     * @param colPtr A's column pointers (either triangle, or both; duplicates allowed)
     * @param rowIdx A's row indices
     * @param perm   perm[new] = old; null for the natural order
     */
    public SymbolicCholesky(int n, int[] colPtr, int[] rowIdx, int[] perm) {
        this.n = n;
        if (colPtr.length != n + 1) {
            throw new IllegalArgumentException("colPtr must have n + 1 entries");
        }
        this.perm = perm == null ? AmdOrdering.identity(n).perm() : perm.clone();
        this.inversePerm = new int[n];
        Arrays.fill(inversePerm, -1);
        for (int k = 0; k < n; k++) {
            int old = this.perm[k];
            if (old < 0 || old >= n || inversePerm[old] >= 0) {
                throw new IllegalArgumentException("perm is not a permutation of 0.." + (n - 1));
            }
            inversePerm[old] = k;
        }

        // Upper triangle of C by columns: entry C(i, k) with i < k stored in column k.
        int[] upPtr = new int[n + 1];
        for (int j = 0; j < n; j++) {
            for (int e = colPtr[j]; e < colPtr[j + 1]; e++) {
                int a = inversePerm[rowIdx[e]];
                int b = inversePerm[j];
                if (a != b) {
                    upPtr[Math.max(a, b) + 1]++;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            upPtr[k + 1] += upPtr[k];
        }
        int[] upIdx = new int[upPtr[n]];
        int[] fill = Arrays.copyOf(upPtr, n);
        for (int j = 0; j < n; j++) {
            for (int e = colPtr[j]; e < colPtr[j + 1]; e++) {
                int a = inversePerm[rowIdx[e]];
                int b = inversePerm[j];
                if (a != b) {
                    upIdx[fill[Math.max(a, b)]++] = Math.min(a, b);
                }
            }
        }

        parent = eliminationTree(n, upPtr, upIdx);
        postorder = postorder(n, parent);

        // Row subtrees: count, then fill.
        colCounts = new int[n];
        int[] visited = new int[n];
        Arrays.fill(visited, -1);
        for (int k = 0; k < n; k++) {
            colCounts[k]++; // diagonal
            visited[k] = k;
            for (int e = upPtr[k]; e < upPtr[k + 1]; e++) {
                for (int i = upIdx[e]; visited[i] != k; i = parent[i]) {
                    visited[i] = k;
                    colCounts[i]++;
                }
            }
        }
        lColPtr = new int[n + 1];
        double fl = 0;
        for (int j = 0; j < n; j++) {
            lColPtr[j + 1] = lColPtr[j] + colCounts[j];
            if (lColPtr[j + 1] < 0) {
                throw new IllegalStateException("nnz(L) exceeds 2^31");
            }
            fl += (double) colCounts[j] * colCounts[j];
        }
        flops = fl;
        lRowIdx = new int[lColPtr[n]];
        int[] next = Arrays.copyOf(lColPtr, n);
        Arrays.fill(visited, -1);
        for (int k = 0; k < n; k++) {
            // Row k enters its off-diagonal columns in increasing k, so columns stay sorted; the
            // diagonal is written when column k is reached, which comes before any later row.
            lRowIdx[next[k]++] = k;
            visited[k] = k;
            for (int e = upPtr[k]; e < upPtr[k + 1]; e++) {
                for (int i = upIdx[e]; visited[i] != k; i = parent[i]) {
                    visited[i] = k;
                    lRowIdx[next[i]++] = k;
                }
            }
        }
    }

    /** Liu's algorithm on the upper-triangular pattern by columns. */
    static int[] eliminationTree(int n, int[] upPtr, int[] upIdx) {
        int[] parent = new int[n];
        int[] ancestor = new int[n];
        for (int k = 0; k < n; k++) {
            parent[k] = -1;
            ancestor[k] = -1;
            for (int e = upPtr[k]; e < upPtr[k + 1]; e++) {
                int i = upIdx[e];
                // Climb from i to the root of its current subtree, pointing everything at k.
                while (i != -1 && i < k) {
                    int next = ancestor[i];
                    ancestor[i] = k;
                    if (next == -1) {
                        parent[i] = k;
                    }
                    i = next;
                }
            }
        }
        return parent;
    }

    /** Depth-first postorder of the forest, without recursion. */
    static int[] postorder(int n, int[] parent) {
        int[] firstChild = new int[n];
        int[] sibling = new int[n];
        Arrays.fill(firstChild, -1);
        // Insert children in reverse so that they are visited in increasing order.
        for (int j = n - 1; j >= 0; j--) {
            if (parent[j] >= 0) {
                sibling[j] = firstChild[parent[j]];
                firstChild[parent[j]] = j;
            }
        }
        int[] post = new int[n];
        int[] stack = new int[n];
        int k = 0;
        for (int root = 0; root < n; root++) {
            if (parent[root] != -1) {
                continue;
            }
            int top = 0;
            stack[0] = root;
            while (top >= 0) {
                int node = stack[top];
                int child = firstChild[node];
                if (child == -1) {
                    post[k++] = node;
                    top--;
                } else {
                    firstChild[node] = sibling[child];
                    stack[++top] = child;
                }
            }
        }
        return post;
    }

    public int n() {
        return n;
    }

    /** perm[new] = old. */
    public int[] perm() {
        return perm;
    }

    /** inversePerm[old] = new. */
    public int[] inversePerm() {
        return inversePerm;
    }

    /** Elimination tree of C: parent[j], or −1 for a root. */
    public int[] parent() {
        return parent;
    }

    /** A postorder of the elimination tree (children before parents). */
    public int[] postorder() {
        return postorder;
    }

    /** Non-zeros in each column of L, diagonal included. */
    public int[] colCounts() {
        return colCounts;
    }

    /** Column pointers of L, length n + 1. */
    public int[] lColPtr() {
        return lColPtr;
    }

    /** Row indices of L by column, sorted, diagonal first. */
    public int[] lRowIdx() {
        return lRowIdx;
    }

    /** nnz(L), diagonal included. */
    public long nnzL() {
        return lColPtr[n];
    }

    /** Σ colcount², the usual estimate of the flops of one numeric factorization. */
    public double flops() {
        return flops;
    }

    /**
     * Position in {@link #lRowIdx()} of entry (row, col) of L (row ≥ col), or −1 when it is not in
     * the pattern. Binary search; meant for set-up, not inner loops.
     */
    public int position(int row, int col) {
        int pos = Arrays.binarySearch(lRowIdx, lColPtr[col], lColPtr[col + 1], row);
        return pos >= 0 ? pos : -1;
    }
}
