package org.jmixed.covariance;

import java.util.List;

/**
 * The estimated residual structure of a fit, as reported: the structure as written, its kind, and
 * its parameters on their natural scale (standard-deviation ratios to the reference level or
 * first occasion, correlations, the AR coefficient). The residual standard deviation σ of the fit
 * is that of the reference level (diag, un) or of every row (cs, ar1, car1).
 *
 * @param structure the structure as written, e.g. {@code ar1(Days | Subject)}
 * @param kind      diag, cs, ar1, car1 or un
 * @param names     parameter names, e.g. {@code sd ratio age=10}, {@code corr 8,10}, {@code rho}
 * @param values    parameter values, in the order of names
 * @param optimized the structure's own (unconstrained) parameters at the optimum, as
 *                  {@link ResidualStructure#covariance} takes them, or null when unknown: for
 *                  methods that evaluate the model near its optimum (Satterthwaite's df)
 */
public record ResidualFit(String structure, String kind, List<String> names, double[] values, double[] optimized) {
    public ResidualFit {
        names = List.copyOf(names);
        values = values.clone();
        optimized = optimized == null ? null : optimized.clone();
    }

    /** Without the optimizer's parameters. */
    public ResidualFit(String structure, String kind, List<String> names, double[] values) {
        this(structure, kind, names, values, null);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] optimized() {
        return optimized == null ? null : optimized.clone();
    }
}
