package org.jmixed.plots.inference;

import java.util.Arrays;

import org.jmixed.plots.Curve;
import org.jmixed.plots.KernelDensity;
import org.jmixed.plots.NormalQq;

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
        double qlo = NormalQq.quantileType7(sorted, TRIM / 2);
        double qhi = NormalQq.quantileType7(sorted, 1 - TRIM / 2);
        double margin = Math.max(3 * h, 0.2 * (qhi - qlo));
        double lo = Math.max(sorted[0] - 3 * h, qlo - margin);
        double hi = Math.min(sorted[sorted.length - 1] + 3 * h, qhi + margin);
        return KernelDensity.over(values, h, lo, hi, points);
    }
}
