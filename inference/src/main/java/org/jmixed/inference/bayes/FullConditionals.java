package org.jmixed.inference.bayes;

import org.jmixed.inference.linalg.Cholesky;

/**
 * The full conditional distributions of the random-intercept model (seed notes, "Fitting a linear
 * random effects model using MCMC", generalised from one intercept μ to a vector β), as pure
 * functions so that each can be checked against its closed form:
 * <ul>
 *   <li>σ²_b | b ~ InvGamma(α_b + q/2, β_b + ½ Σ b_j²)</li>
 *   <li>σ²_e | β, b ~ InvGamma(α_e + n/2, β_e + ½ ‖y − Xβ − Zb‖²)</li>
 *   <li>β | b, σ²_e ~ N(Q⁻¹ X'(y − Zb)/σ²_e, Q⁻¹), Q = X'X/σ²_e + I/σ²_β</li>
 *   <li>b_j | β, σ²_e, σ²_b ~ N(S_j / (T_j + σ²_e/σ²_b), 1/(T_j/σ²_e + 1/σ²_b)), S_j = Σ_{i∈j} (y_i − x_i'β)</li>
 * </ul>
 * (The notes' R code departs from their text: it divides the intercept's sum by
 * {@code sum(T)/σ_e + 1/σ_μ} without dividing the sum by σ_e, and its μ and a_i updates use the
 * starting σ_e and σ_a throughout instead of the current draws. The text's forms are used here.)
 */
public final class FullConditionals {
    private FullConditionals() {
    }

    /** Shape and scale of an inverse-gamma full conditional. */
    public record InverseGamma(double shape, double scale) {
    }

    /** Mean and variance of a univariate normal full conditional. */
    public record Normal(double mean, double variance) {
    }

    /** σ² | the k values it governs, with sum of squares ss: InvGamma(shape + k/2, scale + ss/2). */
    public static InverseGamma variance(double priorShape, double priorScale, int k, double sumOfSquares) {
        return new InverseGamma(priorShape + 0.5 * k, priorScale + 0.5 * sumOfSquares);
    }

    /** b_j given the group's residual sum S_j = Σ (y_i − x_i'β) over its T_j rows. */
    public static Normal intercept(double residualSum, int rows, double sigma2e, double sigma2b) {
        double precision = rows / sigma2e + 1.0 / sigma2b;
        return new Normal(residualSum / (rows + sigma2e / sigma2b), 1.0 / precision);
    }

    /**
     * β | b, σ²_e: writes the mean into {@code mean} and the lower Cholesky factor of the precision
     * Q into {@code cholQ} (p × p, column-major); a draw is mean + L'⁻¹ z with z standard normal.
     *
     * @param xtx  X'X, p × p column-major
     * @param xtr  X'(y − Zb), length p
     */
    public static void beta(double[] xtx, double[] xtr, int p, double sigma2e, double betaVariance,
                            double[] mean, double[] cholQ) {
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < p; i++) {
                cholQ[i + j * p] = xtx[i + j * p] / sigma2e + (i == j ? 1.0 / betaVariance : 0.0);
            }
        }
        cholesky(cholQ, p);
        for (int i = 0; i < p; i++) {
            mean[i] = xtr[i] / sigma2e;
        }
        Cholesky.forward(cholQ, p, mean);
        Cholesky.backward(cholQ, p, mean);
    }

    /**
     * β | σ²_e, σ²_b with the random intercepts integrated out (the blocked scheme's first half; b
     * then follows from {@link #intercept}). With D = diag(T_j/σ²_e + 1/σ²_b), the joint precision of
     * (β, b) is [[X'X/σ²_e + I/σ²_β, X'Z/σ²_e], [Z'X/σ²_e, D]]; its Schur complement on β is
     * S = X'X/σ²_e + I/σ²_β − Σ_j s_j s_j' / (σ⁴_e D_j) with s_j = Σ_{i∈j} x_i, and the mean is
     * S⁻¹ (X'y/σ²_e − Σ_j s_j Y_j / (σ⁴_e D_j)), Y_j = Σ_{i∈j} y_i. Writes the mean and the lower
     * Cholesky factor of S. Cost O(q·p²), whatever n.
     *
     * @param xSum per-group column sums of X, q × p, group-major
     */
    public static void betaMarginal(double[] xtx, double[] xty, double[] xSum, double[] ySum, int[] rows, int p,
                                    double sigma2e, double sigma2b, double betaVariance, double[] mean,
                                    double[] cholS) {
        int q = rows.length;
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < p; i++) {
                cholS[i + j * p] = xtx[i + j * p] / sigma2e + (i == j ? 1.0 / betaVariance : 0.0);
            }
            mean[j] = xty[j] / sigma2e;
        }
        double s4 = sigma2e * sigma2e;
        for (int g = 0; g < q; g++) {
            double w = 1.0 / (s4 * (rows[g] / sigma2e + 1.0 / sigma2b));
            int off = g * p;
            for (int j = 0; j < p; j++) {
                double sj = xSum[off + j] * w;
                for (int i = j; i < p; i++) {
                    cholS[i + j * p] -= sj * xSum[off + i];
                }
                mean[j] -= sj * ySum[g];
            }
        }
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < j; i++) {
                cholS[i + j * p] = cholS[j + i * p];
            }
        }
        cholesky(cholS, p);
        Cholesky.forward(cholS, p, mean);
        Cholesky.backward(cholS, p, mean);
    }

    /** In-place lower Cholesky of a symmetric positive-definite p × p matrix (upper part zeroed). */
    static void cholesky(double[] a, int p) {
        if (!Cholesky.factorInPlace(a, p)) {
            throw new IllegalStateException("precision of beta not positive definite");
        }
    }
}
