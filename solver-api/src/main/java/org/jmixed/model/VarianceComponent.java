package org.jmixed.model;

/**
 * One row of lme4's {@code as.data.frame(VarCorr(fit))}: a variance ({@code var2 == null}) or a
 * covariance of a grouping factor's random effects, or the residual variance ({@code group} is
 * {@code Residual}, {@code var1 == null}).
 *
 * @param group grouping factor, made unique as lme4 does ({@code Subject}, {@code Subject.1})
 * @param var1  first term, e.g. {@code (Intercept)}; null for the residual
 * @param var2  second term of a covariance; null for a variance
 * @param vcov  variance or covariance
 * @param sdcor standard deviation or correlation
 */
public record VarianceComponent(String group, String var1, String var2, double vcov, double sdcor) {
}
