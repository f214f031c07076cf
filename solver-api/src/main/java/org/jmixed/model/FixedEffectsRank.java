package org.jmixed.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the fixed-effects columns that are linear combinations of earlier ones, as R's pivoted QR
 * (tolerance 1e-7) does when lme4 drops aliased columns: columns are taken in order and a column
 * whose residual, after projecting out the kept ones, is tiny relative to its norm is dropped.
 */
final class FixedEffectsRank {
    /** R's qr() tolerance. */
    static final double TOLERANCE = 1e-7;

    private FixedEffectsRank() {
    }

    /** Indices of the columns to keep, in order. */
    static int[] independentColumns(double[] x, int n, int p) {
        List<double[]> basis = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double[] v = new double[n];
            System.arraycopy(x, j * n, v, 0, n);
            double norm0 = norm(v);
            // Two passes of Gram-Schmidt keep the projection accurate.
            for (int pass = 0; pass < 2; pass++) {
                for (double[] b : basis) {
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += b[i] * v[i];
                    }
                    for (int i = 0; i < n; i++) {
                        v[i] -= d * b[i];
                    }
                }
            }
            double norm = norm(v);
            if (norm0 > 0 && norm > TOLERANCE * norm0) {
                for (int i = 0; i < n; i++) {
                    v[i] /= norm;
                }
                basis.add(v);
                keep.add(j);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
