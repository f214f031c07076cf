package org.jmixed.inference.lmlist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.report.json.JsonWriter;
import org.jmixed.inference.simstats.TextTable;

/** Text and JSON forms of an {@link LmListResult}. */
public final class LmListReport {
    private LmListReport() {
    }

    /** A table with one row per group: each estimate followed by its standard error, then σ and df. */
    public static String text(LmListResult r, String dataName) {
        List<String> names = r.coefficientNames();
        List<String> header = new ArrayList<>(List.of(r.groupName(), "n"));
        for (String c : names) {
            header.add(c);
            header.add("Std.Err");
        }
        header.add("sigma");
        header.add("df");
        TextTable t = new TextTable(header.toArray(String[]::new));
        List<String> notes = new ArrayList<>();
        for (GroupFit g : r.groups()) {
            List<String> cells = new ArrayList<>(List.of(g.level(), Integer.toString(g.n())));
            double[] c = g.coefficients();
            double[] se = g.standardErrors();
            for (int j = 0; j < names.size(); j++) {
                cells.add(TextTable.num(c[j], 6));
                cells.add(TextTable.num(se[j], 4));
            }
            cells.add(TextTable.num(g.sigma(), 4));
            cells.add(Integer.toString(g.df()));
            t.row(cells.toArray(String[]::new));
            if (g.note() != null) {
                notes.add("  " + r.groupName() + " " + g.level() + ": " + g.note());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Per-group least-squares fits (lmList)\n");
        sb.append("Formula: ").append(r.formula()).append('\n');
        sb.append("   Data: ").append(dataName).append(" (").append(r.rowsUsed()).append(" rows");
        if (r.rowsDropped() > 0) {
            sb.append(", ").append(r.rowsDropped()).append(" dropped for missing or NaN values");
        }
        sb.append("), ").append(r.groups().size()).append(" groups\n\n");
        sb.append(t.render());
        sb.append("\nStd.Err from each group's own residual SD (summary(lm)); the JSON also has them from the pooled SD.\n");
        sb.append("Pooled residual standard error: ").append(TextTable.num(r.pooledSigma(), 5)).append(" on ")
                .append(r.pooledDf()).append(" degrees of freedom\n");
        if (!notes.isEmpty()) {
            sb.append("NA coefficients:\n");
            notes.forEach(s -> sb.append(s).append('\n'));
        }
        return sb.toString();
    }

    public static String json(LmListResult r, String dataName) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("method", "lmList");
        root.put("formula", r.formula());
        root.put("data", dataName);
        root.put("response", r.responseName());
        root.put("group", r.groupName());
        root.put("nobs", r.rowsUsed());
        root.put("rows_dropped", r.rowsDropped());
        root.put("coefficient_names", r.coefficientNames());
        root.put("pooled_sigma", r.pooledSigma());
        root.put("pooled_df", r.pooledDf());
        List<Object> groups = new ArrayList<>();
        for (GroupFit g : r.groups()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", g.level());
            m.put("n", g.n());
            m.put("df", g.df());
            m.put("sigma", g.sigma());
            m.put("coefficients", g.coefficients());
            m.put("std_errors", g.standardErrors());
            m.put("pooled_std_errors", g.pooledStandardErrors());
            if (g.note() != null) {
                m.put("note", g.note());
            }
            groups.add(m);
        }
        root.put("groups", groups);
        return JsonWriter.write(root);
    }
}
