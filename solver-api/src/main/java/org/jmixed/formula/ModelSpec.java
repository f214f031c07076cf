package org.jmixed.formula;

import java.util.List;

/**
 * A formula reduced to what a model needs, before any data is seen.
 *
 * @param formula  the parsed formula
 * @param response the response expression
 * @param fixed    the fixed-effects terms (bars removed)
 * @param random   the random-effects terms in formula order, expanded
 * @param offsets  the arguments of the fixed part's {@code offset(...)} terms, added to the linear
 *                 predictor with coefficient 1 (as lme4 does); empty when there are none
 */
public record ModelSpec(Formula formula, Expr response, FixedTerms fixed, List<RandomTermSpec> random,
                        List<Expr> offsets) {
    public ModelSpec {
        random = List.copyOf(random);
        offsets = List.copyOf(offsets);
    }

    /** A model without offsets. */
    public ModelSpec(Formula formula, Expr response, FixedTerms fixed, List<RandomTermSpec> random) {
        this(formula, response, fixed, random, List.of());
    }

    /** Parses and expands a formula. */
    public static ModelSpec of(String formula) {
        return TermExpander.expand(FormulaParser.parse(formula));
    }
}
