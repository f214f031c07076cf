package org.jmixed.model;

import java.util.List;

import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.SelectedInverse;
import org.jmixed.spi.TermStructure;

/**
 * The analytic gradient of the profiled REML criterion and ML deviance with respect to θ, from an
 * evaluator that can give the selected inverse of M = Λ'Z'ZΛ + I ({@link PlsEvaluator#selectedInverse}).
 * The derivation is in {@code docs/gradient.md}; in short, with A = Z'Z, S = (RX'RX)⁻¹,
 * V = M⁻¹Λ'Z'X, e = y − Xβ̂ − ZΛû and Λ_k = ∂Λ/∂θ_k (ones at (ℓ·w + i, ℓ·w + j) for every level ℓ of
 * the term that owns θ_k = T[i, j]):
 * <pre>
 *   ∂ log|Lθ|² / ∂θ_k =  2 tr(M⁻¹ Λ'A Λ_k)             (needs M⁻¹ on the block pattern of A only)
 *   ∂ log|RX|² / ∂θ_k = −2 tr(V S (X'Z − V'Λ'A) Λ_k)
 *   ∂ r²       / ∂θ_k = −2 (Z'e)' Λ_k û                 (û, β̂ minimize r², so only Λ moves)
 * </pre>
 * and tr(B Λ_k) = Σ_ℓ B[ℓw + j, ℓw + i]. Everything here is O(nnz(A)·w³ + q·p²) per call on top of
 * the evaluator's selected inverse; the workspace is allocated once.
 */
public final class ProfiledGradient {
    /**
     * Where every diagonal element of every template is at least this, the log-determinant's
     * derivative comes from the diagonal blocks of M⁻¹ alone (one triangular inversion of the dense
     * block instead of a full inverse, about half the work); its rounding error grows like
     * 1/θ, hence the bound, below which the selected inverse on the whole pattern of Z'Z is used.
     */
    public static final double IDENTITY_THRESHOLD = 1e-2;

    private final PlsProblem problem;
    private final List<TermStructure> terms;
    private final int n;
    private final int p;
    private final int q;
    private final boolean reml;
    private final int[] uOffset;
    private final double[][] templates;
    private final double[][] traceSums;
    /** Workspace of the width of the widest term, squared. */
    private final double[] tInverse;
    private boolean diagonalIdentity = true;
    private final SelectedInverse inverse;
    private final PlsFactorSummary summary = new PlsFactorSummary();
    private final double[] lambdaX;
    private final double[] aLambdaX;
    private final double[] residualCross;
    /** Coefficients of the columns of [X y] in {@link #crossMinusZtZLambda}. */
    private final double[] coefficients;
    private final double[] vs;
    private final double[] wt;
    private final double[] dLogDetL;
    private final double[] dLogDetRX;
    private final double[] dPwrss;

    public ProfiledGradient(PlsProblem problem, boolean reml) {
        this.problem = problem;
        this.terms = problem.terms();
        this.n = problem.n();
        this.p = problem.p();
        this.q = problem.q();
        this.reml = reml;
        int nTerms = terms.size();
        uOffset = new int[nTerms];
        templates = new double[nTerms][];
        traceSums = new double[nTerms][];
        for (int k = 0; k < nTerms; k++) {
            uOffset[k] = problem.uOffset(k);
            int w = terms.get(k).width();
            templates[k] = new double[w * w];
            traceSums[k] = new double[w * w];
        }
        int maxWidth = 1;
        for (TermStructure t : terms) {
            maxWidth = Math.max(maxWidth, t.width());
        }
        tInverse = new double[maxWidth * maxWidth];
        inverse = SelectedInverse.allocate(problem);
        lambdaX = new double[q];
        aLambdaX = new double[q];
        residualCross = new double[q];
        coefficients = new double[p + 1];
        vs = new double[q * p];
        wt = new double[q * p];
        int m = problem.thetaLength();
        dLogDetL = new double[m];
        dLogDetRX = new double[m];
        dPwrss = new double[m];
    }

    /**
     * Factors at θ and returns the criterion (REML or ML, as {@link ProfiledObjective#value}); NaN
     * or infinity where the X part is not positive definite.
     */
    public double value(PlsEvaluator evaluator, double[] theta) {
        evaluator.factor(theta, summary);
        return ProfiledObjective.value(summary, n, p, reml);
    }

