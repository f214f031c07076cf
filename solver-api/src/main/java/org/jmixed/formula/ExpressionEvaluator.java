package org.jmixed.formula;

import java.util.function.Function;

/**
 * Evaluates a numeric expression ({@code I(Days^2)}, {@code log(y)}, {@code exp(x/10)}) row by
 * row over whole columns. Column values come from a resolver, so this class knows nothing about
 * data frames; R semantics apply to arithmetic ({@code ^} is {@link Math#pow}, division by zero
 * gives infinities) and the caller decides what to do with non-finite results.
 */
public final class ExpressionEvaluator {
    private final String formula;
    private final Function<Expr.Name, double[]> columns;
    private final int n;

    /**
     * @param formula the formula text, for error messages
     * @param n       number of rows
     * @param columns the numeric values of a column (length n); it reports unknown or non-numeric
     *                columns itself
     */
    public ExpressionEvaluator(String formula, int n, Function<Expr.Name, double[]> columns) {
        this.formula = formula;
        this.n = n;
        this.columns = columns;
    }

    /** The expression's value for each row; a fresh array the caller may keep. */
    public double[] evaluate(Expr e) {
        if (e instanceof Expr.Num num) {
            double[] out = new double[n];
            java.util.Arrays.fill(out, num.value());
            return out;
        }
        if (e instanceof Expr.Name name) {
            return columns.apply(name).clone();
        }
        if (e instanceof Expr.Paren p) {
            return evaluate(p.inner());
        }
        if (e instanceof Expr.Unary u) {
            double[] v = evaluate(u.operand());
            if (u.op() == '-') {
                for (int r = 0; r < n; r++) {
                    v[r] = -v[r];
                }
            }
            return v;
        }
        if (e instanceof Expr.Binary b) {
            if (b.op() == ':') {
                throw new FormulaException(formula, b.pos(), "':' is not arithmetic; inside I() use '*' for a product");
            }
            double[] l = evaluate(b.left());
            double[] r = evaluate(b.right());
            for (int k = 0; k < n; k++) {
                l[k] = apply(b.op(), l[k], r[k]);
            }
            return l;
        }
        if (e instanceof Expr.Call c) {
            double[] v = evaluate(c.args().get(0));
            switch (c.function()) {
                case "I", "as.numeric":
                    return v;
                case "log":
                    return map(v, Math::log);
                case "exp":
                    return map(v, Math::exp);
                case "sqrt":
                    return map(v, Math::sqrt);
                case "abs":
                    return map(v, Math::abs);
                default:
                    throw new FormulaException(formula, c.pos(), c.function() + "() does not give a number here");
            }
        }
        if (e instanceof Expr.Bar bar) {
            throw new FormulaException(formula, bar.pos(), "a random-effects bar '|' cannot appear in an expression");
        }
        throw new IllegalStateException("unknown node " + e);
    }

    private static double apply(char op, double a, double b) {
        switch (op) {
            case '+': return a + b;
            case '-': return a - b;
            case '*': return a * b;
            case '/': return a / b;
            case '^': return Math.pow(a, b);
            default: throw new IllegalStateException("operator " + op);
        }
    }

    private static double[] map(double[] v, java.util.function.DoubleUnaryOperator f) {
        for (int r = 0; r < v.length; r++) {
            v[r] = f.applyAsDouble(v[r]);
        }
        return v;
    }
}
