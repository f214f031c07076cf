package org.jmixed.plots.inference;

import java.util.Arrays;

import org.jmixed.plots.Curve;
import org.jmixed.plots.KernelDensity;

/**
 * A Gaussian kernel density (bandwidth by {@link KernelDensity#bandwidth}, from all values)
 * evaluated only over the central part of the sample: from the 0.5% to the 99.5% quantile,
 * widened by three bandwidths or a fifth of that range, whichever is more, but never past the
 * kernel density's own range (three bandwidths beyond the data). A light-tailed sample is drawn
 * whole, its density down to almost zero at both ends. A variance's posterior under a diffuse
 * inverse-gamma prior has a tail reaching a hundred times its median; drawn over the full range,
 * the density would be a spike at the left edge.
 */
public final class TrimmedDensity {
    /** The share of the sample left out of the drawn range, half on each side. */
    public static final double TRIM = 0.01;

    private TrimmedDensity() {
    }

    public static Curve estimate(double[] values, int points) {
        if (values.length < 2) {
            return KernelDensity.estimate(values, points);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = KernelDensity.bandwidth(values);
        double qlo = quantile(sorted, TRIM / 2);
        double qhi = quantile(sorted, 1 - TRIM / 2);
        double margin = Math.max(3 * h, 0.2 * (qhi - qlo));
        double lo = Math.max(sorted[0] - 3 * h, qlo - margin);
        double hi = Math.min(sorted[sorted.length - 1] + 3 * h, qhi + margin);
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

    /** R's type-7 quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
