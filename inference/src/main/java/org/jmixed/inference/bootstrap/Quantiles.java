package org.jmixed.inference.bootstrap;

import java.util.Arrays;

/** Sample quantiles as R's {@code quantile(type = 7)}, its default: linear interpolation between order statistics. */
public final class Quantiles {
    private Quantiles() {
    }

    public static double type7(double[] values, double prob) {
        if (!(prob >= 0 && prob <= 1)) {
            throw new IllegalArgumentException("probability " + prob + " outside [0, 1]");
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double h = (v.length - 1) * prob;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }
}
