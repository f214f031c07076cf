package org.jmixed.inference.bootstrap;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Confidence intervals from a set of bootstrap replicates, for every quantity of a
 * {@link BootstrapResult}, as R's {@code boot.ci} defines them (quantiles by R's default rule,
 * type 7, rather than boot's own interpolation; the difference is within Monte-Carlo error):
 * <ul>
 *   <li>percentile: the α/2 and 1 − α/2 quantiles of the replicates;</li>
 *   <li>basic: 2θ̂ − q(1 − α/2), 2θ̂ − q(α/2) (the percentile interval reflected about the estimate);</li>
 *   <li>normal: θ̂ − bias ± z(1 − α/2) · SE (bias and SE from the replicates).</li>
 * </ul>
 */
public final class BootstrapIntervals {
    /** Which construction. */
    public enum Method { PERCENTILE, BASIC, NORMAL }

    /** One interval: the quantity, its original estimate and the bounds. */
    public record Interval(String name, double estimate, double lower, double upper) {
    }

    private BootstrapIntervals() {
    }

    /** Intervals at this confidence level (e.g. 0.95) for every quantity. */
    public static List<Interval> compute(BootstrapResult result, Method method, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), not " + level);
        }
        double alpha = 1 - level;
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - alpha / 2);
        double[] original = result.original();
        List<Interval> out = new ArrayList<>();
        for (int j = 0; j < result.names().size(); j++) {
            double est = original[j];
            double lo;
            double hi;
            switch (method) {
                case PERCENTILE -> {
                    lo = result.quantile(j, alpha / 2);
                    hi = result.quantile(j, 1 - alpha / 2);
                }
                case BASIC -> {
                    lo = 2 * est - result.quantile(j, 1 - alpha / 2);
                    hi = 2 * est - result.quantile(j, alpha / 2);
                }
                default -> {
                    double centre = est - result.bias(j);
                    double half = z * result.standardError(j);
                    lo = centre - half;
                    hi = centre + half;
                }
            }
            out.add(new Interval(result.names().get(j), est, lo, hi));
        }
        return out;
    }
}
