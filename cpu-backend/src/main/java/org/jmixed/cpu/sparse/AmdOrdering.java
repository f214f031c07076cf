package org.jmixed.cpu.sparse;

import java.util.Arrays;

/**
 * Approximate minimum degree (AMD) fill-reducing ordering of a symmetric sparse pattern, written
 * from the algorithm of Amestoy, Davis and Duff (SIAM J. Matrix Anal. Appl. 17, 1996).
 *
 * <p>The elimination is simulated on a <em>quotient graph</em>: eliminating a variable p turns it
 * into an <em>element</em> whose variable list L_p stands for the clique p would have created, so
 * memory never exceeds the input pattern plus the element lists. Each variable i keeps a list of
 * adjacent elements E_i and of adjacent variables A_i. The ingredients that make it fast:
 *
 * <ul>
 *   <li><b>element absorption</b>: elements adjacent to the pivot are merged into the new element;
 *       an element whose variables all lie in the new one is absorbed as well ("aggressive");</li>
 *   <li><b>approximate external degrees</b>: the bound
 *       d_i ≤ min(n_left − |i|, d_i^old + |L_p \ i|, |A_i| + |L_p \ i| + Σ_{e ∈ E_i, e ≠ p} |L_e \ L_p|),
 *       where the |L_e \ L_p| are found for all e at once by one scan over L_p;</li>
 *   <li><b>supervariables</b>: variables with identical E and A lists (found by hashing) are merged
 *       and carried as one weighted node, so a random-effects term of width w costs like one node;</li>
 *   <li><b>mass elimination</b>: a variable adjacent only to the new element is eliminated with the
 *       pivot at no cost.</li>
 * </ul>
 *
 * <p>Not done (documented limits): no special treatment of dense rows (PLS matrices that reach this
 * path have none), no "degree-list tie breaking" beyond LIFO order. Run time is roughly
 * O(nnz(A) + Σ|L_p|·|E_i|), far below O(n²) on the sparse patterns of nested designs.
 */
public final class AmdOrdering {

    /** Variable not yet eliminated, principal (represents its supervariable). */
    private static final byte VARIABLE = 0;
    /** Eliminated: an element, alive. */
    private static final byte ELEMENT = 1;
    /** Element absorbed into a later element. */
    private static final byte ABSORBED = 2;
    /** Variable merged into another (supervariable) or mass-eliminated with a pivot. */
    private static final byte NONPRINCIPAL = 3;

    private final int[] perm;
    private final int[] inversePerm;

    private AmdOrdering(int[] perm, int[] inversePerm) {
        this.perm = perm;
        this.inversePerm = inversePerm;
    }

    /** perm[newIndex] = oldIndex. */
    public int[] perm() {
        return perm;
    }

    /** inversePerm[oldIndex] = newIndex. */
    public int[] inversePerm() {
        return inversePerm;
    }

    /**
     * Orders the symmetric pattern given in compressed-column form. Either triangle or both may be
     * given, duplicates and diagonal entries are allowed (both are ignored).
     *
     * @param n      order of the matrix
     * @param colPtr column pointers, length n + 1
     * @param rowIdx row indices
     */
    public static AmdOrdering compute(int n, int[] colPtr, int[] rowIdx) {
        if (colPtr.length != n + 1) {
            throw new IllegalArgumentException("colPtr must have n + 1 = " + (n + 1) + " entries");
        }
        return new Worker(n, buildAdjacency(n, colPtr, rowIdx)).run();
    }

