package org.jmixed.formula;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FormulaParserTest {

    private static String rhs(String f) {
        return Deparser.deparse(FormulaParser.parse(f).rhs());
    }

    private static FormulaException error(String f) {
        return assertThrows(FormulaException.class, () -> FormulaParser.parse(f));
    }

    @Test
    void parsesResponseAndTerms() {
        Formula f = FormulaParser.parse("Reaction ~ Days + (Days | Subject)");
        assertEquals("Reaction", Deparser.deparse(f.response()));
        assertInstanceOf(Expr.Binary.class, f.rhs());
        assertEquals("Days + (Days | Subject)", rhs("Reaction~Days+(Days|Subject)"));
    }

    @Test
    void responseMayBeAnExpression() {
        assertEquals("log(y)", Deparser.deparse(FormulaParser.parse("log( y ) ~ x").response()));
    }

    @Test
    void precedenceFollowsR() {
        // ':' binds tighter than '*', which binds tighter than '+'
        Expr e = FormulaParser.parse("y ~ a + b * c:d").rhs();
        Expr.Binary plus = assertInstanceOf(Expr.Binary.class, e);
        assertEquals('+', plus.op());
        Expr.Binary star = assertInstanceOf(Expr.Binary.class, plus.right());
        assertEquals('*', star.op());
        assertEquals(':', assertInstanceOf(Expr.Binary.class, star.right()).op());
        // '^' binds tighter than unary minus and is right-associative
        Expr.Unary neg = assertInstanceOf(Expr.Unary.class, FormulaParser.parse("y ~ I(-x^2^3)").rhs() instanceof Expr.Call c
                ? c.args().get(0) : null);
        Expr.Binary pow = assertInstanceOf(Expr.Binary.class, neg.operand());
        assertEquals('^', assertInstanceOf(Expr.Binary.class, pow.right()).op());
        // '|' binds looser than '+'
        Expr.Paren p = assertInstanceOf(Expr.Paren.class, FormulaParser.parse("y ~ (1 + x | g)").rhs());
        Expr.Bar bar = assertInstanceOf(Expr.Bar.class, p.inner());
        assertFalse(bar.doubleBar());
        assertEquals("1 + x", Deparser.deparse(bar.lhs()));
        assertTrue(assertInstanceOf(Expr.Bar.class, ((Expr.Paren) FormulaParser.parse("y ~ (x || g)").rhs()).inner())
                .doubleBar());
    }

    @Test
    void deparsesLikeR() {
        assertEquals("I(Days^2)", rhs("y ~ I(Days ^ 2)"));
        assertEquals("I(x * 2) + I(x/2) + I((x + 1)^2)", rhs("y ~ I(x*2) + I(x / 2) + I((x+1)^2)"));
        assertEquals("log(x) + exp(-x) + sqrt(abs(x))", rhs("y~log(x)+exp(-x)+sqrt(abs(x))"));
        assertEquals("factor(g) + as.numeric(h)", rhs("y ~ factor(g) + as.numeric(h)"));
        assertEquals("I(x * 2.5) + I(x^2)", rhs("y ~ I(x*2.50) + I(x^2.0)"));
        assertEquals("`weight (kg)` + a.b_c", rhs("y ~ `weight (kg)` + a.b_c"));
        assertEquals("0 + x - 1", rhs("y ~ 0 + x - 1"));
    }

    @Test
    void numbersWithExponents() {
        Expr.Call c = assertInstanceOf(Expr.Call.class, FormulaParser.parse("y ~ I(x * 1.5e3)").rhs());
        Expr.Binary b = assertInstanceOf(Expr.Binary.class, c.args().get(0));
        assertEquals(1500.0, assertInstanceOf(Expr.Num.class, b.right()).value());
        assertEquals(0.5, assertInstanceOf(Expr.Num.class,
                ((Expr.Binary) ((Expr.Call) FormulaParser.parse("y ~ I(x * .5)").rhs()).args().get(0)).right()).value());
    }

    @Test
    void unclosedParenthesisPointsAtEndAndOpening() {
        FormulaException e = error("y ~ x + (1 | g");
        assertEquals("formula error at column 14: expected ')' to close '(' opened at column 9: y ~ x + (1 | g",
                e.getMessage());
        assertEquals(14, e.column());
    }

    @Test
    void syntaxErrorsNameTheColumn() {
        assertEquals("formula error at column 1: missing '~' (a formula reads: response ~ terms): y + x",
                error("y + x").getMessage());
        assertEquals("formula error at column 1: missing response before '~': ~ x", error("~ x").getMessage());
        assertEquals("formula error at column 3: missing terms after '~': y ~", error("y ~").getMessage());
        assertEquals("formula error at column 7: expected a term after '+' but found end of formula: y ~ x +",
                error("y ~ x +").getMessage());
        assertEquals("formula error at column 14: expected a grouping factor after '|' but found ')': y ~ x + (1 | )",
                error("y ~ x + (1 | )").getMessage());
        assertEquals("formula error at column 6: unexpected ')' with no matching '(': y ~ x)", error("y ~ x)").getMessage());
        assertEquals("formula error at column 9: unknown function 'lg' (known: I, abs, as.numeric, exp, factor, log, offset, sqrt): "
                + "y ~ x + lg(z)", error("y ~ x + lg(z)").getMessage());
        assertEquals(7, error("y ~ x $ z").column());
        assertEquals(6, error("y ~ ()").column());
        assertEquals(5, error("y ~ log(a, b)").column());
        assertEquals(7, error("y ~ x ~ z").column());
        assertEquals(5, error("y ~ 1x").column());
        assertEquals(5, error("y ~ `x").column());
        assertEquals(13, error("y ~ I((x + 1)").column());
    }
}
