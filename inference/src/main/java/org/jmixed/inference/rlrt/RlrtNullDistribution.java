package org.jmixed.inference.rlrt;

import java.util.SplittableRandom;

/**
 * The finite-sample null distribution of the restricted likelihood-ratio statistic for one
 * variance component (Crainiceanu and Ruppert 2004, as RLRsim's {@code RLRTSim} simulates it).
 * For y = Xβ + Zb + ε, b ~ N(0, λσ² I), n observations, p = rank X, and μ_1..μ_K the non-zero
 * eigenvalues of Z'(I − X(X'X)⁻¹X')Z, under λ = 0
 * <pre>
 *   RLRT = sup_{λ ≥ 0} (n − p) log(S / D(λ)) − Σ_s log(1 + λ μ_s),
 *   D(λ) = Σ_s w_s / (1 + λ μ_s) + W,   S = Σ_s w_s + W = D(0),
 * </pre>
 * with w_s ~ χ²(1) and W ~ χ²(n − p − K) independent. The supremum is found on RLRsim's grid
 * (0 and 199 points log-spaced over [e⁻¹⁰, e⁸], μ scaled to a largest eigenvalue of 1), then
 * refined by golden-section search between the grid neighbours of the best point, so that
 * statistics are never below RLRsim's grid values and at most slightly above them.
 */
public final class RlrtNullDistribution {
    static final double LOG_GRID_LO = -10;
    static final double LOG_GRID_HI = 8;
    static final int GRID_LENGTH = 200;
    private static final int GOLDEN_STEPS = 40;
    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;

    private final double[] mu;
    private final int nMinusP;
    private final double restDf;
    private final double[] grid;

    /**
     * @param eigenvalues the non-zero eigenvalues μ (any positive scale)
     * @param n           observations
     * @param p           rank of X
     */
    public RlrtNullDistribution(double[] eigenvalues, int n, int p) {
        double max = 0;
        for (double m : eigenvalues) {
            max = Math.max(max, m);
        }
        if (eigenvalues.length == 0 || !(max > 0)) {
            throw new IllegalArgumentException("no positive eigenvalue");
        }
        mu = new double[eigenvalues.length];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = eigenvalues[i] / max;
        }
        nMinusP = n - p;
        restDf = n - p - mu.length;
        if (restDf < 0) {
            throw new IllegalArgumentException(mu.length + " eigenvalues but only " + (n - p) + " residual degrees of freedom");
        }
        grid = new double[GRID_LENGTH];
        for (int i = 1; i < GRID_LENGTH; i++) {
            grid[i] = Math.exp(LOG_GRID_LO + (LOG_GRID_HI - LOG_GRID_LO) * (i - 1) / (GRID_LENGTH - 2));
        }
    }

    /** One draw of the statistic. */
    public double draw(SplittableRandom rnd) {
        double[] w = new double[mu.length];
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = ChiSquareDraws.next(rnd, 1);
            s += w[i];
        }
        double rest = ChiSquareDraws.next(rnd, restDf);
        s += rest;
        double logS = Math.log(s);
        int best = 0;
        double bestValue = 0.0;
        for (int g = 1; g < GRID_LENGTH; g++) {
            double v = value(grid[g], w, rest, logS);
            if (v > bestValue) {
                bestValue = v;
                best = g;
            }
        }
        if (best == 0) {
            return 0.0;
        }
        double a = grid[best - 1];
        double b = best + 1 < GRID_LENGTH ? grid[best + 1] : grid[best];
        double c = b - INV_PHI * (b - a);
        double d = a + INV_PHI * (b - a);
        double fc = value(c, w, rest, logS);
        double fd = value(d, w, rest, logS);
        for (int k = 0; k < GOLDEN_STEPS; k++) {
            if (fc > fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - INV_PHI * (b - a);
                fc = value(c, w, rest, logS);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + INV_PHI * (b - a);
                fd = value(d, w, rest, logS);
            }
        }
        return Math.max(bestValue, Math.max(fc, fd));
    }

    /** (n − p)(log S − log D(λ)) − Σ log(1 + λ μ_s). */
    private double value(double lambda, double[] w, double rest, double logS) {
        double dl = rest;
        double logDet = 0;
        for (int i = 0; i < mu.length; i++) {
            double f = 1.0 + lambda * mu[i];
            dl += w[i] / f;
            logDet += Math.log(f);
        }
        return nMinusP * (logS - Math.log(dl)) - logDet;
    }

    /** Number of non-zero eigenvalues K. */
    public int k() {
        return mu.length;
    }
}
