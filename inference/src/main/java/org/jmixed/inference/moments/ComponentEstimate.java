package org.jmixed.inference.moments;

/**
 * A method-of-moments estimate of one variance component.
 *
 * @param group    the grouping factor as lme4 names it, or {@code Residual}
 * @param variance the estimate; may be negative (reported as it is)
 * @param formula  how it was computed from the mean squares, e.g. {@code (MS_operator − MS_Residual) / 5}
 */
public record ComponentEstimate(String group, double variance, String formula) {
    /** The standard deviation, NaN when the variance estimate is negative. */
    public double sd() {
        return variance >= 0 ? Math.sqrt(variance) : Double.NaN;
    }

    public boolean negative() {
        return variance < 0;
    }
}
