package org.jmixed.inference.lmlist;

/**
 * Least squares by Householder QR with R's {@code lm} treatment of rank deficiency: columns are
 * taken in order, and a column whose norm, after the reflections of the columns kept before it,
 * falls below {@link #ALIAS_TOLERANCE} times its original norm is aliased (its coefficient NA),
 * as LINPACK's {@code dqrdc2} with {@code lm}'s default {@code tol = 1e-7} decides.
 */
final class OrdinaryLeastSquares {
    /** {@code lm}'s default tolerance for declaring a column linearly dependent on earlier ones. */
    static final double ALIAS_TOLERANCE = 1e-7;

    /**
     * @param coef     length p; NaN for aliased columns
     * @param unscaled the diagonal of (R'R)⁻¹ for kept columns, NaN for aliased ones
     * @param rss      residual sum of squares
     * @param rank     number of kept columns; residual degrees of freedom are n − rank
     */
    record Solution(double[] coef, double[] unscaled, double rss, int rank) {
    }

    private OrdinaryLeastSquares() {
    }

    /** Fits y on the n × p column-major matrix x (both copied; the inputs are not changed). */
    static Solution fit(double[] xIn, int n, int p, double[] yIn) {
        double[] a = xIn.clone();
        double[] y = yIn.clone();
        int[] kept = new int[p];
        int k = 0;
        for (int j = 0; j < p; j++) {
            int col = j * n;
            double original = 0;
            for (int i = 0; i < n; i++) {
                original += a[col + i] * a[col + i];
            }
            original = Math.sqrt(original);
            double tail = 0;
            for (int i = k; i < n; i++) {
                tail += a[col + i] * a[col + i];
            }
            tail = Math.sqrt(tail);
            if (k >= n || original == 0 || tail < ALIAS_TOLERANCE * original) {
                continue;
            }
            // reflection taking a[k:n, j] to (−sign·tail, 0, ..., 0)
            double alpha = a[col + k] > 0 ? -tail : tail;
            double[] v = new double[n - k];
            for (int i = k; i < n; i++) {
                v[i - k] = a[col + i];
            }
            v[0] -= alpha;
            double vv = 0;
            for (double vi : v) {
                vv += vi * vi;
            }
            if (vv > 0) {
                for (int jj = j; jj < p; jj++) {
                    reflect(a, jj * n + k, v, vv);
                }
                reflect(y, k, v, vv);
            }
            // make the move explicit: the kept column's entries below the diagonal are now zero
            a[col + k] = alpha;
            for (int i = k + 1; i < n; i++) {
                a[col + i] = 0;
            }
            kept[k++] = j;
        }
        // R is the k × k upper triangle of the kept columns' first k rows
        double[] r = new double[k * k];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i <= c; i++) {
                r[i + c * k] = a[kept[c] * n + i];
            }
        }
        double[] b = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double s = y[i];
            for (int c = i + 1; c < k; c++) {
                s -= r[i + c * k] * b[c];
            }
            b[i] = s / r[i + i * k];
        }
        double rss = 0;
        for (int i = k; i < n; i++) {
            rss += y[i] * y[i];
        }
        // diag((R'R)⁻¹) = row sums of squares of R⁻¹
        double[] rinv = new double[k * k];
        for (int c = 0; c < k; c++) {
            rinv[c + c * k] = 1 / r[c + c * k];
            for (int i = c - 1; i >= 0; i--) {
                double s = 0;
                for (int m = i + 1; m <= c; m++) {
                    s += r[i + m * k] * rinv[m + c * k];
                }
                rinv[i + c * k] = -s / r[i + i * k];
            }
        }
        double[] coef = new double[p];
        double[] unscaled = new double[p];
        java.util.Arrays.fill(coef, Double.NaN);
        java.util.Arrays.fill(unscaled, Double.NaN);
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int c = i; c < k; c++) {
                s += rinv[i + c * k] * rinv[i + c * k];
            }
            coef[kept[i]] = b[i];
            unscaled[kept[i]] = s;
        }
        return new Solution(coef, unscaled, rss, k);
    }

    /** x[off:off+len] ← (I − 2 v v'/v'v) x[off:off+len]. */
    private static void reflect(double[] x, int off, double[] v, double vv) {
        double d = 0;
        for (int i = 0; i < v.length; i++) {
            d += v[i] * x[off + i];
        }
        double f = 2 * d / vv;
        for (int i = 0; i < v.length; i++) {
            x[off + i] -= f * v[i];
        }
    }
}
