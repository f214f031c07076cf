package org.jmixed.inference.moments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.report.json.JsonWriter;
import org.jmixed.inference.simstats.TextTable;

/** Text and JSON forms of a {@link MomentResult}. */
public final class MomentReport {
    private MomentReport() {
    }

    public static String text(MomentResult r, String dataName) {
        StringBuilder sb = new StringBuilder();
        sb.append("Variance components by the method of moments (ANOVA estimators)\n");
        sb.append("Formula: ").append(r.formula()).append('\n');
        sb.append("   Data: ").append(dataName).append(" (").append(r.nobs()).append(" rows); design: ")
                .append(r.design().description()).append("\n\n");
        TextTable t = new TextTable("Source", "Df", "Sum Sq", "Mean Sq", "E(Mean Sq)").leftAlign(4);
        for (MeanSquare m : r.table()) {
            t.row(m.source(), Integer.toString(m.df()), TextTable.num(m.sumOfSquares(), 5),
                    TextTable.num(m.meanSquare(), 5), m.expectation());
        }
        sb.append(t.render()).append('\n');
        TextTable c = new TextTable("Groups", "Variance", "Std.Dev.", "Estimator").leftAlign(3);
        for (ComponentEstimate e : r.components()) {
            c.row(e.group(), TextTable.num(e.variance(), 5), TextTable.num(e.sd(), 5), e.formula());
        }
        sb.append(c.render()).append('\n');
        sb.append("Grand mean: ").append(TextTable.num(r.grandMean(), 6)).append('\n');
        for (String n : r.notes()) {
            sb.append("Note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    public static String json(MomentResult r, String dataName) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("method", "moments");
        root.put("formula", r.formula());
        root.put("data", dataName);
        root.put("design", r.design().name().toLowerCase());
        root.put("nobs", r.nobs());
        root.put("grand_mean", r.grandMean());
        List<Object> table = new ArrayList<>();
        for (MeanSquare m : r.table()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("source", m.source());
            row.put("df", m.df());
            row.put("sum_sq", m.sumOfSquares());
            row.put("mean_sq", m.meanSquare());
            row.put("expected_mean_sq", m.expectation());
            table.add(row);
        }
        root.put("anova", table);
        List<Object> comps = new ArrayList<>();
        for (ComponentEstimate e : r.components()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", e.group());
            row.put("variance", e.variance());
            row.put("sd", e.sd());
            row.put("estimator", e.formula());
            row.put("negative", e.negative());
            comps.add(row);
        }
        root.put("components", comps);
        root.put("notes", r.notes());
        return JsonWriter.write(root);
    }
}
