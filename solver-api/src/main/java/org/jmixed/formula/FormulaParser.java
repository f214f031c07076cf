package org.jmixed.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for lme4 formulas. Operator precedence follows R, lowest first:
 * <pre>
 *   formula  := expr '~' expr
 *   expr     := sum [ ('|' | '||') sum ]          -- a bar, inside parentheses
 *   sum      := prod { ('+' | '-') prod }
 *   prod     := colon { ('*' | '/') colon }
 *   colon    := unary { ':' unary }
 *   unary    := ('-' | '+') unary | power
 *   power    := primary [ '^' exponent ]          -- right-associative, binds tighter than unary minus
 *   exponent := ('-' | '+') exponent | power
 *   primary  := NUMBER | NAME | NAME '(' args ')' | '(' expr ')'
 * </pre>
 * Only the functions in {@link #FUNCTIONS} are accepted, so a typo is reported here, with its
 * column, rather than when the model is built.
 */
public final class FormulaParser {
    /** The functions a formula may call; each takes one argument. */
    public static final Set<String> FUNCTIONS = Set.of("I", "log", "exp", "sqrt", "abs", "factor", "as.numeric",
            "offset");

    private final String src;
    private final List<Token> tokens;
    private int i;

    private FormulaParser(String src) {
        this.src = src;
        this.tokens = new Lexer(src).tokens();
    }

    /** Parses a two-sided formula; throws {@link FormulaException} on a syntax error. */
    public static Formula parse(String formula) {
        if (formula == null || formula.isBlank()) {
            throw new FormulaException(formula == null ? "" : formula, 0, "empty formula");
        }
        return new FormulaParser(formula).formula();
    }

    private Formula formula() {
        boolean hasTilde = tokens.stream().anyMatch(t -> t.type() == Token.Type.TILDE);
        if (!hasTilde) {
            throw new FormulaException(src, 0, "missing '~' (a formula reads: response ~ terms)");
        }
        if (peek().type() == Token.Type.TILDE) {
            throw new FormulaException(src, peek().pos(), "missing response before '~'");
        }
        Expr response = expr();
        expect(Token.Type.TILDE, "expected '~' after the response but found " + peek().describe());
        Token afterTilde = peek();
        if (afterTilde.type() == Token.Type.EOF) {
            throw new FormulaException(src, afterTilde.pos(), "missing terms after '~'");
        }
        Expr rhs = expr();
        Token t = peek();
        if (t.type() == Token.Type.RPAREN) {
            throw new FormulaException(src, t.pos(), "unexpected ')' with no matching '('");
        }
        if (t.type() == Token.Type.TILDE) {
            throw new FormulaException(src, t.pos(), "a formula has only one '~'");
        }
        if (t.type() != Token.Type.EOF) {
            throw new FormulaException(src, t.pos(), "unexpected " + t.describe());
        }
        return new Formula(src, response, rhs);
    }

    private Expr expr() {
        Expr left = sum();
        Token t = peek();
        if (t.type() == Token.Type.BAR || t.type() == Token.Type.DOUBLE_BAR) {
            advance();
            Expr group = sum();
            return new Expr.Bar(left, group, t.type() == Token.Type.DOUBLE_BAR, left.pos());
        }
        return left;
    }

    private Expr sum() {
        Expr left = prod();
        while (peek().type() == Token.Type.PLUS || peek().type() == Token.Type.MINUS) {
            Token op = advance();
            left = new Expr.Binary(op.text().charAt(0), left, prod(), left.pos());
        }
        return left;
    }

    private Expr prod() {
        Expr left = colon();
        while (peek().type() == Token.Type.STAR || peek().type() == Token.Type.SLASH) {
            Token op = advance();
            left = new Expr.Binary(op.text().charAt(0), left, colon(), left.pos());
        }
        return left;
    }

    private Expr colon() {
        Expr left = unary();
        while (peek().type() == Token.Type.COLON) {
            advance();
            left = new Expr.Binary(':', left, unary(), left.pos());
        }
        return left;
    }

    private Expr unary() {
        Token t = peek();
        if (t.type() == Token.Type.MINUS || t.type() == Token.Type.PLUS) {
            advance();
            return new Expr.Unary(t.text().charAt(0), unary(), t.pos());
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (peek().type() == Token.Type.CARET) {
            advance();
            return new Expr.Binary('^', base, exponent(), base.pos());
        }
        return base;
    }

    private Expr exponent() {
        Token t = peek();
        if (t.type() == Token.Type.MINUS || t.type() == Token.Type.PLUS) {
            advance();
            return new Expr.Unary(t.text().charAt(0), exponent(), t.pos());
        }
        return power();
    }

    private Expr primary() {
        Token t = peek();
        switch (t.type()) {
            case NUMBER:
                advance();
                return new Expr.Num(Double.parseDouble(t.text()), t.text(), t.pos());
            case NAME:
                advance();
                if (peek().type() == Token.Type.LPAREN) {
                    return call(t);
                }
                return new Expr.Name(t.text(), t.pos());
            case LPAREN: {
                advance();
                if (peek().type() == Token.Type.RPAREN) {
                    throw new FormulaException(src, peek().pos(), "empty parentheses");
                }
                Expr inner = expr();
                expectClose(t, "'('");
                return new Expr.Paren(inner, t.pos());
            }
            default:
                throw new FormulaException(src, t.pos(), missingOperand(t));
        }
    }

    private Expr call(Token name) {
        Token open = advance();
        if (org.jmixed.covariance.CovarianceKind.ofFunction(name.text()) != null) {
            // idn(x | g), cs(x | g): a random-effects term with a structured covariance
            Expr bar = expr();
            expectClose(open, "'" + name.text() + "('");
            if (!(bar instanceof Expr.Bar)) {
                throw new FormulaException(src, name.pos(), name.text()
                        + "() takes a random-effects term, as " + name.text() + "(x | g)");
            }
            return new Expr.Call(name.text(), List.of(bar), name.pos());
        }
        if (!FUNCTIONS.contains(name.text())) {
            throw new FormulaException(src, name.pos(), "unknown function '" + name.text() + "' (known: "
                    + String.join(", ", new java.util.TreeSet<>(FUNCTIONS)) + ")");
        }
        List<Expr> args = new ArrayList<>();
        if (peek().type() != Token.Type.RPAREN) {
            args.add(sum());
            while (peek().type() == Token.Type.COMMA) {
                advance();
                args.add(sum());
            }
        }
        expectClose(open, "'" + name.text() + "('");
        if (args.size() != 1) {
            throw new FormulaException(src, name.pos(), name.text() + "() takes one argument, found " + args.size());
        }
        return new Expr.Call(name.text(), args, name.pos());
    }

    /** The message for a place where an operand was expected but {@code t} was found. */
    private String missingOperand(Token t) {
        Token prev = i > 0 ? tokens.get(i - 1) : null;
        if (prev != null && (prev.type() == Token.Type.BAR || prev.type() == Token.Type.DOUBLE_BAR)) {
            return "expected a grouping factor after '" + prev.text() + "' but found " + t.describe();
        }
        if (prev != null && prev.type() != Token.Type.NAME && prev.type() != Token.Type.NUMBER
                && prev.type() != Token.Type.RPAREN && prev.type() != Token.Type.LPAREN) {
            return "expected a term after '" + prev.text() + "' but found " + t.describe();
        }
        return "expected a variable, number or '(' but found " + t.describe();
    }

    private void expectClose(Token open, String what) {
        Token t = peek();
        if (t.type() != Token.Type.RPAREN) {
            throw new FormulaException(src, t.pos(), "expected ')' to close " + what + " opened at column "
                    + (open.pos() + 1) + (t.type() == Token.Type.EOF ? "" : " but found " + t.describe()));
        }
        advance();
    }

    private void expect(Token.Type type, String message) {
        if (peek().type() != type) {
            throw new FormulaException(src, peek().pos(), message);
        }
        advance();
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token advance() {
        Token t = tokens.get(i);
        if (t.type() != Token.Type.EOF) {
            i++;
        }
        return t;
    }
}
