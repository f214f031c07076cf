package org.jmixed.formula;

/**
 * A parsed two-sided formula {@code response ~ rhs}.
 *
 * @param text     the formula as given
 * @param response the left-hand side
 * @param rhs      the right-hand side
 */
public record Formula(String text, Expr response, Expr rhs) {
}
