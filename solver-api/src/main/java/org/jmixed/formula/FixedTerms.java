package org.jmixed.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-style term list after expansion, as R's {@code terms()} describes it: the variables in
 * order of first appearance, whether there is an intercept, and the terms, each a set of variable
 * indices (increasing), sorted by order of interaction (main effects first) and otherwise kept in
 * formula order.
 *
 * @param variables the variable expressions ({@code x}, {@code log(x)}, {@code factor(g)})
 * @param intercept whether the model has an intercept
 * @param terms     per term, the indices into {@code variables}, increasing
 */
public record FixedTerms(List<Expr> variables, boolean intercept, List<int[]> terms) {
    public FixedTerms {
        variables = List.copyOf(variables);
        terms = List.copyOf(terms);
    }

    /** A variable's label: the deparsed expression, used in column names. */
    public String variableLabel(int v) {
        return Deparser.deparse(variables.get(v));
    }

    /** A term's label as R writes it: its variables joined by {@code :} in variable order. */
    public String termLabel(int t) {
        List<String> parts = new ArrayList<>();
        for (int v : terms.get(t)) {
            parts.add(variableLabel(v));
        }
        return String.join(":", parts);
    }

    /** All term labels, in order. */
    public List<String> termLabels() {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            out.add(termLabel(t));
        }
        return out;
    }
}
