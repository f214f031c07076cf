package org.jmixed.formula;

import java.math.BigDecimal;

/**
 * Turns expressions back into text as R's {@code deparse} does, because R (and so lme4) names
 * model-matrix columns by the deparsed variable: spaces around {@code +}, {@code -}, {@code *},
 * {@code |}, none around {@code /}, {@code ^} and {@code :}; numbers in shortest form
 * ({@code 2.0} becomes {@code 2}); parentheses as written.
 */
public final class Deparser {
    private Deparser() {
    }

    public static String deparse(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(e, sb);
        return sb.toString();
    }

    private static void write(Expr e, StringBuilder sb) {
        if (e instanceof Expr.Name n) {
            sb.append(isSyntacticName(n.name()) ? n.name() : "`" + n.name() + "`");
        } else if (e instanceof Expr.Num n) {
            sb.append(formatNumber(n.value()));
        } else if (e instanceof Expr.Call c) {
            sb.append(c.function()).append('(');
            for (int i = 0; i < c.args().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(c.args().get(i), sb);
            }
            sb.append(')');
        } else if (e instanceof Expr.Binary b) {
            write(b.left(), sb);
            char op = b.op();
            if (op == '+' || op == '-' || op == '*') {
                sb.append(' ').append(op).append(' ');
            } else {
                sb.append(op);
            }
            write(b.right(), sb);
        } else if (e instanceof Expr.Unary u) {
            sb.append(u.op());
            write(u.operand(), sb);
        } else if (e instanceof Expr.Paren p) {
            sb.append('(');
            write(p.inner(), sb);
            sb.append(')');
        } else if (e instanceof Expr.Bar b) {
            write(b.lhs(), sb);
            sb.append(b.doubleBar() ? " || " : " | ");
            write(b.group(), sb);
        } else {
            throw new IllegalStateException("unknown node " + e);
        }
    }

    /** R prints doubles with up to 15 significant digits, without trailing zeros. */
    static String formatNumber(double v) {
        if (!Double.isFinite(v)) { // a literal beyond the double range, e.g. 1e400
            return Double.isNaN(v) ? "NaN" : v > 0 ? "Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(15)).stripTrailingZeros();
        String plain = d.toPlainString();
        String sci = d.toString().replace("E", "e");
        return plain.length() <= sci.length() ? plain : sci;
    }

    private static boolean isSyntacticName(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '.')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
