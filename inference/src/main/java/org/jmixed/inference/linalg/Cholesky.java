package org.jmixed.inference.linalg;

/**
 * The dense Cholesky factorization LL' of a symmetric positive definite n × n matrix (column-major
 * {@code double[]}) and the two triangular solves, shared by the inference methods: Gibbs
 * full conditionals, Wald tests, the exact RLRT's X'X, Kenward–Roger's Λ'Z'ZΛ + I.
 */
public final class Cholesky {
    private Cholesky() {
    }

    /**
     * Overwrites the lower triangle of {@code a} with L (left-looking, column by column) and zeroes
     * the upper triangle; only the lower triangle of {@code a} is read. A zero multiplier L[j,k] skips
     * its column update, so that a leading block-diagonal part (Kenward–Roger's q × q matrix) costs
     * little; the result is the same as without skipping.
     *
     * @return false when a pivot is not positive (the matrix is not positive definite, or NaN)
     */
    public static boolean factorInPlace(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            int cj = j * n;
            for (int k = 0; k < j; k++) {
                double ljk = a[j + k * n];
                if (ljk == 0.0) {
                    continue;
                }
                int ck = k * n;
                for (int i = j; i < n; i++) {
                    a[cj + i] -= ljk * a[ck + i];
                }
            }
            double d = a[cj + j];
            if (!(d > 0.0)) {
                return false;
            }
            d = Math.sqrt(d);
            a[cj + j] = d;
            for (int i = j + 1; i < n; i++) {
                a[cj + i] /= d;
            }
            for (int i = 0; i < j; i++) {
                a[cj + i] = 0.0;
            }
        }
        return true;
    }

    /** x ← L⁻¹ x, L lower triangular n × n. */
    public static void forward(double[] l, int n, double[] x) {
        for (int i = 0; i < n; i++) {
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= l[i + k * n] * x[k];
            }
            x[i] = s / l[i + i * n];
        }
    }

    /** x ← L'⁻¹ x, L lower triangular n × n. */
    public static void backward(double[] l, int n, double[] x) {
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k + i * n] * x[k];
            }
            x[i] = s / l[i + i * n];
        }
    }
}
