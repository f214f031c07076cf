package org.jmixed.inference.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jmixed.inference.simstats.TextTable;
import org.jmixed.report.json.JsonWriter;

/** The parametric-bootstrap likelihood-ratio test as text (laid out as PBmodcomp prints it) and JSON. */
public final class BootstrapComparisonReport {
    private BootstrapComparisonReport() {
    }

    public static String text(BootstrapComparison.Result r, String dataName) {
        StringBuilder sb = new StringBuilder();
        int b = r.reference().length;
        sb.append("Parametric bootstrap test; time: ").append(TextTable.num(r.seconds(), 3)).append(" s; samples: ")
                .append(b).append(", of which ").append(r.positive()).append(" with LRT* > 0\n");
        sb.append("Data: ").append(dataName).append('\n');
        sb.append("large : ").append(r.large().formula()).append('\n');
        sb.append("small : ").append(r.small().formula()).append('\n');
        sb.append(new TextTable("", "stat", "df", "p.value", "MC s.e.")
                .row("LRT", TextTable.num(r.lrt(), 5), Integer.toString(r.df()), TextTable.num(r.pChiSquare(), 4), "")
                .row("PBtest", TextTable.num(r.lrt(), 5), "", TextTable.num(r.pValue(), 4),
                        TextTable.num(r.pValueSe(), 2))
                .row("PBtest+", TextTable.num(r.lrt(), 5), "", TextTable.num(r.pValuePositive(), 4),
                        TextTable.num(r.pValuePositiveSe(), 2))
                .render());
        sb.append("PBtest: (1 + #{LRT* >= LRT}) / (1 + B); PBtest+: pbkrtest's form over replicates with LRT* > 0.\n");
        return sb.toString();
    }

    public static String json(BootstrapComparison.Result r, String dataName) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", dataName);
        root.put("large", r.large().formula());
        root.put("small", r.small().formula());
        root.put("replicates", r.reference().length);
        root.put("LRT", r.lrt());
        root.put("df", r.df());
        root.put("p_chisq", r.pChiSquare());
        root.put("p_bootstrap", r.pValue());
        root.put("p_bootstrap_se", r.pValueSe());
        root.put("positive", r.positive());
        root.put("p_bootstrap_positive", r.pValuePositive());
        root.put("p_bootstrap_positive_se", r.pValuePositiveSe());
        root.put("seconds", r.seconds());
        root.put("reference", r.reference());
        return JsonWriter.write(root);
    }
}
