package org.jmixed.model;

import org.jmixed.JmixedException;
import org.jmixed.data.Column;
import org.jmixed.data.DataFrame;
import org.jmixed.data.Factor;
import org.jmixed.formula.Deparser;
import org.jmixed.formula.Expr;
import org.jmixed.formula.FixedTerms;
import org.jmixed.formula.ModelSpec;
import org.jmixed.formula.RandomTermSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a formula on a data frame, producing the {@link ModelFrame} the fitting code uses:
 * <ol>
 *   <li>parse and expand the formula ({@link ModelSpec});</li>
 *   <li>check that every column it names exists;</li>
 *   <li>drop the rows where any column the formula uses is missing (R's {@code na.omit});</li>
 *   <li>evaluate the response, the fixed-effects matrix ({@link DesignMatrix}) and each
 *       random-effects term, then check the random-effects structure as lme4 does.</li>
 * </ol>
 */
public final class ModelFrameBuilder {
    private ModelFrameBuilder() {
    }

    public static ModelFrame build(DataFrame data, String formula) {
        ModelSpec spec = ModelSpec.of(formula);

        // every column the formula uses, with the term it appears in (for the unknown-column message)
        Map<String, String> used = new LinkedHashMap<>();
        Set<String> grouping = new LinkedHashSet<>();
        collectNames(spec.response(), Deparser.deparse(spec.response()), used);
        collectTermNames(spec.fixed(), used);
        for (Expr o : spec.offsets()) {
            collectNames(o, "offset(" + Deparser.deparse(o) + ")", used);
        }
        for (RandomTermSpec r : spec.random()) {
            collectTermNames(r.lhs(), used);
            for (String g : r.groupingFactors()) {
                used.putIfAbsent(g, r.text());
                grouping.add(g);
            }
        }
        for (Map.Entry<String, String> u : used.entrySet()) {
            if (!data.hasColumn(u.getKey())) {
                throw new JmixedException("formula: unknown column '" + u.getKey() + "' in term '" + u.getValue()
                        + "' (columns: " + String.join(", ", data.names()) + ")");
            }
        }

        int[] rows = completeRows(data, used.keySet());
        if (rows.length == 0) {
            throw new JmixedException(data.source() + ": no rows left after dropping rows with missing values in "
                    + String.join(", ", used.keySet()));
        }
        DesignData dd = new DesignData(data, formula, rows, grouping);
        dd.prepareFactors(grouping);
        int n = rows.length;

        double[] y = dd.numeric(spec.response(), "response");
        DesignMatrix x = designMatrix(spec.fixed(), dd);

        List<RandomTermData> random = new ArrayList<>();
        for (RandomTermSpec r : spec.random()) {
            random.add(randomTerm(r, dd));
        }
        double[] offset = null;
        for (Expr o : spec.offsets()) {
            double[] v = dd.numeric(o, "offset");
            if (offset == null) {
                offset = v;
            } else {
                for (int i = 0; i < n; i++) {
                    offset[i] += v[i];
                }
            }
        }
        return new ModelFrame(formula, Deparser.deparse(spec.response()), y, x.values(), x.names(), random,
                data.nrows() - n, data.nrows(), offset, data, rows);
    }

    private static DesignMatrix designMatrix(FixedTerms terms, DesignData dd) {
        List<DesignVariable> vars = new ArrayList<>();
        Set<Integer> usedVars = new java.util.HashSet<>();
        for (int[] t : terms.terms()) {
            for (int v : t) {
                usedVars.add(v);
            }
        }
        for (int v = 0; v < terms.variables().size(); v++) {
            // a variable removed from every term (y ~ a*b - a:b - b) is not evaluated
            vars.add(usedVars.contains(v) ? dd.variable(terms.variables().get(v)) : null);
        }
        return DesignMatrix.build(terms, vars, dd.n());
    }

    private static RandomTermData randomTerm(RandomTermSpec r, DesignData dd) {
        int n = dd.n();
        Factor g = null;
        for (String name : r.groupingFactors()) {
            Factor f = dd.factor(name);
            g = g == null ? f : Factor.interaction(g, f);
        }
        String group = r.groupName();
        if (g.nLevels() < 2) {
            throw new JmixedException("grouping factor '" + group + "' has only 1 level; a random effect needs at least 2");
        }
        if (g.nLevels() >= n) {
            throw new JmixedException("grouping factor '" + group + "' has " + g.nLevels() + " levels for " + n
                    + " observations; the number of levels of each grouping factor must be < number of observations");
        }
        DesignMatrix z = designMatrix(r.lhs(), dd);
        if (z.ncol() == 0) {
            throw new JmixedException("term " + r.text() + " has no random effects (no intercept and no variables)");
        }
        long q = (long) z.ncol() * g.nLevels();
        // As lme4's check.nobs.vs.nRE: the residual variance is not identifiable unless n > q.
        if (q >= n) {
            throw new JmixedException("term " + r.text() + ": " + z.ncol() + " × " + g.nLevels() + " = " + q
                    + " random effects but only " + n + " observations (need more observations than random effects)");
        }
        return new RandomTermData(group, g.levels(), g.codes(), z.names(), z.values(), r.correlated(), r.covariance());
    }

    /** Rows with no missing value in any of the columns. */
    public static int[] completeRows(DataFrame data, Set<String> columns) {
        List<Column> cols = new ArrayList<>();
        for (String c : columns) {
            cols.add(data.column(c));
        }
        int[] keep = new int[data.nrows()];
        int k = 0;
        rows:
        for (int r = 0; r < data.nrows(); r++) {
            for (Column c : cols) {
                if (c.isMissing(r)) {
                    continue rows;
                }
            }
            keep[k++] = r;
        }
        return java.util.Arrays.copyOf(keep, k);
    }

    /** Adds every column the kept variables of a term list use, with the term's label (first one wins). */
    public static void collectTermNames(FixedTerms terms, Map<String, String> used) {
        for (int t = 0; t < terms.terms().size(); t++) {
            String label = terms.termLabel(t);
            for (int v : terms.terms().get(t)) {
                collectNames(terms.variables().get(v), label, used);
            }
        }
    }

    /** Adds every column an expression names, with {@code context} (first one wins). */
    public static void collectNames(Expr e, String context, Map<String, String> used) {
        if (e instanceof Expr.Name n) {
            used.putIfAbsent(n.name(), context);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> collectNames(a, context, used));
        } else if (e instanceof Expr.Binary b) {
            collectNames(b.left(), context, used);
            collectNames(b.right(), context, used);
        } else if (e instanceof Expr.Unary u) {
            collectNames(u.operand(), context, used);
        } else if (e instanceof Expr.Paren p) {
            collectNames(p.inner(), context, used);
        }
    }
}
