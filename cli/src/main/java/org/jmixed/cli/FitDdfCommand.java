package org.jmixed.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.ddf.AnovaFormat;
import org.jmixed.inference.ddf.CoefficientTest;
import org.jmixed.inference.ddf.DdfAnalysis;
import org.jmixed.inference.ddf.DdfMethod;
import org.jmixed.model.FitResult;
import org.jmixed.report.JsonReport;
import org.jmixed.report.SummaryText;
import org.jmixed.spi.Backends;

/**
 * {@code jmixed fit ... --ddf METHOD}: the fit's summary with t tests as lmerTest's
 * {@code summary()} prints them (df and Pr(&gt;|t|) columns; Kenward–Roger standard errors from the
 * adjusted covariance); in JSON, {@code fixef.df} and {@code fixef.p}. Every other option is
 * {@code fit}'s.
 */
final class FitDdfCommand {
    static final String OPTION_HELP =
            "  --ddf METHOD           add df and Pr(>|t|) to the fixed effects: satterthwaite or kenward-roger";

    private FitDdfCommand() {
    }

    /** Whether the command line asks for t tests with denominator df. */
    static boolean requested(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (args[i].equals("--ddf") || args[i].startsWith("--ddf=")) {
                return true;
            }
        }
        return false;
    }

    static int run(String[] args, int from, PrintStream out) {
        String method = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i >= from && a.startsWith("--ddf=")) {
                method = once(method, a.substring("--ddf=".length()));
            } else if (i >= from && a.equals("--ddf")) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new CliException("option --ddf needs a value");
                }
                method = once(method, args[++i]);
            } else {
                rest.add(a);
            }
        }
        FitCommand.Args a = FitCommand.parse(rest.toArray(new String[0]), from);
        if (a.help()) {
            out.print(FitCommand.HELP);
            return Main.OK;
        }
        DdfMethod m = AnovaCommand.parseMethod(method);
        if (m == DdfMethod.KENWARD_ROGER && !a.options().reml()) {
            throw new CliException("--ddf kenward-roger needs a REML fit; drop --ml");
        }
        AnovaCommand.checkReadable(a.data());
        Backends.preloadInBackground();
        DataFrame frame = DataFiles.read(a.data());
        DdfAnalysis analysis = DdfAnalysis.fit(frame, a.formula(), m, a.options());
        FitResult fit = analysis.fitResult();
        List<CoefficientTest> tests = analysis.coefficients();
        if (a.json()) {
            Map<String, double[]> cols = new LinkedHashMap<>();
            cols.put("stderr", tests.stream().mapToDouble(CoefficientTest::stdError).toArray());
            cols.put("df", tests.stream().mapToDouble(CoefficientTest::df).toArray());
            cols.put("t", tests.stream().mapToDouble(CoefficientTest::t).toArray());
            cols.put("p", tests.stream().mapToDouble(CoefficientTest::p).toArray());
            out.print(JsonReport.format(fit, cols));
        } else {
            Path name = a.data().getFileName();
            String summary = SummaryText.format(fit, name == null ? a.data().toString() : name.toString());
            out.print(replaceFixedEffects(summary, AnovaFormat.coefficientText(tests, m), tests.size()));
        }
        out.flush();
        return Main.OK;
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

    private static String once(String previous, String v) {
        if (previous != null) {
            throw new CliException("option --ddf given more than once");
        }
        return v;
    }
}
