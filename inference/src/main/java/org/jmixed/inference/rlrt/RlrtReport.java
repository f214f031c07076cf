package org.jmixed.inference.rlrt;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jmixed.report.json.JsonWriter;

/** What {@code jmixed rlrt} prints, as text or JSON. */
public final class RlrtReport {
    private RlrtReport() {
    }

    public static String text(ExactRlrt.Result r, long seed, String dataName) {
        StringBuilder sb = new StringBuilder();
        sb.append("Exact restricted likelihood-ratio test of one variance component\n");
        sb.append("(finite-sample null distribution simulated from its spectral representation, as RLRsim's exactRLRT)\n");
        sb.append("Formula: ").append(r.fit().formula()).append('\n');
        if (dataName != null) {
            sb.append("   Data: ").append(dataName).append('\n');
        }
        sb.append("   Term: ").append(r.term()).append("   H0: its variance is 0\n\n");
        if (r.nsim() == 0) {
            sb.append(String.format("RLRT = %.5g, p-value = 1 (the statistic is 0; nothing simulated)%n", r.statistic()));
        } else {
            sb.append(String.format("RLRT = %.5g, p-value = %s (Monte-Carlo SE %.2g; %d simulated values, seed %d, %d eigenvalues)%n",
                    r.statistic(), pValue(r.pValue(), r.nsim()), r.pValueSe(), r.nsim(), seed, r.k()));
        }
        return sb.toString();
    }

    private static String pValue(double p, int nsim) {
        return p == 0 ? "< " + String.format("%.1g", 1.0 / nsim) : String.format("%.4g", p);
    }

    public static String json(ExactRlrt.Result r, long seed, String dataName) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formula", r.fit().formula());
        root.put("data", dataName);
        root.put("term", r.term());
        root.put("statistic", r.statistic());
        root.put("p_value", r.pValue());
        root.put("p_value_se", r.pValueSe());
        root.put("nsim", r.nsim());
        root.put("seed", seed);
        root.put("eigenvalues", r.k());
        root.put("reml_criterion", r.fit().objective());
        return JsonWriter.write(root);
    }
}
