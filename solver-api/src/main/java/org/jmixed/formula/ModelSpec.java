package org.jmixed.formula;

import java.util.List;

/**
 * A formula reduced to what a model needs, before any data is seen.
 *
 * @param formula  the parsed formula
 * @param response the response expression
 * @param fixed    the fixed-effects terms (bars removed)
 * @param random   the random-effects terms in formula order, expanded
 */
public record ModelSpec(Formula formula, Expr response, FixedTerms fixed, List<RandomTermSpec> random) {
    public ModelSpec {
        random = List.copyOf(random);
    }

    /** Parses and expands a formula. */
    public static ModelSpec of(String formula) {
        return TermExpander.expand(FormulaParser.parse(formula));
    }
}
