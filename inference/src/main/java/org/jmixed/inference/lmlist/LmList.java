package org.jmixed.inference.lmlist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.data.Column;
import org.jmixed.data.DataFrame;
import org.jmixed.data.Factor;
import org.jmixed.formula.Deparser;
import org.jmixed.formula.ExpressionEvaluator;
import org.jmixed.formula.Expr;
import org.jmixed.formula.Formula;
import org.jmixed.formula.FormulaParser;
import org.jmixed.model.ModelFrame;
import org.jmixed.model.ModelFrameBuilder;
import org.jmixed.model.RandomTermData;

/**
 * lme4's {@code lmList}: one ordinary least-squares fit per level of a grouping factor, for
 * formulas {@code y ~ x | g}. The formula is read by the formula parser (the right-hand side
 * must be one bar whose right side names the grouping) and evaluated by the model-frame builder
 * as {@code y ~ x + (1 | g)}, so the response, transformations, factors, contrasts and the
 * dropping of rows with missing values are those of every other jmixed model. Groups whose fit
 * is rank-deficient get NA coefficients, not an error, as {@code lm} inside {@code lmList} does.
 */
public final class LmList {
    private LmList() {
    }

    public static LmListResult fit(DataFrame data, String formula) {
        Formula parsed = FormulaParser.parse(formula);
        if (!(parsed.rhs() instanceof Expr.Bar bar) || bar.doubleBar()) {
            throw new JmixedException("formula '" + formula
                    + "': per-group fits need the form 'response ~ terms | group', e.g. 'y ~ x | g'");
        }
        if (containsBar(bar.lhs())) {
            throw new JmixedException("formula '" + formula + "': random-effects terms are not allowed in a per-group fit");
        }
        String response = Deparser.deparse(parsed.response());
        String terms = Deparser.deparse(bar.lhs());
        String group = Deparser.deparse(bar.group());
        String frameFormula = response + " ~ " + terms + " + (1 | " + group + ")";
        NonFinite nf = bar.group() instanceof Expr.Name g ? NonFinite.scan(data, parsed.response(), g.name()) : null;
        if (bar.group() instanceof Expr.Name g && data.hasColumn(g.name()) && singleLevel(data.column(g.name()))) {
            // one group: an ordinary fit (the random-term frame would refuse a factor with one level)
            Column gc = data.column(g.name());
            int[] keep = java.util.stream.IntStream.range(0, data.nrows())
                    .filter(r -> !gc.isMissing(r) && (nf == null || java.util.Arrays.binarySearch(nf.keep, r) >= 0))
                    .toArray();
            ModelFrame frame = ModelFrameBuilder.build(RowSubset.of(data, keep), response + " ~ " + terms);
            String level = gc.stringValue(keep.length > 0 ? keep[0] : 0);
            RandomTermData one = new RandomTermData(g.name(), List.of(level), new int[frame.n()], List.of("(Intercept)"),
                    new double[frame.n()], true);
            int dropped = data.nrows() - keep.length - (nf == null ? 0 : nf.nanRows);
            return fit(frame, one, formula, nf == null ? Map.of() : nf.infiniteLevels,
                    (nf == null ? 0 : nf.nanRows) + dropped);
        }
        if (nf == null || (nf.infiniteLevels.isEmpty() && nf.nanRows == 0)) {
            ModelFrame frame = ModelFrameBuilder.build(data, frameFormula);
            return fit(frame, frame.randomTerms().get(0), formula, Map.of(), 0);
        }
        // As lmList: a row whose response is NaN (log of a negative number) is dropped like a
        // missing value; a group with an infinite response (log(0)) is one where lm stops, kept
        // with every coefficient NA. Those groups' rows stay out of the frame.
        ModelFrame frame = ModelFrameBuilder.build(RowSubset.of(data, nf.keep), frameFormula);
        return fit(frame, frame.randomTerms().get(0), formula, nf.infiniteLevels, nf.nanRows);
    }

