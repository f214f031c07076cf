package org.jmixed.inference.ddf;

/**
 * An F test of a linear hypothesis Lβ = 0, as a row of lmerTest's anova table.
 *
 * @param numDF   numerator degrees of freedom (the rank of L)
 * @param denDF   denominator degrees of freedom (Satterthwaite or Kenward–Roger)
 * @param f       the F statistic (Kenward–Roger: scaled, as pbkrtest reports it)
 * @param p       Pr(&gt;F)
 * @param sumSq   the sum of squares lmerTest reports: unscaled F × NumDF × σ̂²
 * @param meanSq  sumSq / NumDF
 * @param scaling the Kenward–Roger F scaling (1 for Satterthwaite)
 */
public record ContrastTest(int numDF, double denDF, double f, double p, double sumSq, double meanSq, double scaling) {
}