    /** The natural ordering, for comparisons. */
    public static AmdOrdering identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return new AmdOrdering(p, p.clone());
    }

    /** Symmetrised adjacency without diagonal and without duplicates, one array per vertex. */
    private static int[][] buildAdjacency(int n, int[] colPtr, int[] rowIdx) {
        int[] count = new int[n];
        for (int j = 0; j < n; j++) {
            for (int e = colPtr[j]; e < colPtr[j + 1]; e++) {
                int i = rowIdx[e];
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("row index " + i + " out of range in column " + j);
                }
                if (i != j) {
                    count[i]++;
                    count[j]++;
                }
            }
        }
        int[][] adj = new int[n][];
        for (int i = 0; i < n; i++) {
            adj[i] = new int[count[i]];
        }
        Arrays.fill(count, 0);
        for (int j = 0; j < n; j++) {
            for (int e = colPtr[j]; e < colPtr[j + 1]; e++) {
                int i = rowIdx[e];
                if (i != j) {
                    adj[i][count[i]++] = j;
                    adj[j][count[j]++] = i;
                }
            }
        }
        // Remove duplicates (an entry given in both triangles appears twice) with a marker array.
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        for (int i = 0; i < n; i++) {
            int[] a = adj[i];
            int m = 0;
            for (int v : a) {
                if (mark[v] != i) {
                    mark[v] = i;
                    a[m++] = v;
                }
            }
            if (m != a.length) {
                adj[i] = Arrays.copyOf(a, m);
            }
        }
        return adj;
    }

    /** The state of one ordering run. */
    private static final class Worker {
        private final int n;
        /** Per variable: elements first (elen[i] of them), then variables; len[i] entries in use. */
        private final int[][] list;
        private final int[] elen;
        private final int[] len;
        /** Per element: its variable list L_e (may hold stale non-principal entries). */
        private final int[][] elementVars;
        /** Weighted size of L_e, fixed at creation (see {@link #eliminate}). */
        private final int[] elementSize;
        private final byte[] status;
        /** Supervariable weight of a principal variable. */
        private final int[] nv;
        /** Non-principal variable: the variable or pivot it was merged into. */
        private final int[] parent;
        /** Approximate external degree of each principal variable. */
        private final int[] degree;
        /** Degree buckets: doubly linked lists. */
        private final int[] head;
        private final int[] next;
        private final int[] prev;
        private int minDegree;
        /** |L_e \ L_p| for the current pivot, valid when wStamp[e] equals the pivot step. */
        private final int[] w;
        private final int[] wStamp;
        /** Marks membership in the current L_p. */
        private final int[] inLp;
        /** External degree contributions found while pruning, and hashes, for the current L_p. */
        private final int[] extDegree;
        private final long[] hash;
        private final int[] hashHead;
        private final int[] hashNext;
        private final int[] mark;
        private int markStamp;
        private final int[] lp;
        private final int[] pivots;
        private int nPivots;

        Worker(int n, int[][] adjacency) {
            this.n = n;
            list = adjacency;
            elen = new int[n];
            len = new int[n];
            elementVars = new int[n][];
            elementSize = new int[n];
            status = new byte[n];
            nv = new int[n];
            parent = new int[n];
            degree = new int[n];
            head = new int[n + 1];
            next = new int[n];
            prev = new int[n];
            w = new int[n];
            wStamp = new int[n];
            inLp = new int[n];
            extDegree = new int[n];
            hash = new long[n];
            hashHead = new int[n];
            hashNext = new int[n];
            mark = new int[n];
            lp = new int[n];
            pivots = new int[n];
            Arrays.fill(head, -1);
            Arrays.fill(parent, -1);
            Arrays.fill(wStamp, -1);
            Arrays.fill(inLp, -1);
            Arrays.fill(hashHead, -1);
            for (int i = 0; i < n; i++) {
                len[i] = list[i].length;
                nv[i] = 1;
                degree[i] = len[i];
                insert(i);
            }
            minDegree = 0;
        }

        AmdOrdering run() {
            int nLeft = n;
            int step = 0;
            while (nLeft > 0) {
                while (head[minDegree] < 0) {
                    minDegree++;
                }
                int p = head[minDegree];
                remove(p);
                nLeft -= eliminate(p, step, nLeft - nv[p]);
                step++;
            }
            return buildPermutation();
        }

        private void insert(int i) {
            int d = degree[i];
            next[i] = head[d];
            prev[i] = -1;
            if (head[d] >= 0) {
                prev[head[d]] = i;
            }
            head[d] = i;
            if (d < minDegree) {
                minDegree = d;
            }
        }

        private void remove(int i) {
            int d = degree[i];
            if (prev[i] >= 0) {
                next[prev[i]] = next[i];
            } else {
                head[d] = next[i];
            }
            if (next[i] >= 0) {
                prev[next[i]] = prev[i];
            }
        }

        private int nextMark() {
            if (markStamp == Integer.MAX_VALUE) {
                Arrays.fill(mark, 0);
                markStamp = 0;
            }
            return ++markStamp;
        }

        /**
         * Eliminates pivot p; returns the weight of the variables eliminated (p's supervariable and
         * any mass-eliminated ones). {@code nLeftAfter} is the weight of the variables still left
         * once p is gone, the trivial degree bound.
         *
         * <p>Why an element's weighted size never changes after creation: a variable leaves L_e
         * only when it is eliminated, and then e is adjacent to the pivot and absorbed; a variable
         * merged into a supervariable hands its weight to a variable of the same lists; a mass
         * eliminated variable belongs to no element but the current one.
         */
        private int eliminate(int p, int step, int nLeftAfter) {
            pivots[nPivots++] = p;
            status[p] = ELEMENT;
            int eliminated = nv[p];

            // 1. Form L_p = (A_p ∪ ⋃_{e ∈ E_p} L_e) \ {p}, absorbing the elements of E_p.
            int nLp = 0;
            int[] lpList = list[p];
            for (int t = 0; t < len[p]; t++) {
                int e = lpList[t];
                if (t < elen[p]) {
                    if (status[e] != ELEMENT) {
                        continue;
                    }
                    int[] vars = elementVars[e];
                    for (int v : vars) {
                        if (status[v] == VARIABLE && inLp[v] != step) {
                            inLp[v] = step;
                            lp[nLp++] = v;
                        }
                    }
                    status[e] = ABSORBED;
                    elementVars[e] = null;
                } else if (status[e] == VARIABLE && inLp[e] != step) {
                    inLp[e] = step;
                    lp[nLp++] = e;
                }
            }
            list[p] = null;
            len[p] = 0;
            elen[p] = 0;
            for (int t = 0; t < nLp; t++) {
                remove(lp[t]);
            }

            // 2. |L_e \ L_p| for every element e adjacent to some variable of L_p.
            for (int t = 0; t < nLp; t++) {
                int i = lp[t];
                int[] li = list[i];
                for (int s = 0; s < elen[i]; s++) {
                    int e = li[s];
                    if (status[e] != ELEMENT) {
                        continue;
                    }
                    if (wStamp[e] != step) {
                        wStamp[e] = step;
                        w[e] = elementSize[e];
                    }
                    w[e] -= nv[i];
                }
            }

            // 3. Prune the lists of each i ∈ L_p, add p, compute the external degree outside L_p,
            //    absorb elements inside L_p, detect mass elimination, and hash the lists.
            int degme = 0;
            int kept = 0;
            for (int t = 0; t < nLp; t++) {
                int i = lp[t];
                int[] li = list[i];
                int ext = 0;
                long h = p;
                int ne;
                int nOldE = elen[i];
                int nOld = len[i];
                // Compact the survivors to the front, then shift right by one to put p first.
                int m = 0;
                for (int s = 0; s < nOldE; s++) {
                    int e = li[s];
                    if (status[e] != ELEMENT) {
                        continue;
                    }
                    int we = wStamp[e] == step ? w[e] : elementSize[e];
                    if (we == 0) {
                        // Aggressive absorption: L_e ⊆ L_p.
                        status[e] = ABSORBED;
                        elementVars[e] = null;
                        continue;
                    }
                    ext += we;
                    h += e;
                    li[m++] = e;
                }
                ne = m;
                for (int s = nOldE; s < nOld; s++) {
                    int v = li[s];
                    if (status[v] != VARIABLE || inLp[v] == step) {
                        continue;
                    }
                    ext += nv[v];
                    h += v;
                    li[m++] = v;
                }
                if (m == li.length) {
                    li = Arrays.copyOf(li, m + 1);
                    list[i] = li;
                }
                System.arraycopy(li, 0, li, 1, m);
                li[0] = p;
                elen[i] = ne + 1;
                len[i] = m + 1;
                if (ne == 0 && m == 0) {
                    // Mass elimination: i is adjacent to nothing but p.
                    status[i] = NONPRINCIPAL;
                    parent[i] = p;
                    eliminated += nv[i];
                    list[i] = null;
                    continue;
                }
                extDegree[i] = ext;
                hash[i] = h;
                lp[kept++] = i;
                degme += nv[i];
            }
            nLp = kept;

            // 4. Supervariable detection among the survivors: equal hash, then equal lists.
            for (int t = 0; t < nLp; t++) {
                int i = lp[t];
                int b = (int) Long.remainderUnsigned(hash[i], n);
                hashNext[i] = hashHead[b];
                hashHead[b] = i;
            }
            for (int t = 0; t < nLp; t++) {
                int i = lp[t];
                int b = (int) Long.remainderUnsigned(hash[i], n);
                int chain = hashHead[b];
                if (chain < 0) {
                    continue; // bucket already processed
                }
                hashHead[b] = -1;
                for (int a = chain; a >= 0; a = hashNext[a]) {
                    if (status[a] != VARIABLE) {
                        continue;
                    }
                    int stamp = nextMark();
                    int[] la = list[a];
                    for (int s = 0; s < len[a]; s++) {
                        mark[la[s]] = stamp;
                    }
                    for (int c = hashNext[a]; c >= 0; c = hashNext[c]) {
                        if (status[c] != VARIABLE || hash[c] != hash[a] || len[c] != len[a]
                                || elen[c] != elen[a]) {
                            continue;
                        }
                        int[] lc = list[c];
                        boolean same = true;
                        for (int s = 0; s < len[c] && same; s++) {
                            same = mark[lc[s]] == stamp;
                        }
                        if (same) {
                            // c is indistinguishable from a: merge it into a.
                            nv[a] += nv[c];
                            nv[c] = 0;
                            status[c] = NONPRINCIPAL;
                            parent[c] = a;
                            list[c] = null;
                        }
                    }
                }
            }

            // 5. New degrees, and the list of element p.
            int[] lpVars = new int[nLp];
            int np = 0;
            for (int t = 0; t < nLp; t++) {
                int i = lp[t];
                if (status[i] != VARIABLE) {
                    continue;
                }
                lpVars[np++] = i;
                int others = degme - nv[i];
                long d = Math.min((long) degree[i] + others, (long) extDegree[i] + others);
                d = Math.min(d, nLeftAfter - (eliminated - nv[p]) - nv[i]);
                degree[i] = (int) Math.max(d, 0);
                insert(i);
            }
            elementVars[p] = np == nLp ? lpVars : Arrays.copyOf(lpVars, np);
            elementSize[p] = degme;
            return eliminated;
        }

        /** Pivots in order, each followed by the variables merged or mass-eliminated into it. */
        private AmdOrdering buildPermutation() {
            int[] rank = new int[n];
            Arrays.fill(rank, -1);
            for (int k = 0; k < nPivots; k++) {
                rank[pivots[k]] = k;
            }
            // Resolve each variable to its pivot, compressing the parent paths.
            int[] root = new int[n];
            for (int i = 0; i < n; i++) {
                int r = i;
                while (rank[r] < 0) {
                    r = parent[r];
                }
                int j = i;
                while (rank[j] < 0) {
                    int nxt = parent[j];
                    parent[j] = r;
                    j = nxt;
                }
                root[i] = r;
            }
            int[] start = new int[nPivots + 1];
            for (int i = 0; i < n; i++) {
                start[rank[root[i]] + 1]++;
            }
            for (int k = 0; k < nPivots; k++) {
                start[k + 1] += start[k];
            }
            int[] perm = new int[n];
            // The pivot itself first in its group, then its members.
            for (int k = 0; k < nPivots; k++) {
                perm[start[k]++] = pivots[k];
            }
            for (int i = 0; i < n; i++) {
                if (rank[i] < 0) {
                    perm[start[rank[root[i]]]++] = i;
                }
            }
            int[] inv = new int[n];
            for (int k = 0; k < n; k++) {
                inv[perm[k]] = k;
            }
            return new AmdOrdering(perm, inv);
        }
    }
}
