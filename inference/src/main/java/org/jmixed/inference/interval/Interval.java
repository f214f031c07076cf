package org.jmixed.inference.interval;

import java.util.List;

/**
 * One row of a confidence-interval table, on lme4's scale: a random-effect standard deviation or
 * correlation ({@code .sig01}, ...), the residual standard deviation ({@code .sigma}) or a fixed
 * effect. An end that could not be computed is NaN (lme4's NA): Wald intervals of variance
 * parameters, or a profile that did not cross.
 *
 * @param name     lme4's name of the parameter
 * @param estimate the estimate the interval is built around (for profiles: from the ML fit)
 * @param lower    lower end
 * @param upper    upper end
 * @param notes    what the reader should know, e.g. that an end is the parameter's bound
 */
public record Interval(String name, double estimate, double lower, double upper, List<String> notes) {
    public Interval {
        notes = List.copyOf(notes);
    }
}
