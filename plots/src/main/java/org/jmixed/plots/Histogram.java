package org.jmixed.plots;

/**
 * Counts of a sample in equal-width bins (left-closed, the last bin closed on both sides), e.g.
 * of bootstrap replicates or posterior draws.
 *
 * @param edges  bin edges, bins + 1 of them, increasing
 * @param counts observations per bin
 */
public record Histogram(double[] edges, long[] counts) {
    public int bins() {
        return counts.length;
    }

    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Height of bin i on the density scale: count / (total · width), so that the bars' area is 1. */
    public double density(int i) {
        return counts[i] / (total() * (edges[i + 1] - edges[i]));
    }

    /** Bins by Sturges' rule, R's default for {@code hist}: ⌈log2 n⌉ + 1. */
    public static Histogram of(double[] values) {
        int n = finiteCount(values);
        int bins = n <= 1 ? 1 : (int) Math.ceil(Math.log(n) / Math.log(2)) + 1;
        return of(values, bins);
    }

    /** Equal-width bins over the finite values' range; non-finite values are left out. */
    public static Histogram of(double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, not " + bins);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        double width = (hi - lo) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + i * width;
        }
        edges[bins] = hi;
        long[] counts = new long[bins];
        for (double v : values) {
            if (Double.isFinite(v)) {
                int b = (int) Math.floor((v - lo) / width);
                counts[Math.max(0, Math.min(bins - 1, b))]++;
            }
        }
        return new Histogram(edges, counts);
    }

    private static int finiteCount(double[] values) {
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
            }
        }
        return n;
    }
}
