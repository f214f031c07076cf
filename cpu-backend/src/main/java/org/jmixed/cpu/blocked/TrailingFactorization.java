package org.jmixed.cpu.blocked;

/**
 * How {@link BlockedPlsEvaluator} factors its trailing block (all terms after the first): densely
 * (dpotrf of the whole block), supernodally after a fill-reducing order, or whichever is estimated
 * to be cheaper for the problem. The system property {@value TrailingChoice#PROPERTY}
 * ({@code auto}, {@code dense}, {@code supernodal}) overrides {@code AUTO}.
 */
public enum TrailingFactorization {
    AUTO,
    DENSE,
    SUPERNODAL
}
