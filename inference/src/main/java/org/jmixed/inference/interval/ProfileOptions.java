package org.jmixed.inference.interval;

import java.util.List;

import org.jmixed.JmixedException;

/**
 * What {@link ConfidenceIntervals#profile} computes.
 *
 * @param level      the confidence level, in (0, 1)
 * @param parameters which parameters, as lme4's {@code parm}: names ({@code .sig01}, {@code .sigma},
 *                   {@code (Intercept)}), or the groups {@code theta_} (all variance parameters) and
 *                   {@code beta_} (all fixed effects); empty for all
 * @param traceZeta  how far in |ζ| the traces reach on each side; 0 (the default) for no farther
 *                   than the interval's ends need. Zeta plots over lme4's range ask for more (lme4
 *                   profiles to √χ²(0.99, number of parameters)), at two or three more refits a side.
 */
public record ProfileOptions(double level, List<String> parameters, double traceZeta) {
    public ProfileOptions {
        if (!(level > 0 && level < 1)) {
            throw new JmixedException("confidence level must be between 0 and 1, not " + level);
        }
        if (!(traceZeta >= 0) || Double.isInfinite(traceZeta)) {
            throw new JmixedException("trace reach in zeta must be a finite number >= 0, not " + traceZeta);
        }
        parameters = List.copyOf(parameters);
    }

    public static ProfileOptions defaults() {
        return new ProfileOptions(0.95, List.of(), 0.0);
    }

    public ProfileOptions withLevel(double v) {
        return new ProfileOptions(v, parameters, traceZeta);
    }

    public ProfileOptions withParameters(List<String> v) {
        return new ProfileOptions(level, v, traceZeta);
    }

    public ProfileOptions withTraceZeta(double v) {
        return new ProfileOptions(level, parameters, v);
    }
}