    private static boolean singleLevel(Column c) {
        String first = null;
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                if (first == null) {
                    first = c.stringValue(r);
                } else if (!first.equals(c.stringValue(r))) {
                    return false;
                }
            }
        }
        return first != null;
    }

    /** Rows whose response is not finite, found before the model frame (which refuses them) is built. */
    private static final class NonFinite {
        final Map<String, Integer> infiniteLevels = new LinkedHashMap<>();
        int nanRows;
        int[] keep;

        /** Null when the response cannot be evaluated here (the model frame will report why). */
        static NonFinite scan(DataFrame data, Expr response, String group) {
            if (!data.hasColumn(group)) {
                return null;
            }
            double[] v;
            try {
                v = new ExpressionEvaluator(Deparser.deparse(response), data.nrows(), name -> {
                    Column c = data.column(name.name());
                    if (!c.allNumeric()) {
                        throw new JmixedException("not numeric");
                    }
                    double[] out = new double[data.nrows()];
                    for (int r = 0; r < out.length; r++) {
                        out[r] = c.isMissing(r) ? Double.NaN : c.numericValue(r);
                    }
                    return out;
                }).evaluate(response);
            } catch (RuntimeException e) {
                return null;
            }
            Column g = data.column(group);
            NonFinite nf = new NonFinite();
            for (int r = 0; r < v.length; r++) {
                if (Double.isInfinite(v[r]) && !g.isMissing(r)) {
                    nf.infiniteLevels.put(g.stringValue(r), 0);
                }
            }
            int[] keep = new int[v.length];
            int k = 0;
            for (int r = 0; r < v.length; r++) {
                boolean missingInput = Double.isNaN(v[r]) && missingAny(data, response, r);
                if (Double.isNaN(v[r]) && !missingInput) {
                    nf.nanRows++;
                } else if (!g.isMissing(r) && nf.infiniteLevels.containsKey(g.stringValue(r))) {
                    nf.infiniteLevels.merge(g.stringValue(r), 1, Integer::sum);
                } else {
                    keep[k++] = r;
                }
            }
            nf.keep = java.util.Arrays.copyOf(keep, k);
            return nf;
        }

        private static boolean missingAny(DataFrame data, Expr e, int row) {
            if (e instanceof Expr.Name n) {
                return data.column(n.name()).isMissing(row);
            }
            if (e instanceof Expr.Call c) {
                return c.args().stream().anyMatch(a -> missingAny(data, a, row));
            }
            if (e instanceof Expr.Binary b) {
                return missingAny(data, b.left(), row) || missingAny(data, b.right(), row);
            }
            if (e instanceof Expr.Paren p) {
                return missingAny(data, p.inner(), row);
            }
            if (e instanceof Expr.Unary u) {
                return missingAny(data, u.operand(), row);
            }
            return false;
        }
    }

    /**
     * @param failed    levels whose response is infinite somewhere, with their row counts: reported
     *                  with NA coefficients, in the factor's level order among the others
     * @param nanDropped rows dropped before the frame because their response is NaN
     */
    private static LmListResult fit(ModelFrame frame, RandomTermData g, String formula, Map<String, Integer> failed,
                                    int nanDropped) {
        int n = frame.n();
        int p = frame.p();
        int levels = g.nLevels();
        int[] count = new int[levels];
        for (int r = 0; r < n; r++) {
            count[g.levelOfRow()[r]]++;
        }
        int[][] rows = new int[levels][];
        for (int l = 0; l < levels; l++) {
            rows[l] = new int[count[l]];
        }
        int[] fill = new int[levels];
        for (int r = 0; r < n; r++) {
            int l = g.levelOfRow()[r];
            rows[l][fill[l]++] = r;
        }
        double[] x = frame.x();
        double[] y = frame.y();
        OrdinaryLeastSquares.Solution[] sol = new OrdinaryLeastSquares.Solution[levels];
        String[] notes = new String[levels];
        double rssTotal = 0;
        int dfTotal = 0;
        for (int l = 0; l < levels; l++) {
            int m = rows[l].length;
            double[] xl = new double[m * p];
            double[] yl = new double[m];
            boolean finite = true;
            for (int i = 0; i < m; i++) {
                int r = rows[l][i];
                yl[i] = y[r];
                finite &= Double.isFinite(y[r]);
                for (int j = 0; j < p; j++) {
                    xl[i + j * m] = x[r + j * n];
                    finite &= Double.isFinite(xl[i + j * m]);
                }
            }
            if (!finite) {
                // lm stops on NA/NaN/Inf; lmList catches that and keeps the group with NA coefficients
                notes[l] = "non-finite value in the response or a covariate: not fitted";
                continue;
            }
            sol[l] = OrdinaryLeastSquares.fit(xl, m, p, yl);
            if (sol[l].rank() < p) {
                notes[l] = (p - sol[l].rank()) + " coefficient(s) not estimable"
                        + (m <= p ? " (" + m + " row" + (m == 1 ? "" : "s") + " for " + p + " coefficients)"
                                  : " (columns linearly dependent within the group)");
            }
            // lmList's pooled SD charges every coefficient, NA ones included (n − p, which is
            // negative for a group with fewer rows than coefficients); we follow it to match R
            rssTotal += sol[l].rss();
            dfTotal += m - p;
        }
        double pooled = dfTotal > 0 ? Math.sqrt(rssTotal / dfTotal) : Double.NaN;
        List<GroupFit> fits = new ArrayList<>(levels);
        for (int l = 0; l < levels; l++) {
            double[] coef = new double[p];
            double[] se = new double[p];
            double[] sePooled = new double[p];
            java.util.Arrays.fill(coef, Double.NaN);
            java.util.Arrays.fill(se, Double.NaN);
            java.util.Arrays.fill(sePooled, Double.NaN);
            double sigma = Double.NaN;
            int df = 0;
            if (sol[l] != null) {
                df = rows[l].length - sol[l].rank();
                sigma = df > 0 ? Math.sqrt(sol[l].rss() / df) : Double.NaN;
                for (int j = 0; j < p; j++) {
                    coef[j] = sol[l].coef()[j];
                    double u = Math.sqrt(sol[l].unscaled()[j]);
                    se[j] = sigma * u;
                    // as summary(lmList): a group without residual df has no standard errors at all
                    sePooled[j] = df > 0 ? pooled * u : Double.NaN;
                }
            }
            fits.add(new GroupFit(g.levels().get(l), rows[l].length, coef, se, sePooled, sigma, df, notes[l]));
        }
        if (!failed.isEmpty()) {
            double[] na = new double[p];
            java.util.Arrays.fill(na, Double.NaN);
            for (Map.Entry<String, Integer> f : failed.entrySet()) {
                fits.add(new GroupFit(f.getKey(), f.getValue(), na, na, na, Double.NaN, 0,
                        "infinite response (e.g. log of 0): not fitted, as lm stops there"));
            }
            // the factor's level order over all groups, failed ones included
            List<String> all = new ArrayList<>();
            fits.forEach(f -> all.add(f.level()));
            List<String> order = Factor.of(all.toArray(String[]::new)).levels();
            fits.sort(java.util.Comparator.comparingInt(f -> order.indexOf(f.level())));
        }
        return new LmListResult(formula, frame.responseName(), g.groupName(), frame.fixedNames(), fits, pooled,
                dfTotal, n, frame.rowsDropped() + nanDropped);
    }

    private static boolean containsBar(Expr e) {
        if (e instanceof Expr.Bar) {
            return true;
        }
        if (e instanceof Expr.Binary b) {
            return containsBar(b.left()) || containsBar(b.right());
        }
        if (e instanceof Expr.Paren p) {
            return containsBar(p.inner());
        }
        if (e instanceof Expr.Unary u) {
            return containsBar(u.operand());
        }
        return false;
    }
}
