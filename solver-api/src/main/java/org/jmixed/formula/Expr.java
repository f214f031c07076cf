package org.jmixed.formula;

import java.util.List;

/**
 * The syntax tree of a formula expression. Every node keeps the 0-based offset of its first
 * token for error messages. {@link Deparser} turns a node back into text the way R does, which
 * is how lme4 names model-matrix columns ({@code I(Days^2)}, {@code log(x)}).
 */
public sealed interface Expr {
    int pos();

    /** A variable (column) name. */
    record Name(String name, int pos) implements Expr {
    }

    /** A numeric literal, with its text as written. */
    record Num(double value, String text, int pos) implements Expr {
    }

    /** A function call such as {@code log(x)} or {@code I(x^2)}. */
    record Call(String function, List<Expr> args, int pos) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** A binary operator: one of {@code + - * / ^ :}. */
    record Binary(char op, Expr left, Expr right, int pos) implements Expr {
    }

    /** A unary {@code -} or {@code +}. */
    record Unary(char op, Expr operand, int pos) implements Expr {
    }

    /** Parentheses, kept so that deparsing reproduces them ({@code I((x + 1)^2)}). */
    record Paren(Expr inner, int pos) implements Expr {
    }

    /** A random-effects bar {@code lhs | group} or, with {@code doubleBar}, {@code lhs || group}. */
    record Bar(Expr lhs, Expr group, boolean doubleBar, int pos) implements Expr {
    }
}
