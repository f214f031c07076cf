package org.jmixed.spi;

import java.util.ArrayList;
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

    /**
     * The same model with another response: what refitting to simulated data (the parametric
     * bootstrap) needs. Z'Z, Z'X and X'X do not depend on y and are shared, not copied; only the
     * y column of Z'[X y] and the y row of [X y]'[X y] are computed, in O(n·(p + Σ width)), summed
     * exactly as {@link PlsProblemBuilder} sums them, so the result is the builder's to the bit.
     * Evaluators opened on this problem can be re-pointed at the result without a new symbolic
     * analysis ({@link PlsEvaluator#replaceResponse}).
     *
     * @param newY the response, length n; kept, not copied
     */
    public PlsProblem withResponse(double[] newY) {
        if (newY.length != n) {
            throw new IllegalArgumentException("response has " + newY.length + " values, expected " + n);
        }
        int m = p + 1;
        List<double[]> zTxy = new ArrayList<>(terms.size());
        for (int k = 0; k < terms.size(); k++) {
            TermStructure t = terms.get(k);
            int w = t.width();
            int q = t.q();
            double[] out = cross.zTxy(k).clone();
            double[] acc = ExactSum.accumulator(q);
            int[] lev = levelOfRow.get(k);
            double[] z = termColumns.get(k);
            for (int i = 0; i < n; i++) {
                int row = lev[i] * w;
                double yi = newY[i];
                for (int c = 0; c < w; c++) {
                    ExactSum.addProduct(acc, row + c, z[i + c * n], yi);
                }
            }
            ExactSum.round(acc, 0, out, p * q, q);
            zTxy.add(out);
        }
        double[] xyTxy = cross.xyTxy().clone();
        for (int j = 0; j < p; j++) {
            double s = ExactSum.dot(x, j * n, newY, 0, n);
            xyTxy[p + j * m] = s;
            xyTxy[j + p * m] = s;
        }
        xyTxy[p + p * m] = ExactSum.dot(newY, 0, newY, 0, n);
        return new PlsProblem(n, p, terms, cross.withResponse(zTxy, xyTxy), newY, x, levelOfRow, termColumns);
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
