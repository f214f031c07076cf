package org.jmixed.inference.moments;

/**
 * One line of the analysis-of-variance table.
 *
 * @param source       the grouping factor as lme4 names it, or {@code Residual}
 * @param df           degrees of freedom
 * @param sumOfSquares sum of squares (sequential, as {@code aov} in the order of the design)
 * @param meanSquare   sumOfSquares / df
 * @param expectation  its expected value in terms of the variance components, e.g. {@code σ²_e + 5 σ²_operator}
 */
public record MeanSquare(String source, int df, double sumOfSquares, double meanSquare, String expectation) {
}
