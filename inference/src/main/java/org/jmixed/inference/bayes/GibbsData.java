package org.jmixed.inference.bayes;

import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;

/**
 * The random-intercept model {@code y ~ x + (1 | g)} as the Gibbs sampler uses it: y, the kept
 * fixed-effects columns, the group of each row, and the per-group sums that make each update cost
 * O(q·p) apart from the residual sum of squares.
 *
 * @param y          response, length n
 * @param x          fixed-effects matrix n × p, column-major (aliased columns dropped)
 * @param fixedNames names of x's columns
 * @param group      the grouping factor's name
 * @param levels     its levels
 * @param levelOfRow level index of each row
 */
public record GibbsData(String formula, double[] y, double[] x, List<String> fixedNames, String group,
                        List<String> levels, int[] levelOfRow) {
    public GibbsData {
        fixedNames = List.copyOf(fixedNames);
        levels = List.copyOf(levels);
        if (y.length != levelOfRow.length || x.length != y.length * fixedNames.size()) {
            throw new IllegalArgumentException("inconsistent sizes");
        }
    }

    /** Evaluates the formula, which must have exactly one random-effects term, an intercept {@code (1 | g)}. */
    public static GibbsData of(DataFrame data, String formula) {
        PreparedModel pm = LinearMixedModel.prepare(data, formula);
        if (pm.terms().size() != 1 || pm.terms().get(0).width() != 1
                || !pm.terms().get(0).columnNames().get(0).equals("(Intercept)")) {
            throw new JmixedException("formula '" + formula + "': the Gibbs sampler is written for one random intercept,"
                    + " 'y ~ x + (1 | g)'");
        }
        RandomTermData t = pm.terms().get(0);
        return new GibbsData(formula, pm.frame().y(), pm.x(), pm.fixedNames(), t.groupName(), t.levels(), t.levelOfRow());
    }

    public int n() {
        return y.length;
    }

    public int p() {
        return fixedNames.size();
    }

    public int q() {
        return levels.size();
    }
}
