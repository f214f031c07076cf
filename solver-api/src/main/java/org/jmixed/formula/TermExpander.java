package org.jmixed.formula;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jmixed.covariance.CovarianceKind;

/**
 * Expands a parsed formula into terms with R's formula algebra and lme4's bar rules:
 * <ul>
 *   <li>{@code a + b} union, {@code a - b} removal, {@code 1}/{@code 0}/{@code -1} the intercept;</li>
 *   <li>{@code a:b} interaction (every term of a with every term of b);</li>
 *   <li>{@code a*b} = {@code a + b + a:b}; {@code a/b} = {@code a + (all of a):b};</li>
 *   <li>{@code (a+b+c)^k} all interactions up to order k;</li>
 *   <li>{@code (expr | g)} a random term; {@code (expr || g)} one uncorrelated term per term of
 *       expr, as lme4's {@code expandDoubleVerts}; {@code (expr | a/b)} the terms {@code a} and
 *       {@code b:a}; {@code (expr | a:b)} one term grouped by the interaction.</li>
 * </ul>
 * Duplicate terms collapse; terms are sorted by order of interaction, stably.
 */
public final class TermExpander {
    private final String src;
    private final List<RandomTermSpec> random = new ArrayList<>();
    private final List<Expr> offsets = new ArrayList<>();

    private TermExpander(String src) {
        this.src = src;
    }

    public static ModelSpec expand(Formula f) {
        TermExpander ex = new TermExpander(f.text());
        if (f.response() instanceof Expr.Bar b) {
            throw new FormulaException(f.text(), b.pos(), "the response cannot be a random-effects term");
        }
        FixedTerms fixed = ex.termList(f.rhs(), true);
        return new ModelSpec(f, f.response(), fixed, ex.random, ex.offsets);
    }

    /** Variables by label, in order of first appearance; one registry per model matrix. */
    private static final class Registry {
        final List<Expr> variables = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();

        int add(Expr e) {
            return index.computeIfAbsent(Deparser.deparse(e), k -> {
                variables.add(e);
                return variables.size() - 1;
            });
        }
    }

    /** Terms so far and the intercept: TRUE added, FALSE removed, null not mentioned. */
    private record Part(LinkedHashSet<BitSet> terms, Boolean intercept) {
        static Part of(LinkedHashSet<BitSet> terms) {
            return new Part(terms, null);
        }
    }

    /** Expands a whole term list (the fixed part, or the left side of a bar). */
    private FixedTerms termList(Expr e, boolean allowBars) {
        Registry reg = new Registry();
        Part p = expand(e, reg, allowBars);
        List<BitSet> sorted = new ArrayList<>(p.terms());
        sorted.sort(Comparator.comparingInt(BitSet::cardinality)); // stable: formula order within an order
        List<int[]> terms = new ArrayList<>();
        for (BitSet b : sorted) {
            terms.add(b.stream().toArray());
        }
        return new FixedTerms(reg.variables, p.intercept() == null || p.intercept(), terms);
    }

