package org.jmixed.spi;

import java.util.List;

/**
 * Everything a backend needs to evaluate the profiled objective of one model: the structure of the
 * random-effects terms (ordered by number of levels, largest first), the cross-products, and the
 * raw data for backends that prefer to build their own. Immutable by convention: backends must not
 * modify the arrays.
 *
 * @param n            observations
 * @param p            fixed-effects columns (full rank: aliased columns already removed)
 * @param terms        random-effects terms, most levels first; empty for a linear model
 * @param cross        cross-products of Z, X and y
 * @param y            response, length n
 * @param x            fixed-effects matrix, n × p, column-major
 * @param levelOfRow   per term, the level of each observation
 * @param termColumns  per term, its raw model matrix n × width, column-major
 */
public record PlsProblem(int n, int p, List<TermStructure> terms, CrossProducts cross, double[] y, double[] x,
                         List<int[]> levelOfRow, List<double[]> termColumns) {

    /** Length of θ. */
    public int thetaLength() {
        int len = 0;
        for (TermStructure t : terms) {
            len += t.thetaLength();
        }
        return len;
    }

    /** Total number of random effects, the order of Λ'Z'ZΛ + I. */
    public int q() {
        int q = 0;
        for (TermStructure t : terms) {
            q += t.q();
        }
        return q;
    }

    /** Offset of term k's block in u (and in the rows of L). */
    public int uOffset(int k) {
        int off = 0;
        for (int i = 0; i < k; i++) {
            off += terms.get(i).q();
        }
        return off;
    }
}