    /**
     * As {@link #value}, for an evaluator already factored at θ by someone else, whose factor
     * summary is {@code present}: no factorization.
     */
    public double valueOfPresentFactor(PlsFactorSummary present) {
        summary.copyFrom(present);
        return ProfiledObjective.value(summary, n, p, reml);
    }

    /**
     * Writes the criterion's gradient at θ into {@code gradient}; the evaluator's last
     * {@link PlsEvaluator#factor} must have been at this θ (by {@link #value}).
     *
     * @return false, leaving {@code gradient} untouched, when the evaluator gives no selected inverse
     */
    public boolean gradientAtLastFactor(PlsEvaluator evaluator, double[] theta, double[] gradient) {
        for (int k = 0; k < terms.size(); k++) {
            terms.get(k).fillTemplate(theta, templates[k]);
        }
        inverse.diagonalSuffices = diagonalIdentity && templatesWellInside();
        if (!evaluator.selectedInverse(inverse)) {
            return false;
        }
        PlsSolution solution = evaluator.solve(false);
        derivatives(theta, solution);
        double scale = (reml ? n - p : n) / summary.pwrss;
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] = dLogDetL[k] + (reml ? dLogDetRX[k] : 0.0) + scale * dPwrss[k];
        }
        return true;
    }

    /** The factor summary of the last {@link #value} (a view, overwritten by the next call). */
    public PlsFactorSummary lastFactorSummary() {
        return summary;
    }

    /** {@link #value} and {@link #gradientAtLastFactor} in one call; the gradient only where the value is finite. */
    public double valueAndGradient(PlsEvaluator evaluator, double[] theta, double[] gradient) {
        double v = value(evaluator, theta);
        if (Double.isFinite(v) && !gradientAtLastFactor(evaluator, theta, gradient)) {
            throw new UnsupportedOperationException("evaluator gives no selected inverse: " + evaluator.description());
        }
        return v;
    }

    /** ∂ log|Lθ|² / ∂θ at the last {@link #valueAndGradient} (a view, overwritten by the next call). */
    public double[] logDetLDerivative() {
        return dLogDetL;
    }

    /** ∂ log|RX|² / ∂θ at the last {@link #valueAndGradient}. */
    public double[] logDetRXDerivative() {
        return dLogDetRX;
    }

    /** ∂ r² / ∂θ at the last {@link #valueAndGradient}. */
    public double[] pwrssDerivative() {
        return dPwrss;
    }

    /**
     * Whether to use the identity of {@link #IDENTITY_THRESHOLD} where it applies (the default);
     * false always asks for the selected inverse on the whole pattern (tests compare the two).
     */
    public void useDiagonalIdentity(boolean use) {
        diagonalIdentity = use;
    }

    /** Every template's diagonal at least {@link #IDENTITY_THRESHOLD} in absolute value. */
    private boolean templatesWellInside() {
        for (int k = 0; k < terms.size(); k++) {
            int w = terms.get(k).width();
            for (int i = 0; i < w; i++) {
                if (!(Math.abs(templates[k][i + i * w]) >= IDENTITY_THRESHOLD)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void derivatives(double[] theta, PlsSolution solution) {
        if (inverse.diagonalOnly) {
            traceSumsFromDiagonal();
        } else {
            traceSums();
        }
        double[] u = solution.u();
        double[] beta = solution.beta();

        // Z'e = Z'[X y]·(−β̂, 1) − AΛû
        for (int b = 0; b < p; b++) {
            coefficients[b] = -beta[b];
        }
        coefficients[p] = 1.0;
        crossMinusZtZLambda(u, 0, residualCross, 0);

        // VS (q × p) and Wᵀ = Z'X − AΛV (q × p)
        double[] v = inverse.v;
        double[] s = solution.unscaledVcovBeta();
        for (int b = 0; b < p; b++) {
            for (int r = 0; r < q; r++) {
                double sum = 0;
                for (int c = 0; c < p; c++) {
                    sum += v[r + c * q] * s[c + b * p];
                }
                vs[r + b * q] = sum;
            }
            java.util.Arrays.fill(coefficients, 0.0);
            coefficients[b] = 1.0;
            crossMinusZtZLambda(v, b * q, wt, b * q);
        }

        for (int t = 0; t < terms.size(); t++) {
            TermStructure term = terms.get(t);
            int w = term.width();
            int idx = term.thetaOffset();
            int o = uOffset[t];
            for (int j = 0; j < w; j++) {
                for (int i = j; i < w; i++) {
                    dLogDetL[idx] = 2.0 * traceSums[t][j + i * w];
                    double rx = 0;
                    double pw = 0;
                    for (int l = 0; l < term.nLevels(); l++) {
                        int ri = o + l * w + i;
                        int rj = o + l * w + j;
                        for (int b = 0; b < p; b++) {
                            rx += vs[rj + b * q] * wt[ri + b * q];
                        }
                        pw += residualCross[ri] * u[rj];
                    }
                    dLogDetRX[idx] = -2.0 * rx;
                    dPwrss[idx] = -2.0 * pw;
                    idx++;
                }
            }
        }
    }

    /**
     * traceSums[t] = (ℓ_t I − Σ_ℓ G_ℓ) T⁻¹, G_ℓ the diagonal blocks of M⁻¹ (or their sum, where the
     * evaluator gave it): with T invertible,
     * Λ_k = Λ N_k (N_k = T⁻¹E_ij in every level block of the term), and Λ'AΛ = M − I gives
     * tr(M⁻¹Λ'AΛ_k) = tr(N_k) − tr(M⁻¹N_k).
     */
    private void traceSumsFromDiagonal() {
        for (int t = 0; t < terms.size(); t++) {
            TermStructure term = terms.get(t);
            int w = term.width();
            double[] sum = traceSums[t];
            double[] g = inverse.diag[t];
            double[] c = tInverse;
            java.util.Arrays.fill(c, 0, w * w, 0.0);
            int blocks = inverse.diagonalSummed ? 1 : term.nLevels();
            for (int l = 0; l < blocks; l++) {
                int o = l * w * w;
                for (int x = 0; x < w * w; x++) {
                    c[x] -= g[o + x];
                }
            }
            for (int x = 0; x < w; x++) {
                c[x + x * w] += term.nLevels();
            }
            // sum = c · T⁻¹, by solving sum · T = c row by row (T lower triangular: back to front).
            double[] tt = templates[t];
            for (int r = 0; r < w; r++) {
                for (int col = w - 1; col >= 0; col--) {
                    double v = c[r + col * w];
                    for (int m = col + 1; m < w; m++) {
                        v -= sum[r + m * w] * tt[m + col * w];
                    }
                    sum[r + col * w] = v / tt[col + col * w];
                }
            }
        }
    }

    /**
     * traceSums[t] = Σ_ℓ of the (t, ℓ) diagonal block of M⁻¹Λ'A: each stored block of A meets the
     * selected inverse's block in the same place (A and M⁻¹ symmetric, so the transposed position
     * too).
     */
    private void traceSums() {
        CrossProducts cross = problem.cross();
        for (int t = 0; t < terms.size(); t++) {
            java.util.Arrays.fill(traceSums[t], 0.0);
            int w = terms.get(t).width();
            int bs = w * w;
            double[] a = cross.zTz(t);
            double[] g = inverse.diag[t];
            double[] tt = templates[t];
            double[] sum = traceSums[t];
            for (int l = 0; l < terms.get(t).nLevels(); l++) {
                int o = l * bs;
                addGTA(g, o, 1, w, tt, w, a, o, 1, w, w, sum);
            }
        }
        for (int k = 1; k < terms.size(); k++) {
            int wk = terms.get(k).width();
            double[] tk = templates[k];
            double[] sk = traceSums[k];
            for (int j = 0; j < k; j++) {
                int wj = terms.get(j).width();
                double[] tj = templates[j];
                double[] sj = traceSums[j];
                BlockSparseMatrix a = cross.zTzOff(k, j);
                double[] g = inverse.off[k][j];
                int bs = wk * wj;
                for (int e = 0; e < a.nnzBlocks(); e++) {
                    int o = e * bs;
                    // A_e, G_e: wk × wj. S_j += G_eᵀ · T_kᵀ · A_e ; S_k += G_e · T_jᵀ · A_eᵀ.
                    addGTA(g, o, wk, 1, tk, wk, a.values, o, 1, wk, wj, sj);
                    addGTA(g, o, 1, wk, tj, wj, a.values, o, wk, 1, wk, sk);
                }
            }
        }
    }

    /**
     * sum (w × w) += G · Tᵀ · A for G (w × wt) and A (wt × w) read through their row and column
     * strides (so either may be a transpose), T (wt × wt) lower triangular.
     */
    private static void addGTA(double[] g, int go, int gRow, int gCol, double[] t, int wt, double[] a, int ao,
                               int aRow, int aCol, int w, double[] sum) {
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < w; y++) {
                double acc = 0;
                for (int c = 0; c < wt; c++) {
                    double pv = 0;
                    for (int m = c; m < wt; m++) {
                        pv += t[m + c * wt] * a[ao + m * aRow + y * aCol];
                    }
                    acc += g[go + x * gRow + c * gCol] * pv;
                }
                sum[x + y * w] += acc;
            }
        }
    }

    /** out[outOff ..) = Z'[X y]·{@link #coefficients} − Z'ZΛ x, x at x[xOff ..). */
    private void crossMinusZtZLambda(double[] x, int xOff, double[] out, int outOff) {
        CrossProducts cross = problem.cross();
        applyLambda(x, xOff, lambdaX);
        applyZtZ(lambdaX, aLambdaX);
        for (int k = 0; k < terms.size(); k++) {
            double[] zxy = cross.zTxy(k);
            int qk = terms.get(k).q();
            int o = uOffset[k];
            for (int r = 0; r < qk; r++) {
                double sum = -aLambdaX[o + r];
                for (int c = 0; c <= p; c++) {
                    sum += zxy[r + c * qk] * coefficients[c];
                }
                out[outOff + o + r] = sum;
            }
        }
    }

    /** out = Λ x for x at x[xOff ..  xOff + q). */
    private void applyLambda(double[] x, int xOff, double[] out) {
        for (int t = 0; t < terms.size(); t++) {
            int w = terms.get(t).width();
            double[] tt = templates[t];
            int o = uOffset[t];
            for (int l = 0; l < terms.get(t).nLevels(); l++) {
                int r = o + l * w;
                for (int c = 0; c < w; c++) {
                    double s = 0;
                    for (int m = 0; m <= c; m++) {
                        s += tt[c + m * w] * x[xOff + r + m];
                    }
                    out[r + c] = s;
                }
            }
        }
    }

    /** out = Z'Z x, from the stored blocks (each off-diagonal block used in both triangles). */
    private void applyZtZ(double[] x, double[] out) {
        CrossProducts cross = problem.cross();
        java.util.Arrays.fill(out, 0.0);
        for (int t = 0; t < terms.size(); t++) {
            int w = terms.get(t).width();
            double[] a = cross.zTz(t);
            int o = uOffset[t];
            for (int l = 0; l < terms.get(t).nLevels(); l++) {
                int r = o + l * w;
                int bo = l * w * w;
                for (int c = 0; c < w; c++) {
                    double xc = x[r + c];
                    for (int m = 0; m < w; m++) {
                        out[r + m] += a[bo + m + c * w] * xc;
                    }
                }
            }
        }
        for (int k = 1; k < terms.size(); k++) {
            int wk = terms.get(k).width();
            for (int j = 0; j < k; j++) {
                int wj = terms.get(j).width();
                BlockSparseMatrix a = cross.zTzOff(k, j);
                int bs = wk * wj;
                for (int c = 0; c < a.nBlockCols; c++) {
                    int cj = uOffset[j] + c * wj;
                    for (int e = a.colPtr[c]; e < a.colPtr[c + 1]; e++) {
                        int rk = uOffset[k] + a.rowIdx[e] * wk;
                        int o = e * bs;
                        for (int y = 0; y < wj; y++) {
                            for (int m = 0; m < wk; m++) {
                                double av = a.values[o + m + y * wk];
                                out[rk + m] += av * x[cj + y];
                                out[cj + y] += av * x[rk + m];
                            }
                        }
                    }
                }
            }
        }
    }
}
