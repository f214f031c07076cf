/**
 * Confidence intervals for linear mixed models, as lme4's {@code confint()}: profile-likelihood
 * intervals ({@link org.jmixed.inference.interval.ConfidenceIntervals#profile}) with their ζ traces,
 * and Wald intervals ({@link org.jmixed.inference.interval.ConfidenceIntervals#wald}). Results are
 * immutable {@link org.jmixed.inference.interval.IntervalTable}s; {@link
 * org.jmixed.inference.interval.IntervalReport} prints them as text or JSON.
 */
package org.jmixed.inference.interval;
