package org.jmixed.model;

/**
 * Cholesky factorization and solves for the tiny dense matrices of the starting-value guess
 * (width of a term, number of fixed effects): column-major, lower triangle, in place.
 */
final class SmallCholesky {
    /** A pivot below this share of its original diagonal counts as singular. */
    static final double RELATIVE_PIVOT = 1e-10;

    private SmallCholesky() {
    }

    /** Overwrites the lower triangle of a (n × n) with L, a = LL'; false when not positive definite. */
    static boolean factor(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double original = a[j + j * n];
            double d = original;
            for (int k = 0; k < j; k++) {
                d -= a[j + k * n] * a[j + k * n];
            }
            if (!(d > RELATIVE_PIVOT * Math.abs(original)) || !(d > 0)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            a[j + j * n] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i + j * n];
                for (int k = 0; k < j; k++) {
                    s -= a[i + k * n] * a[j + k * n];
                }
                a[i + j * n] = s / ljj;
            }
        }
        return true;
    }

    /** Solves LL'x = b in place, L from {@link #factor}. */
    static void solve(double[] l, int n, double[] b) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i + k * n] * b[k];
            }
            b[i] = s / l[i + i * n];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k + i * n] * b[k];
            }
            b[i] = s / l[i + i * n];
        }
    }
}