    private Part expand(Expr e, Registry reg, boolean allowBars) {
        if (e instanceof Expr.Bar bar) {
            if (!allowBars) {
                throw new FormulaException(src, bar.pos(),
                        "a random-effects term '(... | ...)' must be added to the formula with '+'");
            }
            addRandom(bar);
            return Part.of(new LinkedHashSet<>());
        }
        if (e instanceof Expr.Paren p) {
            return expand(p.inner(), reg, allowBars);
        }
        if (e instanceof Expr.Num num) {
            if (num.value() == 1) {
                return new Part(new LinkedHashSet<>(), true);
            }
            if (num.value() == 0) {
                return new Part(new LinkedHashSet<>(), false);
            }
            throw new FormulaException(src, num.pos(), "the number " + num.text()
                    + " cannot be a term (only 1 and 0 set the intercept; use I(" + num.text() + ") for a constant)");
        }
        if (e instanceof Expr.Call call && CovarianceKind.ofFunction(call.function()) != null) {
            Expr.Bar bar = (Expr.Bar) call.args().get(0);
            if (!allowBars) {
                throw new FormulaException(src, call.pos(),
                        "a random-effects term '" + call.function() + "(... | ...)' must be added to the formula with '+'");
            }
            if (bar.doubleBar()) {
                throw new FormulaException(src, call.pos(), call.function()
                        + "() takes a single bar: the structure already fixes the correlations");
            }
            addStructured(bar, CovarianceKind.ofFunction(call.function()), call.function());
            return Part.of(new LinkedHashSet<>());
        }
        if (e instanceof Expr.Call call && call.function().equals("offset")) {
            // lme4: an offset is part of the linear predictor with coefficient 1, not a column of X
            if (!allowBars) {
                throw new FormulaException(src, call.pos(),
                        "offset(...) belongs to the fixed part of the formula, added with '+'");
            }
            offsets.add(call.args().get(0));
            return Part.of(new LinkedHashSet<>());
        }
        if (e instanceof Expr.Name || e instanceof Expr.Call) {
            BitSet b = new BitSet();
            b.set(reg.add(e));
            LinkedHashSet<BitSet> s = new LinkedHashSet<>();
            s.add(b);
            return Part.of(s);
        }
        if (e instanceof Expr.Unary u) {
            Part inner = expand(u.operand(), reg, allowBars);
            if (u.op() == '+') {
                return inner;
            }
            // "-1" removes the intercept, "-0" adds it; "-x" at the start of a list removes nothing
            return new Part(new LinkedHashSet<>(), inner.intercept() == null ? null : !inner.intercept());
        }
        Expr.Binary b = (Expr.Binary) e;
        switch (b.op()) {
            case '+': {
                Part l = expand(b.left(), reg, allowBars);
                Part r = expand(b.right(), reg, allowBars);
                LinkedHashSet<BitSet> s = new LinkedHashSet<>(l.terms());
                s.addAll(r.terms());
                return new Part(s, r.intercept() != null ? r.intercept() : l.intercept());
            }
            case '-': {
                Part l = expand(b.left(), reg, allowBars);
                Part r = expand(b.right(), reg, allowBars);
                LinkedHashSet<BitSet> s = new LinkedHashSet<>(l.terms());
                s.removeAll(r.terms());
                Boolean icpt = r.intercept() != null ? Boolean.valueOf(!r.intercept()) : l.intercept();
                return new Part(s, icpt);
            }
            case ':':
                return Part.of(product(terms(b.left(), reg), terms(b.right(), reg)));
            case '*': {
                LinkedHashSet<BitSet> l = terms(b.left(), reg);
                LinkedHashSet<BitSet> r = terms(b.right(), reg);
                LinkedHashSet<BitSet> s = new LinkedHashSet<>(l);
                s.addAll(r);
                s.addAll(product(l, r));
                return Part.of(s);
            }
            case '/': {
                LinkedHashSet<BitSet> l = terms(b.left(), reg);
                LinkedHashSet<BitSet> r = terms(b.right(), reg);
                BitSet all = new BitSet();
                l.forEach(all::or);
                LinkedHashSet<BitSet> allOfLeft = new LinkedHashSet<>();
                allOfLeft.add(all);
                LinkedHashSet<BitSet> s = new LinkedHashSet<>(l);
                s.addAll(product(allOfLeft, r));
                return Part.of(s);
            }
            case '^': {
                int k = exponent(b.right());
                LinkedHashSet<BitSet> base = terms(b.left(), reg);
                LinkedHashSet<BitSet> s = new LinkedHashSet<>(base);
                for (int i = 2; i <= k; i++) {
                    s.addAll(product(new LinkedHashSet<>(s), base));
                }
                return Part.of(s);
            }
            default:
                throw new IllegalStateException("operator " + b.op());
        }
    }

    /** Operands of {@code :}, {@code *}, {@code /} and {@code ^}: terms only, no bars, no intercept. */
    private LinkedHashSet<BitSet> terms(Expr e, Registry reg) {
        Part p = expand(e, reg, false);
        if (p.intercept() != null && p.terms().isEmpty()) {
            throw new FormulaException(src, e.pos(), "an intercept (1 or 0) cannot be part of an interaction");
        }
        return p.terms();
    }

