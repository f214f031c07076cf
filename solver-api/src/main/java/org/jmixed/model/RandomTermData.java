package org.jmixed.model;

import java.util.List;

import org.jmixed.covariance.CovarianceKind;

/**
 * One random-effects term {@code (expr | g)} evaluated on the data.
 *
 * @param groupName   the grouping factor as lme4 names it: {@code Subject}, {@code recipe:replicate},
 *                    and for {@code (1 | a/b)} the terms {@code a} and {@code b:a}
 * @param levels      the grouping factor's levels (only those observed), in lme4's order
 * @param levelOfRow  for each observation, the index into {@code levels}
 * @param columnNames the term's model-matrix columns, e.g. {@code (Intercept)}, {@code Days}
 * @param columns     the term's raw model matrix, n × columnNames.size(), column-major
 * @param correlated  false for the pieces produced by {@code (x || g)} (informational: those
 *                    pieces are already separate terms)
 * @param covariance  the structure of the term's covariance matrix: unstructured (lme4's), or
 *                    identity / compound symmetry from {@code idn(...)} / {@code cs(...)}
 */
public record RandomTermData(String groupName, List<String> levels, int[] levelOfRow, List<String> columnNames,
                             double[] columns, boolean correlated, CovarianceKind covariance) {

    /** An unstructured term, as lme4 has them. */
    public RandomTermData(String groupName, List<String> levels, int[] levelOfRow, List<String> columnNames,
                          double[] columns, boolean correlated) {
        this(groupName, levels, levelOfRow, columnNames, columns, correlated, CovarianceKind.UNSTRUCTURED);
    }
    public int nLevels() {
        return levels.size();
    }

    public int width() {
        return columnNames.size();
    }
}
