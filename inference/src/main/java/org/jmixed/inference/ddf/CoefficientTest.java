package org.jmixed.inference.ddf;

/**
 * One row of lmerTest's {@code summary()} coefficient table.
 *
 * @param name     the fixed-effects column
 * @param estimate β̂
 * @param stdError its standard error (Kenward–Roger: from the adjusted covariance)
 * @param df       denominator degrees of freedom
 * @param t        estimate / stdError
 * @param p        Pr(&gt;|t|), two-sided
 */
public record CoefficientTest(String name, double estimate, double stdError, double df, double t, double p) {
}
