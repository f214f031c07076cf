package org.jmixed.plots;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The points of a normal QQ plot, as R's {@code qqnorm} places them: the sorted sample against
 * the standard normal quantiles of {@code ppoints(n)}, (i − a)/(n + 1 − 2a) with a = 3/8 for
 * n ≤ 10 and 1/2 otherwise; and the reference line through the quartiles, as {@code qqline}
 * draws it.
 *
 * @param theoretical standard normal quantiles, increasing
 * @param sample      the sample, sorted increasing
 * @param order       order[i] = index in the original sample of sample[i]
 * @param intercept   reference line: sample ≈ intercept + slope · theoretical
 * @param slope       see intercept
 */
public record NormalQq(double[] theoretical, double[] sample, int[] order, double intercept, double slope) {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    public static NormalQq of(double[] values) {
        int n = values.length;
        int[] order = IndexSort.order(values);
        double[] sorted = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = values[order[i]];
            q[i] = STANDARD.inverseCumulativeProbability(plottingPosition(i + 1, n));
        }
        double intercept = Double.NaN;
        double slope = Double.NaN;
        if (n >= 2) {
            double q1 = quantileType7(sorted, 0.25);
            double q3 = quantileType7(sorted, 0.75);
            double z1 = STANDARD.inverseCumulativeProbability(0.25);
            double z3 = STANDARD.inverseCumulativeProbability(0.75);
            slope = (q3 - q1) / (z3 - z1);
            intercept = q1 - slope * z1;
        }
        return new NormalQq(q, sorted, order, intercept, slope);
    }

    /** R's {@code ppoints(n)[i]}, i from 1. */
    public static double plottingPosition(int i, int n) {
        double a = n <= 10 ? 3.0 / 8.0 : 0.5;
        return (i - a) / (n + 1 - 2 * a);
    }

    /** R's default quantile (type 7) of sorted data. */
    public static double quantileType7(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public int size() {
        return sample.length;
    }
}
