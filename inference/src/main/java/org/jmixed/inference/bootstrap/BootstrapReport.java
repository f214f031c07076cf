package org.jmixed.inference.bootstrap;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.report.json.JsonWriter;

/**
 * What {@code jmixed bootstrap} prints: per quantity the original estimate, bootstrap mean, bias,
 * standard error and percentile interval, as text or JSON; and every replicate as CSV.
 */
public final class BootstrapReport {
    /** The level of the percentile intervals in the summary. */
    public static final double LEVEL = 0.95;

    private BootstrapReport() {
    }

    /** The summary table, lme4/boot style. */
    public static String text(BootstrapResult r, String formula, String dataName) {
        StringBuilder sb = new StringBuilder();
        sb.append("Parametric bootstrap of a linear mixed model fit by ").append(r.reml() ? "REML" : "maximum likelihood")
                .append('\n');
        sb.append("Formula: ").append(formula).append('\n');
        if (dataName != null) {
            sb.append("   Data: ").append(dataName).append('\n');
        }
        BootstrapOptions o = r.options();
        sb.append(String.format("Replicates: %d (%s), seed %d, %d thread%s, %.2f s (%.3g refits/s)%n",
                r.replicates(), o.conditional() ? "conditional on the BLUPs: new noise only" : "new random effects and noise",
                o.seed(), o.threads(), o.threads() == 1 ? "" : "s", r.seconds(), r.replicates() / Math.max(r.seconds(), 1e-9)));
        sb.append(String.format("Refits: %d failed, %d stopped at the evaluation cap, %d singular%n%n", r.failed(),
                r.notConverged(), r.singular()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "original", "mean", "bias", "std.error", "2.5 %", "97.5 %"});
        double[] orig = r.original();
        List<BootstrapIntervals.Interval> pc = BootstrapIntervals.compute(r, BootstrapIntervals.Method.PERCENTILE, LEVEL);
        for (int j = 0; j < r.names().size(); j++) {
            rows.add(new String[] {r.names().get(j), num(orig[j]), num(r.mean(j)), num(r.bias(j)), num(r.standardError(j)),
                    num(pc.get(j).lower()), num(pc.get(j).upper())});
        }
        int[] width = new int[7];
        for (String[] row : rows) {
            for (int c = 0; c < 7; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            sb.append(row[0]).append(" ".repeat(width[0] - row[0].length()));
            for (int c = 1; c < 7; c++) {
                sb.append("  ").append(" ".repeat(width[c] - row[c].length())).append(row[c]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (v == 0 || Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6) {
            String s = String.format("%.6g", v);
            if (s.contains(".") && !s.contains("e")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        return String.format("%.4e", v);
    }

    /** The summary as a JSON tree. */
    public static Map<String, Object> tree(BootstrapResult r, String formula, String dataName) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formula", formula);
        root.put("data", dataName);
        root.put("reml", r.reml());
        root.put("replicates", r.replicates());
        root.put("seed", r.options().seed());
        root.put("threads", r.options().threads());
        root.put("conditional", r.options().conditional());
        root.put("seconds", r.seconds());
        root.put("failed", r.failed());
        root.put("not_converged", r.notConverged());
        root.put("singular", r.singular());
        root.put("level", LEVEL);
        List<Object> params = new ArrayList<>();
        double[] orig = r.original();
        List<BootstrapIntervals.Interval> pc = BootstrapIntervals.compute(r, BootstrapIntervals.Method.PERCENTILE, LEVEL);
        for (int j = 0; j < r.names().size(); j++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", r.names().get(j));
            p.put("original", orig[j]);
            p.put("mean", r.mean(j));
            p.put("bias", r.bias(j));
            p.put("std_error", r.standardError(j));
            p.put("lower", pc.get(j).lower());
            p.put("upper", pc.get(j).upper());
            params.add(p);
        }
        root.put("parameters", params);
        return root;
    }

    public static String json(BootstrapResult r, String formula, String dataName) {
        return JsonWriter.write(tree(r, formula, dataName));
    }

    /** Every replicate: a header (replicate, then the quantities), one row per replicate, NA for NaN, full precision. */
    public static void writeCsv(BootstrapResult r, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder("replicate");
            for (String n : r.names()) {
                sb.append(',').append(quote(n));
            }
            w.write(sb.append('\n').toString());
            for (int i = 0; i < r.replicates(); i++) {
                sb.setLength(0);
                sb.append(i + 1);
                for (double v : r.replicate(i)) {
                    sb.append(',').append(Double.isNaN(v) ? "NA" : Double.toString(v));
                }
                w.write(sb.append('\n').toString());
            }
        } catch (IOException e) {
            throw new JmixedException("cannot write '" + file + "': " + e.getMessage());
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
