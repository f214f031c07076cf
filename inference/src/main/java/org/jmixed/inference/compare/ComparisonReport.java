package org.jmixed.inference.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.inference.simstats.TextTable;
import org.jmixed.report.json.JsonWriter;

/** Text (lme4's {@code anova()} layout) and JSON forms of a {@link ComparisonTable}. */
public final class ComparisonReport {
    private ComparisonReport() {
    }

    public static String text(ComparisonTable t, String dataLabel) {
        StringBuilder sb = new StringBuilder();
        sb.append("Data: ").append(dataLabel).append('\n');
        sb.append("Models:\n");
        for (ComparisonTable.Model m : t.models()) {
            sb.append(m.name()).append(": ").append(m.formula());
            if (m.fit().residualStructure() != null) {
                sb.append(", residual ").append(m.fit().residualStructure().structure());
            }
            if (m.fit().weights() != null) {
                sb.append(", weights ").append(m.fit().weights());
            }
            sb.append('\n');
        }
        int n = t.models().size();
        double[] aic = new double[n];
        double[] bic = new double[n];
        double[] ll = new double[n];
        double[] dev = new double[n];
        double[] chisq = new double[n];
        for (int i = 0; i < n; i++) {
            ComparisonTable.Model m = t.models().get(i);
            aic[i] = m.aic();
            bic[i] = m.bic();
            ll[i] = m.logLik();
            dev[i] = m.deviance();
            chisq[i] = i == 0 ? Double.NaN : t.tests().get(i - 1).chisq();
        }
        String[] fa = NumberFormat.column(aic, 5);
        String[] fb = NumberFormat.column(bic, 5);
        String[] fl = NumberFormat.column(ll, 5);
        String[] fd = NumberFormat.column(dev, 5);
        String[] fc = NumberFormat.column(chisq, 5);
        String[][] rows = new String[n + 1][];
        rows[0] = new String[] {"", "npar", "AIC", "BIC", "logLik", "deviance", "Chisq", "Df", "Pr(>Chisq)", ""};
        boolean anyBoundary = false;
        for (int i = 0; i < n; i++) {
            ComparisonTable.Model m = t.models().get(i);
            ComparisonTable.Test test = i == 0 ? null : t.tests().get(i - 1);
            anyBoundary |= test != null && test.boundary() != null;
            rows[i + 1] = new String[] {m.name(), Integer.toString(m.npar()), fa[i], fb[i], fl[i], fd[i], fc[i],
                    test == null ? "" : Integer.toString(test.df()),
                    test == null ? "" : NumberFormat.pValue(test.p()),
                    test == null ? "" : NumberFormat.stars(test.p())};
        }
        TextTable table = new TextTable(rows[0]).gap(1).leftAlign(9);
        for (int i = 1; i < rows.length; i++) {
            table.row(rows[i]);
        }
        sb.append(table.render());
        sb.append("---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n");
        if (anyBoundary) {
            sb.append("\nVariances tested on the boundary of their space (variance = 0 under the smaller model):\n");
            for (ComparisonTable.Test test : t.tests()) {
                BoundaryMixture b = test.boundary();
                if (b == null) {
                    continue;
                }
                sb.append(t.models().get(test.larger()).name()).append(" vs ")
                        .append(t.models().get(test.smaller()).name()).append(": ")
                        .append(b.variances()).append(b.variances() == 1 ? " variance" : " variances")
                        .append(", ").append(b.df()).append(b.df() == 1 ? " parameter" : " parameters")
                        .append("; Pr(>= Chisq) under ").append(b.label()).append(" = ")
                        .append(NumberFormat.pValue(b.p()))
                        .append(b.exact() ? "" : " (conservative: several variances tested)").append('\n');
            }
        }
        sb.append("\n").append(t.reml() ? "REML" : "ML").append(" fits to ").append(t.nobs()).append(" rows.");
        sb.append('\n');
        for (String note : t.notes()) {
            sb.append("Note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    public static String json(ComparisonTable t, String dataLabel) {
        return JsonWriter.write(tree(t, dataLabel));
    }

    static Map<String, Object> tree(ComparisonTable t, String dataLabel) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", dataLabel);
        root.put("reml", t.reml());
        root.put("nobs", t.nobs());
        root.put("rows_dropped", t.rowsDropped());
        List<Object> models = new ArrayList<>();
        for (int i = 0; i < t.models().size(); i++) {
            ComparisonTable.Model m = t.models().get(i);
            ComparisonTable.Test test = i == 0 ? null : t.tests().get(i - 1);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", m.name());
            r.put("formula", m.formula());
            if (m.fit().residualStructure() != null) {
                r.put("residual", m.fit().residualStructure().structure());
            }
            if (m.fit().weights() != null) {
                r.put("weights", m.fit().weights());
            }
            r.put("npar", m.npar());
            r.put("AIC", m.aic());
            r.put("BIC", m.bic());
            r.put("logLik", m.logLik());
            r.put("deviance", m.deviance());
            r.put("Chisq", test == null ? null : test.chisq());
            r.put("Df", test == null ? null : test.df());
            r.put("p", test == null ? null : test.p());
            Map<String, Object> b = null;
            if (test != null && test.boundary() != null) {
                BoundaryMixture bm = test.boundary();
                b = new LinkedHashMap<>();
                b.put("variances", bm.variances());
                b.put("df", bm.df());
                b.put("distribution", bm.distribution());
                b.put("p", bm.p());
                b.put("exact", bm.exact());
            }
            r.put("boundary", b);
            r.put("singular", m.fit().singular());
            r.put("converged", m.fit().converged());
            models.add(r);
        }
        root.put("models", models);
        root.put("notes", new ArrayList<Object>(t.notes()));
        return root;
    }
}
