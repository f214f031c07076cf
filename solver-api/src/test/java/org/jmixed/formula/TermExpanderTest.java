package org.jmixed.formula;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TermExpanderTest {

    private static FixedTerms fixed(String f) {
        return ModelSpec.of(f).fixed();
    }

    private static List<String> labels(String f) {
        return fixed(f).termLabels();
    }

    @Test
    void interceptRules() {
        assertTrue(fixed("y ~ x").intercept());
        assertTrue(fixed("y ~ 1").intercept());
        assertFalse(fixed("y ~ 0 + x").intercept());
        assertFalse(fixed("y ~ x + 0").intercept());
        assertFalse(fixed("y ~ x - 1").intercept());
        assertFalse(fixed("y ~ -1 + x").intercept());
        assertTrue(fixed("y ~ 0 + x + 1").intercept());
        assertEquals(List.of(), labels("y ~ 1"));
    }

    @Test
    void crossingNestingAndRemoval() {
        assertEquals(List.of("a", "b", "a:b"), labels("y ~ a*b"));
        assertEquals(List.of("a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"), labels("y ~ a*b*c"));
        assertEquals(List.of("a", "a:b"), labels("y ~ a/b"));
        assertEquals(List.of("a", "b", "a:b:c"), labels("y ~ (a + b)/c"));
        assertEquals(List.of("b", "a:b"), labels("y ~ a*b - a"));
        assertEquals(List.of("a:c", "b:c"), labels("y ~ (a + b):c"));
        assertEquals(List.of("x", "z"), labels("y ~ x + z + x"));
    }

    @Test
    void termsSortByOrderAndVariablesByFirstAppearance() {
        assertEquals(List.of("c", "a", "a:b"), labels("y ~ a:b + c + a"));
        assertEquals(List.of("b:a"), labels("y ~ b:a + a:b"));
        assertEquals(List.of("age", "Sex", "age:Sex"), labels("distance ~ age * Sex"));
    }

    @Test
    void powers() {
        assertEquals(List.of("a", "b", "c", "a:b", "a:c", "b:c"), labels("y ~ (a + b + c)^2"));
        assertEquals(List.of("a", "b", "a:b"), labels("y ~ (a + b)^3"));
        assertThrows(FormulaException.class, () -> ModelSpec.of("y ~ (a + b)^x"));
    }

    @Test
    void functionTermsKeepTheirText() {
        assertEquals(List.of("Days", "I(Days^2)", "log(x)", "factor(g)"),
                labels("y ~ Days + I(Days^2) + log(x) + factor(g)"));
    }

    @Test
    void randomTermsAreSeparatedFromFixed() {
        ModelSpec s = ModelSpec.of("Reaction ~ Days + (Days | Subject) + (1 | g:h)");
        assertEquals(List.of("Days"), s.fixed().termLabels());
        assertEquals(2, s.random().size());
        RandomTermSpec r = s.random().get(0);
        assertEquals("(Days | Subject)", r.text());
        assertEquals("Subject", r.groupName());
        assertTrue(r.lhs().intercept());
        assertEquals(List.of("Days"), r.lhs().termLabels());
        assertTrue(r.correlated());
        assertEquals(List.of("g", "h"), s.random().get(1).groupingFactors());
        assertEquals("g:h", s.random().get(1).groupName());
        assertFalse(ModelSpec.of("y ~ (0 + x | g)").random().get(0).lhs().intercept());
    }

    @Test
    void nestingExpandsToOuterThenInnerNamedInnerFirst() {
        List<RandomTermSpec> r = ModelSpec.of("strength ~ 1 + (1 | batch/cask)").random();
        assertEquals(List.of("batch", "cask:batch"), r.stream().map(RandomTermSpec::groupName).toList());
        assertEquals("(1 | cask:batch)", r.get(1).text());
        List<RandomTermSpec> r3 = ModelSpec.of("y ~ (1 | a/b/c)").random();
        assertEquals(List.of("a", "b:a", "c:b:a"), r3.stream().map(RandomTermSpec::groupName).toList());
    }

    @Test
    void doubleBarSplitsIntoUncorrelatedTerms() {
        List<RandomTermSpec> r = ModelSpec.of("Reaction ~ Days + (Days || Subject)").random();
        assertEquals(2, r.size());
        assertEquals("(1 | Subject)", r.get(0).text());
        assertTrue(r.get(0).lhs().intercept());
        assertEquals(List.of(), r.get(0).lhs().termLabels());
        assertEquals("(0 + Days | Subject)", r.get(1).text());
        assertFalse(r.get(1).lhs().intercept());
        assertEquals(List.of("Days"), r.get(1).lhs().termLabels());
        assertFalse(r.get(0).correlated() || r.get(1).correlated());
        assertEquals(2, ModelSpec.of("y ~ (0 + x + z || g)").random().size());
        assertEquals(3, ModelSpec.of("y ~ (x + z || g)").random().size());
    }

    @Test
    void semanticErrors() {
        assertThrows(FormulaException.class, () -> ModelSpec.of("y ~ a:(1 | g)"));
        assertThrows(FormulaException.class, () -> ModelSpec.of("y ~ x + 2"));
        assertThrows(FormulaException.class, () -> ModelSpec.of("y ~ (1 | g + h)"));
        assertThrows(FormulaException.class, () -> ModelSpec.of("y ~ (1 | log(g))"));
        assertThrows(FormulaException.class, () -> ModelSpec.of("y ~ ((1 | g) | h)"));
        FormulaException e = assertThrows(FormulaException.class, () -> ModelSpec.of("y ~ x + (1 | g:g)"));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }
}
