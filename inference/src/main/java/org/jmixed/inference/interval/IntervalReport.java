package org.jmixed.inference.interval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jmixed.inference.simstats.TextTable;
import org.jmixed.report.json.JsonWriter;

/**
 * An {@link IntervalTable} as text (the table lme4's {@code confint()} prints, with notes below)
 * or as JSON (2-space indentation, full precision, NaN as {@code null}, as the fit's JSON report).
 */
public final class IntervalReport {
    private IntervalReport() {
    }

    /** The table as lme4 prints it: one row per parameter, ends to 7 significant digits. */
    public static String text(IntervalTable t) {
        StringBuilder sb = new StringBuilder();
        String pct = TextTable.significant(100 * t.level(), 6);
        if (t.method().equals("profile")) {
            sb.append("Profile confidence intervals (").append(pct).append("%), from the ML deviance");
            sb.append(t.reml() ? "; the REML fit refitted by ML, as lme4 does" : "").append('\n');
        } else if (t.method().equals("Wald")) {
            sb.append("Wald confidence intervals (").append(pct).append("%) from the ")
                    .append(t.reml() ? "REML" : "ML").append(" fit\n");
        } else {
            sb.append("Confidence intervals (").append(pct).append("%) by ").append(t.method()).append(", from the ")
                    .append(t.reml() ? "REML" : "ML").append(" fit\n");
        }
        sb.append("Formula: ").append(t.formula()).append("\n\n");
        String[] labels = t.percentLabels();
        List<String[]> rows = new ArrayList<>();
        int nameWidth = 0;
        int w1 = labels[0].length();
        int w2 = labels[1].length();
        int d1 = decimals(t.intervals(), true);
        int d2 = decimals(t.intervals(), false);
        for (Interval in : t.intervals()) {
            String[] r = {in.name(), number(in.lower(), d1), number(in.upper(), d2)};
            rows.add(r);
            nameWidth = Math.max(nameWidth, r[0].length());
            w1 = Math.max(w1, r[1].length());
            w2 = Math.max(w2, r[2].length());
        }
        sb.append(" ".repeat(nameWidth)).append(' ').append(pad(labels[0], w1)).append(' ').append(pad(labels[1], w2))
                .append('\n');
        for (String[] r : rows) {
            sb.append(r[0]).append(" ".repeat(nameWidth - r[0].length())).append(' ').append(pad(r[1], w1))
                    .append(' ').append(pad(r[2], w2)).append('\n');
        }
        List<String> notes = new ArrayList<>();
        for (Interval in : t.intervals()) {
            for (String n : in.notes()) {
                notes.add(in.name() + ": " + n);
            }
        }
        for (String m : t.messages()) {
            if (!m.equals(ConfidenceIntervals.REFITTED_BY_ML)) { // already said in the heading
                notes.add(m);
            }
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) {
                sb.append("Note: ").append(n).append('\n');
            }
        }
        if (t.method().equals("profile")) {
            sb.append(String.format(Locale.ROOT, "%nProfiled with %d factorizations in %.2f s%n", t.evaluations(),
                    t.seconds()));
        }
        return sb.toString();
    }

    /** The table as JSON: columns, notes by parameter, and for profiles the traces (value, ζ). */
    public static String json(IntervalTable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", t.method());
        m.put("level", t.level());
        m.put("formula", t.formula());
        m.put("reml", t.reml());
        m.put("criterion", t.method().equals("profile") ? "ML deviance" : (t.reml() ? "REML" : "ML"));
        List<Object> names = new ArrayList<>();
        List<Object> est = new ArrayList<>();
        List<Object> lower = new ArrayList<>();
        List<Object> upper = new ArrayList<>();
        Map<String, Object> notes = new LinkedHashMap<>();
        for (Interval in : t.intervals()) {
            names.add(in.name());
            est.add(in.estimate());
            lower.add(in.lower());
            upper.add(in.upper());
            if (!in.notes().isEmpty()) {
                notes.put(in.name(), new ArrayList<Object>(in.notes()));
            }
        }
        m.put("names", names);
        m.put("estimate", est);
        m.put("lower", lower);
        m.put("upper", upper);
        m.put("notes", notes);
        if (t.method().equals("profile")) {
            List<Object> traces = new ArrayList<>();
            for (ProfileTrace tr : t.traces()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", tr.name());
                o.put("value", tr.value());
                o.put("zeta", tr.zeta());
                traces.add(o);
            }
            m.put("traces", traces);
        }
        m.put("messages", new ArrayList<Object>(t.messages()));
        m.put("evaluations", t.evaluations());
        m.put("seconds", t.seconds());
        return JsonWriter.write(m);
    }

    /**
     * The decimals R gives a numeric column: enough for every entry to show its (up to) seven
     * significant digits, the same for all entries.
     */
    static int decimals(List<Interval> rows, boolean lower) {
        int d = 0;
        for (Interval in : rows) {
            double v = lower ? in.lower() : in.upper();
            if (!Double.isFinite(v) || v == 0) {
                continue;
            }
            BigDecimal b = new BigDecimal(v).round(new MathContext(7)).stripTrailingZeros();
            d = Math.max(d, Math.min(15, b.scale()));
        }
        return d;
    }

    /** A number with the column's decimals; NA for NaN, as R. */
    static String number(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        return new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
