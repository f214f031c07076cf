package org.jmixed.model;

import java.util.List;

/**
 * The conditional modes (BLUPs) of one grouping factor's random effects, as lme4's
 * {@code ranef(fit, condVar = TRUE)} gives them. Terms that share a grouping factor (e.g. the
 * pieces of {@code (Days || Subject)}) are reported together.
 *
 * @param group   grouping factor
 * @param terms   column names, e.g. {@code (Intercept)}, {@code Days}
 * @param levels  levels of the grouping factor
 * @param values  values[level][term]
 * @param condSd  conditional standard deviations, condSd[level][term]
 */
public record RandomEffects(String group, List<String> terms, List<String> levels, double[][] values,
                            double[][] condSd) {
    public RandomEffects {
        terms = List.copyOf(terms);
        levels = List.copyOf(levels);
        values = deepCopy(values);
        condSd = deepCopy(condSd);
    }

    @Override
    public double[][] values() {
        return deepCopy(values);
    }

    @Override
    public double[][] condSd() {
        return deepCopy(condSd);
    }

    /** One value without copying the table. */
    public double value(int level, int term) {
        return values[level][term];
    }

    public double condSd(int level, int term) {
        return condSd[level][term];
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
