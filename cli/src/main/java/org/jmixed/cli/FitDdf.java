package org.jmixed.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.data.DataFrame;
import org.jmixed.inference.ddf.AnovaFormat;
import org.jmixed.inference.ddf.CoefficientTest;
import org.jmixed.inference.ddf.DdfAnalysis;
import org.jmixed.inference.ddf.DdfMethod;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.report.JsonReport;
import org.jmixed.report.SummaryText;

/**
 * {@code jmixed fit ... --ddf METHOD}: the fit's summary with t tests as lmerTest's
 * {@code summary()} prints them (df and Pr(&gt;|t|) columns; Kenward–Roger standard errors from the
 * adjusted covariance); in JSON, {@code fixef.df}, {@code fixef.t} and {@code fixef.p}.
 */
final class FitDdf {
    static final String OPTION_HELP =
            "  --ddf METHOD           add df and Pr(>|t|) to the fixed effects: satterthwaite or kenward-roger";

    private final DdfMethod method;
    private final DdfAnalysis analysis;

    private FitDdf(DdfMethod method, DdfAnalysis analysis) {
        this.method = method;
        this.analysis = analysis;
    }

    /** The method named on the command line; a usage error for anything else. */
    static DdfMethod method(String name, FitOptions options) {
        DdfMethod m = AnovaCommand.parseMethod(name);
        if (m == DdfMethod.KENWARD_ROGER && !options.reml()) {
            throw new CliException("--ddf kenward-roger needs a REML fit; drop --ml");
        }
        return m;
    }

    /** Fits the model and computes the t tests of its coefficients. */
    static FitDdf fit(DataFrame data, String formula, DdfMethod method, FitOptions options) {
        return new FitDdf(method, DdfAnalysis.fit(data, formula, method, options));
    }

    FitResult fitResult() {
        return analysis.fitResult();
    }

    /** The JSON report or the summary, with the t tests in the fixed-effects table. */
    String report(boolean json, String dataLabel) {
        FitResult fit = analysis.fitResult();
        List<CoefficientTest> tests = analysis.coefficients();
        if (json) {
            Map<String, double[]> cols = new LinkedHashMap<>();
            cols.put("stderr", tests.stream().mapToDouble(CoefficientTest::stdError).toArray());
            cols.put("df", tests.stream().mapToDouble(CoefficientTest::df).toArray());
            cols.put("t", tests.stream().mapToDouble(CoefficientTest::t).toArray());
            cols.put("p", tests.stream().mapToDouble(CoefficientTest::p).toArray());
            return JsonReport.format(fit, cols);
        }
        String summary = SummaryText.format(fit, dataLabel);
        return replaceFixedEffects(summary, AnovaFormat.coefficientText(tests, method), tests.size());
    }

    /** The summary with its fixed-effects block (title, header and one line per coefficient) replaced. */
    static String replaceFixedEffects(String summary, String table, int p) {
        String[] lines = summary.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("Fixed effects:") && i + 1 + p < lines.length + 1) {
                sb.append(table);
                i += 1 + p;
                continue;
            }
            sb.append(lines[i]);
            if (i < lines.length - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    static String label(Path data) {
        Path name = data.getFileName();
        return name == null ? data.toString() : name.toString();
    }
}
