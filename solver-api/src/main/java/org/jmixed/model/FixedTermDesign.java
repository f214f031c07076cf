package org.jmixed.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmixed.data.DataFrame;
import org.jmixed.formula.FixedTerms;
import org.jmixed.formula.ModelSpec;
import org.jmixed.formula.RandomTermSpec;

/**
 * How the fixed-effects columns of a model relate to the terms of its formula, which tests of
 * model terms (type III F tests) need and the model matrix alone does not say: the term each
 * column belongs to, which variables each term involves and whether they are numeric, the
 * order of each term, and the over-parameterized design matrix (every term coded by indicators of
 * all levels of its factors, as {@code model.matrix(~ 0 + term)} codes it in R) on the same rows.
 *
 * @param termLabels       the terms as R labels them ({@code irrigation:variety}), in model order
 * @param termVariables    per term, the indices of its variables
 * @param variableNumeric  per variable, whether it is numeric (else a factor)
 * @param intercept        whether the model has an intercept
 * @param columnNames      the full model matrix's columns (before aliased columns are dropped)
 * @param columnTerm       per column of the full model matrix, its term index, −1 for the intercept
 * @param overNames        the over-parameterized matrix's column names: {@code (Intercept)} when
 *                         the model has one, then each term's indicator-coded columns
 * @param overTerm         per over-parameterized column, its term index, −1 for the intercept
 * @param over             the over-parameterized matrix, n × overNames.size(), column-major
 */
public record FixedTermDesign(List<String> termLabels, List<int[]> termVariables, boolean[] variableNumeric,
                              boolean intercept, List<String> columnNames, int[] columnTerm,
                              List<String> overNames, int[] overTerm, double[] over) {

    /** Evaluates the formula's fixed part on the rows the model keeps (those without missing values). */
    public static FixedTermDesign of(DataFrame data, String formula) {
        ModelSpec spec = ModelSpec.of(formula);
        Map<String, String> used = new LinkedHashMap<>();
        Set<String> grouping = new LinkedHashSet<>();
        ModelFrameBuilder.collectNames(spec.response(), "response", used);
        ModelFrameBuilder.collectTermNames(spec.fixed(), used);
        for (RandomTermSpec r : spec.random()) {
            ModelFrameBuilder.collectTermNames(r.lhs(), used);
            for (String g : r.groupingFactors()) {
                used.putIfAbsent(g, r.text());
                grouping.add(g);
            }
        }
        // The model frame checks columns and rows; building it first gives its messages.
        ModelFrameBuilder.build(data, formula);
        int[] rows = ModelFrameBuilder.completeRows(data, used.keySet());
        DesignData dd = new DesignData(data, formula, rows, grouping);
        FixedTerms terms = spec.fixed();
        Set<Integer> usedVars = new HashSet<>();
        for (int[] t : terms.terms()) {
            for (int v : t) {
                usedVars.add(v);
            }
        }
        List<DesignVariable> vars = new ArrayList<>();
        boolean[] numeric = new boolean[terms.variables().size()];
        for (int v = 0; v < terms.variables().size(); v++) {
            DesignVariable dv = usedVars.contains(v) ? dd.variable(terms.variables().get(v)) : null;
            vars.add(dv);
            numeric[v] = dv != null && !dv.isFactor();
        }
        int n = dd.n();

        int[][] coding = DesignMatrix.codings(terms, vars);
        List<String> columnNames = DesignMatrix.build(terms, vars, n).names();
        int[] columnTerm = new int[columnNames.size()];
        int c = 0;
        if (terms.intercept()) {
            columnTerm[c++] = -1;
        }
        for (int t = 0; t < terms.terms().size(); t++) {
            int width = 1;
            int[] tv = terms.terms().get(t);
            for (int k = 0; k < tv.length; k++) {
                DesignVariable v = vars.get(tv[k]);
                if (v.isFactor()) {
                    width *= v.factor().nLevels() - (coding[t][k] == 2 ? 0 : 1);
                }
            }
            for (int j = 0; j < width; j++) {
                columnTerm[c++] = t;
            }
        }

        List<String> overNames = new ArrayList<>();
        List<Integer> overTerm = new ArrayList<>();
        List<double[]> parts = new ArrayList<>();
        if (terms.intercept()) {
            double[] one = new double[n];
            java.util.Arrays.fill(one, 1.0);
            overNames.add("(Intercept)");
            overTerm.add(-1);
            parts.add(one);
        }
        for (int t = 0; t < terms.terms().size(); t++) {
            DesignMatrix m = DesignMatrix.build(new FixedTerms(terms.variables(), false, List.of(terms.terms().get(t))),
                    vars, n);
            for (int j = 0; j < m.ncol(); j++) {
                overNames.add(m.names().get(j));
                overTerm.add(t);
                parts.add(java.util.Arrays.copyOfRange(m.values(), j * n, (j + 1) * n));
            }
        }
        double[] over = new double[n * parts.size()];
        for (int j = 0; j < parts.size(); j++) {
            System.arraycopy(parts.get(j), 0, over, j * n, n);
        }
        return new FixedTermDesign(terms.termLabels(), terms.terms(), numeric, terms.intercept(), columnNames,
                columnTerm, overNames, overTerm.stream().mapToInt(Integer::intValue).toArray(), over);
    }

    public int n() {
        return overNames.isEmpty() ? 0 : over.length / overNames.size();
    }

    /** The term a column (by name) of the model matrix belongs to, −1 for the intercept. */
    public int termOfColumn(String name) {
        int j = columnNames.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no fixed-effects column '" + name + "'");
        }
        return columnTerm[j];
    }

    /** The order of a term: its number of variables. */
    public int order(int term) {
        return termVariables.get(term).length;
    }
}