    private static LinkedHashSet<BitSet> product(LinkedHashSet<BitSet> a, LinkedHashSet<BitSet> b) {
        LinkedHashSet<BitSet> out = new LinkedHashSet<>();
        for (BitSet x : a) {
            for (BitSet y : b) {
                BitSet z = (BitSet) x.clone();
                z.or(y);
                out.add(z);
            }
        }
        return out;
    }

    private int exponent(Expr e) {
        if (e instanceof Expr.Num n && n.value() >= 1 && n.value() == Math.rint(n.value())) {
            return (int) n.value();
        }
        throw new FormulaException(src, e.pos(), "the power of a term list must be a positive whole number; "
                + "for arithmetic use I(), e.g. I(x^2)");
    }

    private void addStructured(Expr.Bar bar, CovarianceKind kind, String function) {
        FixedTerms lhs = termList(bar.lhs(), false);
        String lhsText = Deparser.deparse(bar.lhs());
        for (List<String> g : groupings(bar.group())) {
            String name = String.join(":", g);
            random.add(new RandomTermSpec(function + "(" + lhsText + " | " + name + ")", lhs, g, true, bar.pos(), kind));
        }
    }

    private void addRandom(Expr.Bar bar) {
        List<List<String>> groups = groupings(bar.group());
        if (!bar.doubleBar()) {
            FixedTerms lhs = termList(bar.lhs(), false);
            String lhsText = Deparser.deparse(bar.lhs());
            for (List<String> g : groups) {
                String name = String.join(":", g);
                random.add(new RandomTermSpec("(" + lhsText + " | " + name + ")", lhs, g, true, bar.pos()));
            }
            return;
        }
        // lme4's expandDoubleVerts: (x + z || g) is (1 | g) + (0 + x | g) + (0 + z | g)
        FixedTerms lhs = termList(bar.lhs(), false);
        List<FixedTerms> pieces = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        if (lhs.intercept()) {
            pieces.add(new FixedTerms(lhs.variables(), true, List.of()));
            texts.add("1");
        }
        for (int t = 0; t < lhs.terms().size(); t++) {
            pieces.add(new FixedTerms(lhs.variables(), false, List.of(lhs.terms().get(t))));
            texts.add("0 + " + lhs.termLabel(t));
        }
        for (int k = 0; k < pieces.size(); k++) {
            for (List<String> g : groups) {
                String name = String.join(":", g);
                random.add(new RandomTermSpec("(" + texts.get(k) + " | " + name + ")", pieces.get(k), g, false,
                        bar.pos()));
            }
        }
    }

    /**
     * The grouping factors of a bar's right side: {@code g} gives [[g]], {@code a:b} gives [[a, b]],
     * {@code a/b} gives [[a], [b, a]] (lme4 names the inner term {@code b:a}), {@code a/b/c} adds
     * [c, b, a].
     */
    private List<List<String>> groupings(Expr g) {
        List<Expr> chain = new ArrayList<>();
        slashChain(g, chain);
        List<List<String>> out = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        for (Expr level : chain) {
            List<String> names = new ArrayList<>();
            colonNames(level, names);
            List<String> group = new ArrayList<>(names);
            group.addAll(outer);
            out.add(group);
            outer = group;
        }
        return out;
    }

    private void slashChain(Expr g, List<Expr> chain) {
        if (g instanceof Expr.Paren p) {
            slashChain(p.inner(), chain);
        } else if (g instanceof Expr.Binary b && b.op() == '/') {
            slashChain(b.left(), chain);
            chain.add(b.right());
        } else {
            chain.add(g);
        }
    }

    private void colonNames(Expr g, List<String> names) {
        if (g instanceof Expr.Paren p) {
            colonNames(p.inner(), names);
        } else if (g instanceof Expr.Binary b && b.op() == ':') {
            colonNames(b.left(), names);
            colonNames(b.right(), names);
        } else if (g instanceof Expr.Name n) {
            if (names.contains(n.name())) {
                throw new FormulaException(src, n.pos(), "grouping factor '" + n.name() + "' appears twice");
            }
            names.add(n.name());
        } else {
            throw new FormulaException(src, g.pos(),
                    "a grouping factor must be a column name, an interaction a:b or a nesting a/b, not '"
                            + Deparser.deparse(g) + "'");
        }
    }
}
