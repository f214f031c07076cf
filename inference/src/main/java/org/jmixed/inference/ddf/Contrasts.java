package org.jmixed.inference.ddf;

/** Helpers for a contrast matrix L (r × p, column-major) given as rows. */
final class Contrasts {
    /** Relative tolerance of a rank decision (as R's {@code rankMatrix} and lmerTest's eigen cut). */
    static final double RANK_TOLERANCE = 1e-8;

    private Contrasts() {
    }

    static double[] matrix(double[][] rows, int p) {
        int r = rows.length;
        double[] l = new double[r * p];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != p) {
                throw new IllegalArgumentException("contrast row " + (i + 1) + " has " + rows[i].length
                        + " entries; the model has " + p + " fixed effects");
            }
            for (int j = 0; j < p; j++) {
                l[i + j * r] = rows[i][j];
            }
        }
        return l;
    }

    /** The rank of L, from the eigenvalues of L L'. */
    static int rank(double[] l, int r, int p) {
        double[] llt = new double[r * r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                double s = 0.0;
                for (int c = 0; c < p; c++) {
                    s += l[i + c * r] * l[j + c * r];
                }
                llt[i + j * r] = s;
            }
        }
        double[] values = new double[r];
        Dense.symmetricEigen(llt, r, values);
        int rank = 0;
        for (double v : values) {
            if (v > RANK_TOLERANCE * RANK_TOLERANCE * Math.max(values[0], 0.0) && v > 0.0) {
                rank++;
            }
        }
        return rank;
    }

    /** L A L' (r × r) for a p × p matrix A. */
    static double[] sandwich(double[] l, int r, double[] a, int p) {
        double[] la = Dense.mul(l, r, p, a, p);
        return Dense.mul(la, r, p, Dense.transpose(l, r, p), r);
    }

    /** Θ = L'(L Φ L')⁻L, p × p, with the pseudo-inverse so that a rank-deficient L still works. */
    static double[] thetaMatrix(double[] l, int r, int p, double[] lphil) {
        double[] inv = Dense.pseudoInverseSymmetric(lphil, r, RANK_TOLERANCE * maxDiag(lphil, r));
        double[] lt = Dense.transpose(l, r, p);
        return Dense.mul(Dense.mul(lt, p, r, inv, r), p, r, l, p);
    }

    /** (Lβ)'(L A L')⁻(Lβ). */
    static double wald(double[] l, int r, int p, double[] a, double[] beta) {
        double[] lb = Dense.mul(l, r, p, beta, 1);
        double[] inv = Dense.pseudoInverseSymmetric(sandwich(l, r, a, p), r,
                RANK_TOLERANCE * maxDiag(sandwich(l, r, a, p), r));
        return Dense.quadratic(lb, inv, lb, r);
    }

    static double maxDiag(double[] a, int n) {
        double m = 0.0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, a[i + i * n]);
        }
        return m;
    }
}
