package org.jmixed.inference.moments;

import java.util.List;

/**
 * ANOVA (method-of-moments) variance-component estimates: the mean squares of a balanced
 * design equated to their expectations and solved.
 *
 * @param formula    the formula as given
 * @param design     the layout recognised
 * @param nobs       observations used
 * @param grandMean  the mean of the response (the intercept's estimate in a balanced design)
 * @param table      the analysis-of-variance table, the residual line last
 * @param components the estimates, one per random-effects term, residual last
 * @param notes      remarks, e.g. on negative estimates
 */
public record MomentResult(String formula, MomentDesign design, int nobs, double grandMean, List<MeanSquare> table,
                           List<ComponentEstimate> components, List<String> notes) {
    public MomentResult {
        table = List.copyOf(table);
        components = List.copyOf(components);
        notes = List.copyOf(notes);
    }
}
