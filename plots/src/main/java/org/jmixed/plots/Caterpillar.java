package org.jmixed.plots;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.jmixed.model.RandomEffects;

/**
 * What a caterpillar plot of one grouping factor shows (lme4's
 * {@code dotplot(ranef(fit, condVar = TRUE))}): each level's conditional mode (BLUP) of every
 * term with the interval BLUP ± z·(conditional SD), z the normal quantile of the level (1.96 for
 * 95%), the levels sorted by the first term's BLUP, increasing.
 *
 * @param group  grouping factor
 * @param terms  term names, e.g. {@code (Intercept)}, {@code Days}
 * @param levels level names in plotted order (rank 0 first, drawn at the bottom)
 * @param order  order[rank] = index of the level in the fit's {@link RandomEffects#levels()}
 * @param value  value[term][rank]
 * @param lower  lower[term][rank], interval lower end
 * @param upper  upper[term][rank]
 * @param level  the intervals' coverage, e.g. 0.95
 */
public record Caterpillar(String group, List<String> terms, List<String> levels, int[] order, double[][] value,
                          double[][] lower, double[][] upper, double level) {
    public static final double DEFAULT_LEVEL = 0.95;

    public static Caterpillar of(RandomEffects re) {
        return of(re, DEFAULT_LEVEL);
    }

    public static Caterpillar of(RandomEffects re, double level) {
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + level / 2);
        int n = re.levels().size();
        int t = re.terms().size();
        double[] first = new double[n];
        for (int i = 0; i < n; i++) {
            first[i] = re.value(i, 0);
        }
        int[] idx = IndexSort.order(first);
        int[] order = new int[n];
        List<String> levels = new ArrayList<>(n);
        double[][] value = new double[t][n];
        double[][] lower = new double[t][n];
        double[][] upper = new double[t][n];
        for (int r = 0; r < n; r++) {
            int l = idx[r];
            order[r] = l;
            levels.add(re.levels().get(l));
            for (int j = 0; j < t; j++) {
                double v = re.value(l, j);
                double sd = re.condSd(l, j);
                value[j][r] = v;
                lower[j][r] = v - z * sd;
                upper[j][r] = v + z * sd;
            }
        }
        return new Caterpillar(re.group(), re.terms(), List.copyOf(levels), order, value, lower, upper, level);
    }

    public int size() {
        return levels.size();
    }
}
