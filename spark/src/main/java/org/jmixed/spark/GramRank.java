package org.jmixed.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The aliased fixed-effects columns found from X'X alone (the rows are not on the driver): columns
 * in order, a column kept when its residual after projection on the kept ones is larger than
 * 1e-7 of its norm, the rule of R's QR that lme4 applies. The residual's squared norm is the
 * pivot of a Cholesky factorization of X'X restricted to the kept columns.
 */
final class GramRank {
    /** R's qr() tolerance, on norms (not squared norms). */
    static final double TOLERANCE = 1e-7;

    private GramRank() {
    }

    /**
     * @param xyTxy [X y]'[X y], (p+1) × (p+1), column-major
     * @param p     columns of X
     */
    static int[] independentColumns(double[] xyTxy, int p) {
        int m = p + 1;
        List<Integer> keep = new ArrayList<>();
        // rows of L for the kept columns, L[j][r] for kept index r
        double[][] l = new double[p][];
        for (int j = 0; j < p; j++) {
            double norm2 = xyTxy[j + j * m];
            double[] row = new double[keep.size()];
            double residual = norm2;
            for (int r = 0; r < keep.size(); r++) {
                int c = keep.get(r);
                double s = xyTxy[j + c * m];
                for (int t = 0; t < r; t++) {
                    s -= row[t] * l[c][t];
                }
                row[r] = s / l[c][r];
                residual -= row[r] * row[r];
            }
            if (norm2 > 0 && residual > TOLERANCE * TOLERANCE * norm2) {
                double[] full = new double[keep.size() + 1];
                System.arraycopy(row, 0, full, 0, row.length);
                full[row.length] = Math.sqrt(residual);
                l[j] = full;
                keep.add(j);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }
}
