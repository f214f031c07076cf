package org.jmixed.inference.bayes;

import java.util.Arrays;

/**
 * Convergence and efficiency diagnostics of several chains of draws of one parameter, as
 * Gelman et al. (BDA3, §11.4–11.5) define them and Stan computes them: each chain is split in
 * halves (so that a trend within a chain shows as disagreement between halves), then
 * <ul>
 *   <li>split R̂ = √(var⁺ / W), var⁺ = (N−1)/N · W + B/N, with W the mean within-half variance
 *       and B/N the variance of the half means;</li>
 *   <li>effective sample size M·N / τ, τ = −1 + 2 Σ_k (ρ̂_{2k} + ρ̂_{2k+1}), the autocorrelations
 *       ρ̂_t = 1 − (W − mean autocovariance at lag t) / var⁺ summed in pairs while the pair sums
 *       stay positive and made non-increasing (Geyer's initial monotone sequence).</li>
 * </ul>
 * No rank normalisation: these are the classic forms.
 */
public final class McmcDiagnostics {
    private McmcDiagnostics() {
    }

    /** The chains split in halves (the middle draw of an odd-length chain is left out). */
    static double[][] split(double[][] chains) {
        int n = chains[0].length / 2;
        double[][] halves = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            int len = chains[c].length;
            halves[2 * c] = Arrays.copyOfRange(chains[c], 0, n);
            halves[2 * c + 1] = Arrays.copyOfRange(chains[c], len - n, len);
        }
        return halves;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x, double m) {
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    /** Split R̂ of chains of equal length (at least 4 draws each). NaN when every draw is the same. */
    public static double splitRhat(double[][] chains) {
        Pooled p = pooled(split(chains));
        return p.w() > 0 ? Math.sqrt(p.varPlus() / p.w()) : Double.NaN;
    }

    /** Effective sample size of all the draws together (split chains, Geyer's monotone sequence). */
    public static double ess(double[][] chains) {
        double[][] h = split(chains);
        int m = h.length;
        int n = h[0].length;
        Pooled p = pooled(h);
        double[] means = p.means();
        double w = p.w();
        double varPlus = p.varPlus();
        if (!(varPlus > 0)) {
            return Double.NaN;
        }
        double tau = -1;
        double previousPair = Double.POSITIVE_INFINITY;
        for (int t = 0; t + 1 < n; t += 2) {
            double pair = rho(h, means, t, w, varPlus) + rho(h, means, t + 1, w, varPlus);
            if (pair <= 0) {
                break;
            }
            pair = Math.min(pair, previousPair);
            previousPair = pair;
            tau += 2 * pair;
        }
        // τ ≥ 1/log10(M·N) as Stan bounds it, so that antithetic chains do not claim absurd efficiency
        double total = (double) m * n;
        tau = Math.max(tau, 1.0 / Math.log10(total));
        return total / tau;
    }

    /**
     * The chain means, the mean within-chain variance W and var⁺ = (n − 1)/n · W + B/n of split
     * chains (m chains of n draws), which R̂ and the effective sample size share.
     */
    private record Pooled(double[] means, double w, double varPlus) {
    }

    private static Pooled pooled(double[][] h) {
        int m = h.length;
        int n = h[0].length;
        double[] means = new double[m];
        double w = 0;
        for (int c = 0; c < m; c++) {
            means[c] = mean(h[c]);
            w += variance(h[c], means[c]);
        }
        w /= m;
        double bOverN = m > 1 ? variance(means, mean(means)) : 0;
        double varPlus = (n - 1.0) / n * w + bOverN;
        return new Pooled(means, w, varPlus);
    }

    /** ρ̂_t from the mean over chains of the lag-t autocovariance (divided by n, the biased form); ρ̂_0 = 1. */
    private static double rho(double[][] h, double[] means, int lag, double w, double varPlus) {
        if (lag == 0) {
            return 1;
        }
        int n = h[0].length;
        double acov = 0;
        for (int c = 0; c < h.length; c++) {
            double[] x = h[c];
            double mu = means[c];
            double s = 0;
            for (int i = 0; i + lag < n; i++) {
                s += (x[i] - mu) * (x[i + lag] - mu);
            }
            acov += s / n;
        }
        acov /= h.length;
        return 1 - (w - acov) / varPlus;
    }
}
