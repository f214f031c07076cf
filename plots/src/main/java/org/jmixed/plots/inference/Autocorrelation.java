package org.jmixed.plots.inference;

/**
 * The sample autocorrelation function of a series, as R's {@code acf}: at lag k,
 * Σ_t (x_t − x̄)(x_{t+k} − x̄) / Σ_t (x_t − x̄)², both sums over the whole series' mean, so that
 * lag 0 is exactly 1. Computed directly (n · lags operations): MCMC chains of thousands of draws
 * and some fifty lags need no FFT.
 */
public final class Autocorrelation {
    /** Lags drawn for a chain: 50, or fewer for a short chain (R's default is 10 log10 n). */
    public static final int DEFAULT_LAGS = 50;

    private Autocorrelation() {
    }

    /**
     * Autocorrelations at lags 0..maxLag (fewer when the series is shorter). A constant series
     * has autocorrelation 1 at lag 0 and NaN elsewhere.
     */
    public static double[] of(double[] x, int maxLag) {
        int n = x.length;
        if (n == 0) {
            return new double[0];
        }
        int lags = Math.max(0, Math.min(maxLag, n - 1));
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] d = new double[n];
        double c0 = 0;
        for (int t = 0; t < n; t++) {
            d[t] = x[t] - mean;
            c0 += d[t] * d[t];
        }
        double[] r = new double[lags + 1];
        r[0] = 1;
        for (int k = 1; k <= lags; k++) {
            double s = 0;
            for (int t = 0; t + k < n; t++) {
                s += d[t] * d[t + k];
            }
            r[k] = c0 > 0 ? s / c0 : Double.NaN;
        }
        return r;
    }

    /** Lags as numbers 0, 1, ..., for the x axis. */
    static double[] lags(int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = i;
        }
        return x;
    }
}
