package org.jmixed.cpu;

/**
 * The dense fixed-effects part of a PLS evaluation, shared by every factorization of Λ'Z'ZΛ + I
 * (the blocked and sparse paths here, the CHOLMOD backend): given RZX = L⁻¹PΛ'Z'[X y] (q × (p+1),
 * column-major, rows in the factor's order), the lower Cholesky factor of the (p+1) × (p+1) matrix
 * [X y]'[X y] − RZX'RZX, whose leading p × p block is RX, whose last row holds RX⁻¹-scaled
 * [X y]'y terms, and whose last diagonal entry r gives the penalized residual sum of squares r².
 * Plain loops: p is small, and the cost is dominated by the q·(p+1)² products of the Schur term.
 *
 * <p>{@link #factor} writes into an array allocated once, so a factorization allocates nothing;
 * the solve-time results ({@link #beta}, {@link #residualRhs}, {@link #unscaledVcovBeta}) are new
 * arrays. Not thread-safe.
 */
public final class DenseXPart {
    private final int q;
    private final int p;
    /** p + 1: columns of [X y]. */
    private final int m;
    /** [X y]'[X y], m × m column-major. */
    private final double[] xyTxy;
    /** The m × m lower factor of [X y]'[X y] − RZX'RZX, column-major. */
    private final double[] lxy;

    /**
     * @param q     order of L (rows of RZX)
     * @param p     number of fixed-effects columns
     * @param xyTxy [X y]'[X y], (p+1) × (p+1) column-major; kept, not copied
     */
    public DenseXPart(int q, int p, double[] xyTxy) {
        this.q = q;
        this.p = p;
        this.m = p + 1;
        this.xyTxy = xyTxy;
        this.lxy = new double[m * m];
    }

    /**
     * Factors [X y]'[X y] − RZX'RZX (lower triangle, then its dense Cholesky).
     *
     * @param rzx RZX, q × (p+1) column-major
     * @return Σ log diag(RX), half of log|RX|²
     * @throws IllegalStateException when X'X − RZX'RZX is not positive definite (rank-deficient X)
     */
    public double factor(double[] rzx) {
        for (int b = 0; b < m; b++) {
            for (int a = b; a < m; a++) {
                double s = xyTxy[a + b * m];
                int oa = a * q;
                int ob = b * q;
                for (int i = 0; i < q; i++) {
                    s -= rzx[oa + i] * rzx[ob + i];
                }
                lxy[a + b * m] = s;
            }
        }
        return choleskyInPlace();
    }

    /**
     * Factors a matrix whose Schur term the caller has already subtracted (e.g. with a BLAS syrk
     * when its RZX is laid out by rows): {@code reduced} holds [X y]'[X y] − RZX'RZX, m × m
     * column-major, lower triangle read.
     *
     * @return Σ log diag(RX), half of log|RX|²
     * @throws IllegalStateException when the X part is not positive definite
     */
    public double factorReduced(double[] reduced) {
        useFactor(reduced);
        return choleskyInPlace();
    }

    /**
     * Takes a factor computed elsewhere (the CUDA backend's device Cholesky): {@code lower}, m × m
     * column-major, lower triangle read, becomes the factor that {@link #beta}, {@link #pwrss} and
     * {@link #unscaledVcovBeta} answer from.
     */
    public void useFactor(double[] lower) {
        for (int b = 0; b < m; b++) {
            for (int a = b; a < m; a++) {
                lxy[a + b * m] = lower[a + b * m];
            }
        }
    }

    private double choleskyInPlace() {
        double logDet = 0.0;
        for (int j = 0; j < m; j++) {
            double d = lxy[j + j * m];
            for (int k = 0; k < j; k++) {
                d -= lxy[j + k * m] * lxy[j + k * m];
            }
            if (j == p) {
                // The residual sum of squares may be exactly zero; never take the root of −0.0.
                lxy[j + j * m] = Math.sqrt(Math.max(d, 0.0));
                break;
            }
            if (!(d > 0.0)) {
                throw new IllegalStateException("X'X − RZX'RZX not positive definite at column " + (j + 1)
                        + " (rank-deficient X?)");
            }
            double ljj = Math.sqrt(d);
            lxy[j + j * m] = ljj;
            logDet += Math.log(ljj);
            for (int i = j + 1; i < m; i++) {
                double s = lxy[i + j * m];
                for (int k = 0; k < j; k++) {
                    s -= lxy[i + k * m] * lxy[j + k * m];
                }
                lxy[i + j * m] = s / ljj;
            }
        }
        return logDet;
    }

    /** r², the penalized residual sum of squares of the last {@link #factor}. */
    public double pwrss() {
        double r = lxy[p + p * m];
        return r * r;
    }

    /** β̂: RXᵀ β = the first p entries of the last row of the factor. */
    public double[] beta() {
        double[] beta = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = lxy[p + i * m];
            for (int k = i + 1; k < p; k++) {
                s -= lxy[k + i * m] * beta[k];
            }
            beta[i] = s / lxy[i + i * m];
        }
        return beta;
    }

    /**
     * c_u − RZX β: the right-hand side of Lᵀ P u = c_u − RZX β, with c_u the last column of RZX;
     * a new array of length q, in the factor's order.
     */
    public double[] residualRhs(double[] rzx, double[] beta) {
        double[] t = new double[q];
        System.arraycopy(rzx, p * q, t, 0, q);
        for (int c = 0; c < p; c++) {
            double bc = beta[c];
            for (int i = 0; i < q; i++) {
                t[i] -= rzx[i + c * q] * bc;
            }
        }
        return t;
    }

    /** (RX RXᵀ)⁻¹ with RX the lower p × p factor: RX⁻ᵀ RX⁻¹ through the explicit triangular inverse. */
    public double[] unscaledVcovBeta() {
        double[] inv = new double[p * p];
        for (int j = 0; j < p; j++) {
            inv[j + j * p] = 1.0 / lxy[j + j * m];
            for (int i = j + 1; i < p; i++) {
                double s = 0.0;
                for (int k = j; k < i; k++) {
                    s += lxy[i + k * m] * inv[k + j * p];
                }
                inv[i + j * p] = -s / lxy[i + i * m];
            }
        }
        double[] v = new double[p * p];
        for (int b = 0; b < p; b++) {
            for (int a = b; a < p; a++) {
                double s = 0.0;
                for (int k = a; k < p; k++) {
                    s += inv[k + a * p] * inv[k + b * p];
                }
                v[a + b * p] = s;
                v[b + a * p] = s;
            }
        }
        return v;
    }
}
