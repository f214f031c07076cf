package org.jmixed.model;

import java.util.List;

import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * A joint method-of-moments guess of θ for models whose random-effects terms are all scalar
 * ({@code (1 | g)}, {@code (0 + x | g)}), crossed or nested: Henderson's method 1 with the exact
 * expectations of quadratic forms in the ordinary least-squares residuals r = (I − H) y.
 *
 * <p>For term k with column z (per level ℓ the part z_ℓ of z in rows of ℓ, d_ℓ = z_ℓ'z_ℓ) the
 * statistic T_k = Σ_ℓ (z_ℓ'r)² / d_ℓ has expectation Σ_m σ_m² C_km + σ² c_k with
 * C_km = Σ_ℓ ‖Z_m'(I − H) z_ℓ‖² / d_ℓ and c_k = Σ_ℓ z_ℓ'(I − H) z_ℓ / d_ℓ; with r'r
 * (expectation Σ_m σ_m² tr(Z_m'(I − H) Z_m) + σ² (n − p)) that makes K + 1 linear equations for
 * the K variances and σ². Unlike {@link StartingValues}' term-by-term estimate, each term's
 * statistic is corrected for the variance the other terms put into it, which matters where
 * terms share rows: a district's mean also carries its schools' and classes' effects.
 *
 * <p>Everything comes from the cross-products (Z_k'Z_m for every pair, Z'X, X'X), in
 * O(Σ nnz(Z_k'Z_m) · p + Σ levels · p²).
 */
final class ScalarTermMoments {
    private ScalarTermMoments() {
    }

    /**
     * θ_k = σ_k / σ from the moment equations, each kept within
     * [{@link StartingValues#MIN_DIAGONAL}, {@link StartingValues#MAX_DIAGONAL}]; null when a term is
     * not scalar or the equations give no usable σ² (then the term-by-term guess is used).
     */
    static double[] estimate(PlsProblem problem) {
        List<TermStructure> terms = problem.terms();
        int kTerms = terms.size();
        int n = problem.n();
        int p = problem.p();
        if (kTerms < 2 || n <= p) {
            return null;
        }
        for (TermStructure t : terms) {
            if (t.width() != 1) {
                return null;
            }
        }
        CrossProducts cross = problem.cross();
        double[] xyTxy = cross.xyTxy();
        // G = (X'X)⁻¹ through the Cholesky factor of X'X; β̂ = G X'y.
        double[] xtxFactor = StartingValues.crossProductFactor(xyTxy, p);
        if (xtxFactor == null) {
            return null;
        }
        double[] beta = StartingValues.leastSquares(xyTxy, p, xtxFactor);
        double rss = StartingValues.residualSumOfSquares(xyTxy, p, beta);
        if (!(rss > 0) || !Double.isFinite(rss)) {
            return null;
        }

        Level[] levels = new Level[kTerms];
        for (int k = 0; k < kTerms; k++) {
            levels[k] = new Level(terms.get(k), cross, k, xtxFactor, p, beta);
        }
        // Equations: rows 0..K−1 the terms' statistics, row K the residual sum of squares;
        // columns 0..K−1 the variances σ_m², column K σ².
        int size = kTerms + 1;
        double[] a = new double[size * size];
        double[] rhs = new double[size];
        for (int k = 0; k < kTerms; k++) {
            Level lk = levels[k];
            rhs[k] = lk.statistic();
            a[k + kTerms * size] = lk.residualCoefficient();
            a[k + k * size] = lk.ownCoefficient();
            a[kTerms + k * size] = lk.traceOfProjected();
        }
        a[kTerms + kTerms * size] = n - p;
        rhs[kTerms] = rss;
        for (int k = 1; k < kTerms; k++) {
            for (int m = 0; m < k; m++) {
                BlockSparseMatrix zkzm = cross.zTzOff(k, m);
                if (zkzm == null) {
                    continue;
                }
                a[k + m * size] = levels[k].crossCoefficient(zkzm, levels[m], false);
                a[m + k * size] = levels[m].crossCoefficient(zkzm, levels[k], true);
            }
        }
        double[] variances = solve(a, rhs, size);
        if (variances == null) {
            return null;
        }
        double sigma2 = variances[kTerms];
        if (!(sigma2 > 0) || !Double.isFinite(sigma2)) {
            return null;
        }
        double[] theta = new double[kTerms];
        for (int k = 0; k < kTerms; k++) {
            double v = Math.sqrt(Math.max(variances[k], 0.0) / sigma2);
            theta[k] = Double.isFinite(v)
                    ? Math.min(Math.max(v, StartingValues.MIN_DIAGONAL), StartingValues.MAX_DIAGONAL)
                    : 1.0;
        }
        return theta;
    }

    /** Solves A x = b (A size × size, column-major) by elimination with partial pivoting; null if singular. */
    private static double[] solve(double[] a, double[] b, int size) {
        double[] m = a.clone();
        double[] x = b.clone();
        for (int c = 0; c < size; c++) {
            int piv = c;
            for (int i = c + 1; i < size; i++) {
                if (Math.abs(m[i + c * size]) > Math.abs(m[piv + c * size])) {
                    piv = i;
                }
            }
            if (!(Math.abs(m[piv + c * size]) > 0)) {
                return null;
            }
            if (piv != c) {
                for (int j = 0; j < size; j++) {
                    double t = m[c + j * size];
                    m[c + j * size] = m[piv + j * size];
                    m[piv + j * size] = t;
                }
                double t = x[c];
                x[c] = x[piv];
                x[piv] = t;
            }
            for (int i = c + 1; i < size; i++) {
                double f = m[i + c * size] / m[c + c * size];
                for (int j = c; j < size; j++) {
                    m[i + j * size] -= f * m[c + j * size];
                }
                x[i] -= f * x[c];
            }
        }
        for (int i = size - 1; i >= 0; i--) {
            double v = x[i];
            for (int j = i + 1; j < size; j++) {
                v -= m[i + j * size] * x[j];
            }
            x[i] = v / m[i + i * size];
        }
        return x;
    }

    /**
     * One scalar term's per-level quantities: d_ℓ, a_ℓ = X'z_ℓ, u_ℓ = (X'X)⁻¹ a_ℓ (so that
     * H z_ℓ = X u_ℓ) and z_ℓ'r; levels with d_ℓ = 0 carry nothing.
     */
    private static final class Level {
        final int count;
        final int p;
        final double[] d;
        /** a_ℓ, count × p row-major. */
        final double[] a;
        /** u_ℓ, count × p row-major. */
        final double[] u;
        final double[] sums;
        /** Σ_ℓ a_ℓ a_ℓ' = X'Z_k Z_k'X, p × p. */
        final double[] aat;

        Level(TermStructure term, CrossProducts cross, int k, double[] xtxFactor, int p, double[] beta) {
            this.count = term.nLevels();
            this.p = p;
            int q = term.q();
            double[] zTxy = cross.zTxy(k);
            d = cross.zTz(k);
            a = new double[count * p];
            u = new double[count * p];
            sums = new double[count];
            aat = new double[p * p];
            double[] tmp = new double[p];
            for (int l = 0; l < count; l++) {
                double s = zTxy[l + p * q];
                for (int f = 0; f < p; f++) {
                    double v = zTxy[l + f * q];
                    a[l * p + f] = v;
                    tmp[f] = v;
                    s -= v * beta[f];
                }
                sums[l] = s;
                SmallCholesky.solve(xtxFactor, p, tmp);
                System.arraycopy(tmp, 0, u, l * p, p);
                for (int j = 0; j < p; j++) {
                    for (int i = 0; i < p; i++) {
                        aat[i + j * p] += a[l * p + i] * a[l * p + j];
                    }
                }
            }
        }

        /** T_k = Σ_ℓ (z_ℓ'r)² / d_ℓ. */
        double statistic() {
            double t = 0;
            for (int l = 0; l < count; l++) {
                if (d[l] > 0) {
                    t += sums[l] * sums[l] / d[l];
                }
            }
            return t;
        }

        /** c_k = Σ_ℓ z_ℓ'(I − H) z_ℓ / d_ℓ. */
        double residualCoefficient() {
            double t = 0;
            for (int l = 0; l < count; l++) {
                if (d[l] > 0) {
                    t += (d[l] - dot(a, u, l)) / d[l];
                }
            }
            return t;
        }

        /** tr(Z_k'(I − H) Z_k) = Σ_ℓ (d_ℓ − a_ℓ'u_ℓ). */
        double traceOfProjected() {
            double t = 0;
            for (int l = 0; l < count; l++) {
                t += d[l] - dot(a, u, l);
            }
            return t;
        }

        /** C_kk = Σ_ℓ (d_ℓ² − 2 d_ℓ a_ℓ'u_ℓ + u_ℓ' X'Z_kZ_k'X u_ℓ) / d_ℓ: Z_k'z_ℓ is d_ℓ at ℓ alone. */
        double ownCoefficient() {
            double t = 0;
            for (int l = 0; l < count; l++) {
                if (d[l] > 0) {
                    t += (d[l] * d[l] - 2 * d[l] * dot(a, u, l) + quadratic(aat, l)) / d[l];
                }
            }
            return t;
        }

        /**
         * C_km = Σ_ℓ (Σ_g M_ℓg² − 2 Σ_g M_ℓg a^m_g'u_ℓ + u_ℓ' X'Z_mZ_m'X u_ℓ) / d_ℓ with M = Z_k'Z_m,
         * given as stored (block rows this term's levels) or transposed (block columns).
         */
        double crossCoefficient(BlockSparseMatrix stored, Level other, boolean transposed) {
            double[] sq = new double[count];
            double[] w = new double[count * p];
            for (int c = 0; c < stored.nBlockCols; c++) {
                for (int idx = stored.colPtr[c]; idx < stored.colPtr[c + 1]; idx++) {
                    int r = stored.rowIdx[idx];
                    double v = stored.values[idx];
                    int l = transposed ? c : r;
                    int g = transposed ? r : c;
                    sq[l] += v * v;
                    for (int f = 0; f < p; f++) {
                        w[l * p + f] += v * other.a[g * p + f];
                    }
                }
            }
            double t = 0;
            for (int l = 0; l < count; l++) {
                if (d[l] > 0) {
                    t += (sq[l] - 2 * dot(w, u, l) + quadratic(other.aat, l)) / d[l];
                }
            }
            return t;
        }

        /** Row l of x (count × p row-major) times row l of y. */
        private double dot(double[] x, double[] y, int l) {
            double s = 0;
            for (int f = 0; f < p; f++) {
                s += x[l * p + f] * y[l * p + f];
            }
            return s;
        }

        /** u_l' S u_l for a p × p matrix S. */
        private double quadratic(double[] sMatrix, int l) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                double row = 0;
                for (int i = 0; i < p; i++) {
                    row += sMatrix[i + j * p] * u[l * p + i];
                }
                s += row * u[l * p + j];
            }
            return s;
        }
    }
}
