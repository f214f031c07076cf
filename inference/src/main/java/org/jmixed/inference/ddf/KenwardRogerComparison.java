package org.jmixed.inference.ddf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.inference.structured.PlainView;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;
import org.jmixed.report.json.JsonWriter;

/**
 * The Kenward–Roger F test of a smaller fixed-effects structure nested in a larger one with the
 * same random part (pbkrtest's {@code KRmodcomp}): the larger model is fitted by REML, the
 * smaller one only defines the hypothesis, as the restriction L with
 * {β : Xβ ∈ span(X_small)} = null(L).
 * <pre>
 *   KenwardRogerComparison c = KenwardRogerComparison.compare(data,
 *           "yield ~ irrigation * variety + (1 | field)", "yield ~ irrigation + variety + (1 | field)");
 *   System.out.print(c.toText());
 * </pre>
 *
 * @param largerFormula  the model fitted
 * @param smallerFormula the model defining the hypothesis
 * @param test           F (scaled), numerator df, denominator df, p and the F scaling
 * @param unscaledF      the Wald F before scaling
 * @param unscaledP      its p-value on the same df
 */
public record KenwardRogerComparison(String largerFormula, String smallerFormula, ContrastTest test, double unscaledF,
                                     double unscaledP) {
    private static final double RANK_TOLERANCE = 1e-9;

    /** Compares with the default fitting options (REML, automatic backend). */
    public static KenwardRogerComparison compare(DataFrame data, String largerFormula, String smallerFormula) {
        return compare(data, largerFormula, smallerFormula, FitOptions.defaults());
    }

    /**
     * Compares; the larger model is fitted by REML whatever {@code options} say about ML. The two
     * formulas may come in either order: the one with more fixed-effects columns is the larger.
     */
    public static KenwardRogerComparison compare(DataFrame data, String largerFormula, String smallerFormula,
                                                 FitOptions options) {
        PreparedModel large = LinearMixedModel.prepare(data, largerFormula);
        PreparedModel small = LinearMixedModel.prepare(data, smallerFormula);
        if (small.fixedNames().size() > large.fixedNames().size()) {
            return compare(large, small, smallerFormula, largerFormula, options);
        }
        return compare(small, large, largerFormula, smallerFormula, options);
    }

    private static KenwardRogerComparison compare(PreparedModel small, PreparedModel large, String largerFormula,
                                                  String smallerFormula, FitOptions options) {
        PlainView view = PlainView.of(large, options, "the Kenward-Roger comparison");
        checkSameRandomPart(large, small);
        double[] l = restriction(large, small);
        int p = large.problem().p();
        int r = l.length / p;
        FitResult fit = LinearMixedModel.fit(large, options.withReml(true));
        KenwardRoger kr = KenwardRoger.compute(view.model(), fit);
        double[][] rows = new double[r][p];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < p; j++) {
                rows[i][j] = l[i + j * r];
            }
        }
        ContrastTest t = kr.test(rows);
        double fu = t.f() / t.scaling();
        return new KenwardRogerComparison(largerFormula, smallerFormula, t, fu, Tails.fUpper(fu, t.numDF(), t.denDF()));
    }

    private static void checkSameRandomPart(PreparedModel large, PreparedModel small) {
        if (large.problem().n() != small.problem().n()) {
            throw new JmixedException("Kenward-Roger comparison: the models use different rows ("
                    + large.problem().n() + " and " + small.problem().n() + " observations after dropping missing values)");
        }
        List<RandomTermData> a = large.terms();
        List<RandomTermData> b = small.terms();
        boolean same = a.size() == b.size();
        for (int k = 0; same && k < a.size(); k++) {
            same = a.get(k).groupName().equals(b.get(k).groupName())
                    && a.get(k).columnNames().equals(b.get(k).columnNames());
        }
        if (!same) {
            throw new JmixedException("Kenward-Roger comparison: '" + large.frame().formula() + "' and '"
                    + small.frame().formula() + "' must have the same random-effects terms");
        }
    }

    /**
     * L (d × p, column-major) whose null space is {β : Xβ ∈ span(X_small)}: L = Q₂'X with Q₂ an
     * orthonormal basis of the part of span(X) orthogonal to span(X_small).
     */
    static double[] restriction(PreparedModel large, PreparedModel small) {
        int n = large.problem().n();
        int p = large.problem().p();
        int p0 = small.problem().p();
        List<double[]> basis = new ArrayList<>();
        for (int j = 0; j < p0; j++) {
            addIfIndependent(basis, column(small.x(), n, j));
        }
        int smallRank = basis.size();
        for (int j = 0; j < p; j++) {
            addIfIndependent(basis, column(large.x(), n, j));
        }
        if (basis.size() > p) {
            throw new JmixedException("Kenward-Roger comparison: the fixed effects of '" + small.frame().formula()
                    + "' are not nested in those of '" + large.frame().formula() + "'");
        }
        int d = basis.size() - smallRank;
        if (d == 0) {
            throw new JmixedException("Kenward-Roger comparison: '" + large.frame().formula() + "' and '"
                    + small.frame().formula() + "' have the same fixed-effects space; nothing to test");
        }
        double[] l = new double[d * p];
        for (int i = 0; i < d; i++) {
            double[] qv = basis.get(smallRank + i);
            for (int j = 0; j < p; j++) {
                double s = 0.0;
                for (int r = 0; r < n; r++) {
                    s += qv[r] * large.x()[r + j * n];
                }
                l[i + j * d] = s;
            }
        }
        return l;
    }

    private static double[] column(double[] x, int n, int j) {
        return java.util.Arrays.copyOfRange(x, j * n, (j + 1) * n);
    }

    private static void addIfIndependent(List<double[]> basis, double[] v) {
        double norm0 = Math.sqrt(dot(v, v));
        if (norm0 == 0.0) {
            return;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (double[] q : basis) {
                double d = dot(q, v);
                for (int i = 0; i < v.length; i++) {
                    v[i] -= d * q[i];
                }
            }
        }
        double norm = Math.sqrt(dot(v, v));
        if (norm > RANK_TOLERANCE * norm0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
            basis.add(v);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** A table in pbkrtest's layout. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Kenward-Roger F test of nested fixed effects (same random part; larger model fitted by REML)\n");
        sb.append("large : ").append(largerFormula).append('\n');
        sb.append("small : ").append(smallerFormula).append('\n');
        sb.append(String.format(Locale.ROOT, "%-7s %10s %4s %10s %9s %10s%n", "", "stat", "ndf", "ddf", "F.scaling",
                "p.value"));
        sb.append(String.format(Locale.ROOT, "%-7s %10.4f %4d %10.4f %9.5f %10s%n", "Ftest", test.f(), test.numDF(),
                test.denDF(), test.scaling(), AnovaFormat.p(test.p())));
        sb.append(String.format(Locale.ROOT, "%-7s %10.4f %4d %10.4f %9s %10s%n", "FtestU", unscaledF, test.numDF(),
                test.denDF(), "", AnovaFormat.p(unscaledP)));
        return sb.toString();
    }

    /** JSON with 2-space indentation. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("method", "kenward-roger");
        root.put("larger", largerFormula);
        root.put("smaller", smallerFormula);
        root.put("F", test.f());
        root.put("ndf", test.numDF());
        root.put("ddf", test.denDF());
        root.put("scaling", test.scaling());
        root.put("p", test.p());
        root.put("FUnscaled", unscaledF);
        root.put("pUnscaled", unscaledP);
        return JsonWriter.write(root);
    }
}
