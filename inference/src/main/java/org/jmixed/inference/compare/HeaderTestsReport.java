package org.jmixed.inference.compare;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jmixed.report.json.JsonWriter;

/** Stata-style lines and a JSON member for {@link HeaderTests}. */
public final class HeaderTestsReport {
    private HeaderTestsReport() {
    }

    /** Lines as Stata's {@code mixed} header prints them, with our boundary note. */
    public static String text(HeaderTests t) {
        StringBuilder sb = new StringBuilder();
        if (t.wald() != null) {
            HeaderTests.Wald w = t.wald();
            sb.append(String.format(Locale.ROOT, "Wald chi2(%d) = %.2f, Prob > chi2 = %.4f%n", w.df(), w.chisq(), w.p()));
        } else {
            sb.append("Wald chi2: no fixed effects besides the intercept\n");
        }
        if (t.linear() != null) {
            HeaderTests.LinearModelTest lr = t.linear();
            if (lr.df() == 1) {
                sb.append(String.format(Locale.ROOT, "LR test vs. linear model: chibar2(01) = %.2f, Prob >= chibar2 = %.4f%n",
                        lr.chisq(), lr.boundary().p()));
            } else {
                sb.append(String.format(Locale.ROOT, "LR test vs. linear model: chi2(%d) = %.2f, Prob > chi2 = %.4f%n",
                        lr.df(), lr.chisq(), lr.p()));
                sb.append(String.format(Locale.ROOT,
                        "Note: LR test is conservative (boundary); under %s, Prob >= chi2 = %.4f%n",
                        lr.boundary().distribution(), lr.boundary().p()));
            }
        } else {
            sb.append("LR test vs. linear model: the model has no random effects\n");
        }
        return sb.toString();
    }

    /** The tests as a JSON tree. */
    public static Map<String, Object> tree(HeaderTests t) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> wald = null;
        if (t.wald() != null) {
            wald = new LinkedHashMap<>();
            wald.put("chisq", t.wald().chisq());
            wald.put("df", t.wald().df());
            wald.put("p", t.wald().p());
        }
        root.put("wald", wald);
        Map<String, Object> lr = null;
        if (t.linear() != null) {
            HeaderTests.LinearModelTest l = t.linear();
            lr = new LinkedHashMap<>();
            lr.put("chisq", l.chisq());
            lr.put("df", l.df());
            lr.put("p", l.p());
            lr.put("boundary_distribution", l.boundary().distribution());
            lr.put("boundary_p", l.boundary().p());
            lr.put("linear_logLik", l.linearLogLik());
        }
        root.put("lr_vs_linear", lr);
        return root;
    }

    /**
     * Adds {@code "header_tests"} as the last member of a JSON object written with 2-space
     * indentation (the fit's JSON report).
     */
    public static String appendTo(String jsonObject, HeaderTests t) {
        String body = jsonObject.stripTrailing();
        if (!body.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object");
        }
        StringBuilder sb = new StringBuilder(body.substring(0, body.length() - 1).stripTrailing());
        sb.append(",\n  \"header_tests\": ");
        JsonWriter.write(sb, tree(t), 1);
        sb.append("\n}\n");
        return sb.toString();
    }
}
