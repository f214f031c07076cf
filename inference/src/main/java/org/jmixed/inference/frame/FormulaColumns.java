package org.jmixed.inference.frame;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jmixed.formula.Expr;
import org.jmixed.formula.FixedTerms;
import org.jmixed.formula.ModelSpec;
import org.jmixed.formula.RandomTermSpec;

/**
 * The data columns a formula reads, by role: what decides which rows a model can use and which
 * columns new data must have.
 *
 * @param response the columns of the response expression
 * @param fixed    the columns of the fixed-effects terms
 * @param random   the columns of the random-effects terms' left-hand sides
 * @param grouping the grouping-factor columns
 */
public record FormulaColumns(Set<String> response, Set<String> fixed, Set<String> random, Set<String> grouping) {
    public FormulaColumns {
        response = Set.copyOf(response);
        fixed = Set.copyOf(fixed);
        random = Set.copyOf(random);
        grouping = Set.copyOf(grouping);
    }

    public static FormulaColumns of(ModelSpec spec) {
        Set<String> response = new LinkedHashSet<>();
        Set<String> fixed = new LinkedHashSet<>();
        Set<String> random = new LinkedHashSet<>();
        Set<String> grouping = new LinkedHashSet<>();
        names(spec.response(), response);
        names(spec.fixed(), fixed);
        for (RandomTermSpec r : spec.random()) {
            names(r.lhs(), random);
            grouping.addAll(r.groupingFactors());
        }
        return new FormulaColumns(response, fixed, random, grouping);
    }

    /** Every column, response first, in a stable order. */
    public Set<String> all() {
        Set<String> all = new java.util.TreeSet<>(response);
        all.addAll(fixed);
        all.addAll(random);
        all.addAll(grouping);
        return all;
    }

    /** The columns the variables of a term list use (only those of variables some term keeps). */
    static void names(FixedTerms terms, Set<String> out) {
        for (int[] t : terms.terms()) {
            for (int v : t) {
                names(terms.variables().get(v), out);
            }
        }
    }

    static void names(Expr e, Set<String> out) {
        if (e instanceof Expr.Name n) {
            out.add(n.name());
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> names(a, out));
        } else if (e instanceof Expr.Binary b) {
            names(b.left(), out);
            names(b.right(), out);
        } else if (e instanceof Expr.Unary u) {
            names(u.operand(), out);
        } else if (e instanceof Expr.Paren p) {
            names(p.inner(), out);
        }
    }
}
