package org.jmixed.plots;

/**
 * A Gaussian kernel density estimate with Silverman's rule-of-thumb bandwidth (R's
 * {@code bw.nrd0}): 0.9 · min(sd, IQR/1.34) · n^(−1/5), evaluated on an even grid reaching three
 * bandwidths beyond the data.
 */
public final class KernelDensity {
    private KernelDensity() {
    }

    public static double bandwidth(double[] values) {
        int n = values.length;
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double iqr = n > 1 ? NormalQq.quantileType7(sorted, 0.75) - NormalQq.quantileType7(sorted, 0.25) : 0;
        double spread = Math.min(sd, iqr / 1.34);
        if (spread <= 0) {
            spread = sd > 0 ? sd : (Math.abs(sorted[0]) > 0 ? Math.abs(sorted[0]) : 1);
        }
        return 0.9 * spread * Math.pow(n, -0.2);
    }

    /** The density at {@code points} positions. */
    public static Curve estimate(double[] values, int points) {
        if (values.length == 0) {
            return new Curve(new double[0], new double[0]);
        }
        double h = bandwidth(values);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return over(values, h, lo - 3 * h, hi + 3 * h, points);
    }

    /** The density with bandwidth {@code h} at {@code points} even positions from {@code lo} to {@code hi}. */
    public static Curve over(double[] values, double h, double lo, double hi, int points) {
        double[] x = new double[points];
        double[] y = new double[points];
        double norm = 1.0 / (values.length * h * Math.sqrt(2 * Math.PI));
        for (int j = 0; j < points; j++) {
            x[j] = lo + (hi - lo) * j / (points - 1);
            double s = 0;
            for (double v : values) {
                double u = (x[j] - v) / h;
                s += Math.exp(-0.5 * u * u);
            }
            y[j] = s * norm;
        }
        return new Curve(x, y);
    }
}
