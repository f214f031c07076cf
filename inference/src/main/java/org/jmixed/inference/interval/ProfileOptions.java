package org.jmixed.inference.interval;

import java.util.List;

import org.jmixed.JmixedException;

/**
 * What {@link ConfidenceIntervals#profile} computes: the confidence level and which parameters, as
 * lme4's {@code parm}: names ({@code .sig01}, {@code .sigma}, {@code (Intercept)}), or the groups
 * {@code theta_} (all variance parameters) and {@code beta_} (all fixed effects). An empty list
 * means all.
 */
public record ProfileOptions(double level, List<String> parameters) {
    public ProfileOptions {
        if (!(level > 0 && level < 1)) {
            throw new JmixedException("confidence level must be between 0 and 1, not " + level);
        }
        parameters = List.copyOf(parameters);
    }

    public static ProfileOptions defaults() {
        return new ProfileOptions(0.95, List.of());
    }

    public ProfileOptions withLevel(double v) {
        return new ProfileOptions(v, parameters);
    }

    public ProfileOptions withParameters(List<String> v) {
        return new ProfileOptions(level, v);
    }
}
