package org.jmixed.inference.ddf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
                    sig(t.sumSq()), sig(t.meanSq()), t.numDF(), t.denDF(), t.f(), p(t.p())));
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
        int w = 4;
        for (CoefficientTest r : rows) {
            w = Math.max(w, r.name().length());
        }
        String[][] cells = new String[rows.size() + 1][];
        cells[0] = new String[] {"", "Estimate", "Std. Error", "df", "t value", "Pr(>|t|)"};
        for (int i = 0; i < rows.size(); i++) {
            CoefficientTest r = rows.get(i);
            cells[i + 1] = new String[] {r.name(), String.format(Locale.ROOT, "%." + dec + "f", r.estimate()),
                String.format(Locale.ROOT, "%." + dec + "f", r.stdError()), String.format(Locale.ROOT, "%.3f", r.df()),
                String.format(Locale.ROOT, "%.3f", r.t()), p(r.p()) + " " + stars(r.p())};
        }
        int[] width = new int[6];
        for (String[] row : cells) {
            for (int c = 0; c < 6; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder(String.format("%-" + width[0] + "s", row[0]));
            for (int c = 1; c < 6; c++) {
                line.append(' ').append(c == 5 ? String.format("%-" + width[c] + "s", row[c])
                        : String.format("%" + width[c] + "s", row[c]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append("---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n");
        return sb.toString();
    }

    static String stars(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }

    /** Five significant digits, as R prints a table column. */
    static String sig(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : (v > 0 ? "Inf" : "-Inf");
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(5)).stripTrailingZeros().toPlainString();
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
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
