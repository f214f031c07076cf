package org.jmixed.spark;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmixed.JmixedException;
import org.jmixed.covariance.CovarianceKind;
import org.jmixed.formula.Deparser;
import org.jmixed.formula.Expr;
import org.jmixed.formula.FixedTerms;
import org.jmixed.formula.ModelSpec;
import org.jmixed.formula.RandomTermSpec;
import org.jmixed.model.ModelFrameBuilder;

/**
 * The columns a formula reads and the role each plays: every column it names (with the term, for
 * messages), the grouping columns (always categorical), and the columns that may become factors
 * (plain variables, whose kind the data decides, and {@code factor(x)} arguments).
 */
final class FormulaColumns {
    final ModelSpec spec;
    /** Column name to the formula term it appears in first. */
    final Map<String, String> used = new LinkedHashMap<>();
    final Set<String> grouping = new LinkedHashSet<>();
    /** Columns named as a plain variable of a term (their kind comes from the data). */
    final Set<String> plainVariables = new LinkedHashSet<>();
    /** Columns named as {@code factor(x)}. */
    final Set<String> factorCalls = new LinkedHashSet<>();

    FormulaColumns(String formula) {
        spec = ModelSpec.of(formula);
        collect(spec.response(), Deparser.deparse(spec.response()));
        collectTerms(spec.fixed());
        for (Expr o : spec.offsets()) {
            collect(o, "offset(" + Deparser.deparse(o) + ")");
        }
        for (RandomTermSpec r : spec.random()) {
            if (r.covariance() != CovarianceKind.UNSTRUCTURED) {
                throw new JmixedException("formula: term " + r.text()
                        + ": covariance structures other than lme4's are not available on Spark");
            }
            collectTerms(r.lhs());
            for (String g : r.groupingFactors()) {
                used.putIfAbsent(g, r.text());
                grouping.add(g);
            }
        }
    }

    private void collectTerms(FixedTerms terms) {
        ModelFrameBuilder.collectTermNames(terms, used);
        for (int[] t : terms.terms()) {
            for (int v : t) {
                Expr e = terms.variables().get(v);
                if (e instanceof Expr.Name n) {
                    plainVariables.add(n.name());
                } else if (e instanceof Expr.Call c && c.function().equals("factor")
                        && c.args().size() == 1 && c.args().get(0) instanceof Expr.Name n) {
                    factorCalls.add(n.name());
                }
            }
        }
    }

    private void collect(Expr e, String context) {
        ModelFrameBuilder.collectNames(e, context, used);
    }

    List<String> usedColumns() {
        return List.copyOf(used.keySet());
    }
}
