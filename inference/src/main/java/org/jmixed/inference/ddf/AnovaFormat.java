package org.jmixed.inference.ddf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jmixed.inference.simstats.TextTable;
import org.jmixed.report.json.JsonWriter;

/**
 * Text and JSON for the tables of this package: the type III anova table (lmerTest's layout) and
 * the coefficient table with df and p-values (lmerTest's {@code summary()}).
 */
public final class AnovaFormat {
    private AnovaFormat() {
    }

    /** lmerTest's anova table: Sum Sq, Mean Sq, NumDF, DenDF, F value, Pr(&gt;F). */
    public static String anovaText(List<TermTest> rows, DdfMethod method) {
        StringBuilder sb = new StringBuilder();
        sb.append("Type III Analysis of Variance Table with ").append(method.title()).append('\n');
        int w = 4;
        for (TermTest r : rows) {
            w = Math.max(w, r.term().length());
        }
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %11s %11s %5s %10s %9s %10s%n", "", "Sum Sq", "Mean Sq",
                "NumDF", "DenDF", "F value", "Pr(>F)"));
        for (TermTest r : rows) {
            ContrastTest t = r.test();
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %11s %11s %5d %10.4f %9.4f %10s%n", r.term(),
                    TextTable.significant(t.sumSq(), 5), TextTable.significant(t.meanSq(), 5), t.numDF(), t.denDF(), t.f(), p(t.p())));
        }
        if (rows.isEmpty()) {
            sb.append("(no terms to test besides the intercept)\n");
        }
        return sb.toString();
    }

    /** The anova table as JSON (2-space indentation). */
    public static String anovaJson(String formula, List<TermTest> rows, DdfMethod method) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formula", formula);
        root.put("type", 3);
        root.put("ddf", method.id());
        List<Object> terms = new ArrayList<>();
        for (TermTest r : rows) {
            ContrastTest t = r.test();
            Map<String, Object> term = new LinkedHashMap<>();
            term.put("term", r.term());
            term.put("sumSq", t.sumSq());
            term.put("meanSq", t.meanSq());
            term.put("numDF", t.numDF());
            term.put("denDF", t.denDF());
            term.put("F", t.f());
            term.put("p", t.p());
            term.put("scaling", t.scaling());
            terms.add(term);
        }
        root.put("terms", terms);
        return JsonWriter.write(root);
    }

    /**
     * lmerTest's coefficient table: Estimate, Std. Error, df, t value, Pr(&gt;|t|), with estimates and
     * standard errors rounded to the decimals the smallest of them needs (R's printCoefmat rule).
     */
    public static String coefficientText(List<CoefficientTest> rows, DdfMethod method) {
        StringBuilder sb = new StringBuilder();
        sb.append("Fixed effects (t tests with ").append(method.title()).append("):\n");
        double minAbs = Double.POSITIVE_INFINITY;
        for (CoefficientTest r : rows) {
            for (double v : new double[] {r.estimate(), r.stdError()}) {
                if (Double.isFinite(v) && v != 0) {
                    minAbs = Math.min(minAbs, Math.abs(v));
                }
            }
        }
        int digmin = Double.isInfinite(minAbs) ? 1 : 1 + (int) Math.floor(Math.log10(minAbs));
        int dec = Math.max(1, 3 - digmin);
        TextTable table = new TextTable("", "Estimate", "Std. Error", "df", "t value", "Pr(>|t|)").gap(1).leftAlign(5);
        for (CoefficientTest r : rows) {
            table.row(r.name(), String.format(Locale.ROOT, "%." + dec + "f", r.estimate()),
                    String.format(Locale.ROOT, "%." + dec + "f", r.stdError()), String.format(Locale.ROOT, "%.3f", r.df()),
                    String.format(Locale.ROOT, "%.3f", r.t()), p(r.p()) + " " + stars(r.p()));
        }
        sb.append(table.render());
        sb.append("---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n");
        return sb.toString();
    }

    static String stars(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }

    /** A p-value: four significant digits, scientific below 10⁻⁴, or "&lt; 2.2e-16". */
    static String p(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v < 2.2e-16) {
            return "< 2.2e-16";
        }
        if (v < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return TextTable.significant(v, 4);
    }
}
