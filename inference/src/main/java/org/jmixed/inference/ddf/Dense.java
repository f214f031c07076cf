package org.jmixed.inference.ddf;

import org.jmixed.inference.linalg.Cholesky;

/**
 * Small dense kernels on column-major {@code double[]} for the degrees-of-freedom computations:
 * everything here is p × p or k × k (fixed effects, variance parameters), except
 * {@link #invertLowerInPlace}, which also serves the q × q matrix of Kenward–Roger and skips zero
 * multipliers so that a leading block-diagonal part costs little (the factor itself:
 * {@link org.jmixed.inference.linalg.Cholesky}).
 */
final class Dense {
    private Dense() {
    }

    /** a (r × m) times b (m × c). */
    static double[] mul(double[] a, int r, int m, double[] b, int c) {
        double[] out = new double[r * c];
        for (int j = 0; j < c; j++) {
            for (int k = 0; k < m; k++) {
                double bkj = b[k + j * m];
                if (bkj == 0.0) {
                    continue;
                }
                int ao = k * r;
                int oo = j * r;
                for (int i = 0; i < r; i++) {
                    out[oo + i] += a[ao + i] * bkj;
                }
            }
        }
        return out;
    }

    /** a' (a is m × r) times b (m × c). */
    static double[] tmul(double[] a, int m, int r, double[] b, int c) {
        double[] out = new double[r * c];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < r; i++) {
                double s = 0.0;
                for (int k = 0; k < m; k++) {
                    s += a[k + i * m] * b[k + j * m];
                }
                out[i + j * r] = s;
            }
        }
        return out;
    }

    static double[] transpose(double[] a, int r, int c) {
        double[] t = new double[r * c];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < r; i++) {
                t[j + i * c] = a[i + j * r];
            }
        }
        return t;
    }

    static double trace(double[] a, int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += a[i + i * n];
        }
        return s;
    }

    /** Σ a[i,j] b[j,i] = tr(a b) for square n × n matrices. */
    static double traceOfProduct(double[] a, double[] b, int n) {
        double s = 0.0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                s += a[i + j * n] * b[j + i * n];
            }
        }
        return s;
    }

    /** x' a y for a square n × n. */
    static double quadratic(double[] x, double[] a, double[] y, int n) {
        double s = 0.0;
        for (int j = 0; j < n; j++) {
            if (y[j] == 0.0) {
                continue;
            }
            double t = 0.0;
            for (int i = 0; i < n; i++) {
                t += x[i] * a[i + j * n];
            }
            s += t * y[j];
        }
        return s;
    }

    /**
     * Inverts a lower-triangular n × n matrix in place. From X L = I, column j of X = L⁻¹ below the
     * diagonal is −(1/L_jj) Σ_{k>j} X[·,k] L_kj: columns are done from last to first, so column j of L
     * is still intact when it is needed, and zero L_kj are skipped.
     */
    static void invertLowerInPlace(double[] l, int n) {
        double[] tmp = new double[n];
        for (int j = n - 1; j >= 0; j--) {
            int cj = j * n;
            java.util.Arrays.fill(tmp, j + 1, n, 0.0);
            for (int k = j + 1; k < n; k++) {
                double lkj = l[cj + k];
                if (lkj == 0.0) {
                    continue;
                }
                int ck = k * n;
                for (int i = k; i < n; i++) {
                    tmp[i] += l[ck + i] * lkj;
                }
            }
            double d = 1.0 / l[cj + j];
            l[cj + j] = d;
            for (int i = j + 1; i < n; i++) {
                l[cj + i] = -d * tmp[i];
            }
        }
    }

    /**
     * X'X for a lower-triangular X (n × n): the inverse L⁻ᵀL⁻¹ of a matrix whose Cholesky factor was
     * inverted. Zeros between the diagonal and a column's first nonzero below it are skipped.
     */
    static double[] lowerCrossProduct(double[] x, int n) {
        int[] firstBelow = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i + 1;
            while (k < n && x[k + i * n] == 0.0) {
                k++;
            }
            firstBelow[i] = k;
        }
        double[] out = new double[n * n];
        for (int j = 0; j < n; j++) {
            int cj = j * n;
            for (int i = 0; i <= j; i++) {
                int ci = i * n;
                double s = x[ci + j] * x[cj + j];
                int from = Math.max(j + 1, Math.max(firstBelow[i], firstBelow[j]));
                for (int k = from; k < n; k++) {
                    s += x[ci + k] * x[cj + k];
                }
                out[i + cj] = s;
                out[j + ci] = s;
            }
        }
        return out;
    }

    /** Inverse of a symmetric positive definite n × n matrix (small n). */
    static double[] invertSpd(double[] a, int n) {
        double[] l = a.clone();
        if (!Cholesky.factorInPlace(l, n)) {
            throw new ArithmeticException("matrix is not positive definite");
        }
        invertLowerInPlace(l, n);
        return lowerCrossProduct(l, n);
    }

    /**
     * Eigen-decomposition of a symmetric n × n matrix by cyclic Jacobi rotations (n is the number of
     * rows of a contrast or of variance parameters: small). Eigenvalues decreasing.
     *
     * @param values  out: eigenvalues, length n
     * @return the eigenvectors as columns, n × n column-major, in the order of {@code values}
     */
    static double[] symmetricEigen(double[] a, int n, double[] values) {
        double[] m = a.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i + i * n] = 1.0;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0.0;
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < j; i++) {
                    off += m[i + j * n] * m[i + j * n];
                }
            }
            if (off < 1e-30 * (1.0 + frob2(m))) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p + q * n];
                    if (apq == 0.0) {
                        continue;
                    }
                    double app = m[p + p * n];
                    double aqq = m[q + q * n];
                    double tau = (aqq - app) / (2.0 * apq);
                    double t = Math.signum(tau) / (Math.abs(tau) + Math.sqrt(1.0 + tau * tau));
                    if (tau == 0.0) {
                        t = 1.0;
                    }
                    double c = 1.0 / Math.sqrt(1.0 + t * t);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k + p * n];
                        double mkq = m[k + q * n];
                        m[k + p * n] = c * mkp - s * mkq;
                        m[k + q * n] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p + k * n];
                        double mqk = m[q + k * n];
                        m[p + k * n] = c * mpk - s * mqk;
                        m[q + k * n] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k + p * n];
                        double vkq = v[k + q * n];
                        v[k + p * n] = c * vkp - s * vkq;
                        v[k + q * n] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = m[i + i * n];
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(diag[y], diag[x]));
        double[] vs = new double[n * n];
        for (int c = 0; c < n; c++) {
            values[c] = diag[order[c]];
            System.arraycopy(v, order[c] * n, vs, c * n, n);
        }
        return vs;
    }

    private static double frob2(double[] m) {
        double s = 0.0;
        for (double x : m) {
            s += x * x;
        }
        return s;
    }

    /**
     * Pseudo-inverse of a symmetric n × n matrix through its eigenvalues, keeping those above
     * {@code relTol} times the largest (lmerTest and pbkrtest invert the Hessian and the information
     * this way, so that a zero direction does not blow up).
     */
    static double[] pseudoInverseSymmetric(double[] a, int n, double absTol) {
        double[] values = new double[n];
        double[] v = symmetricEigen(a, n, values);
        double[] out = new double[n * n];
        for (int c = 0; c < n; c++) {
            if (values[c] <= absTol) {
                continue;
            }
            double inv = 1.0 / values[c];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    out[i + j * n] += v[i + c * n] * v[j + c * n] * inv;
                }
            }
        }
        return out;
    }
}
