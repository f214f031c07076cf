package org.jmixed.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jmixed.covariance.ResidualFit;
import org.jmixed.model.FitResult;

/**
 * The summary's block on an estimated residual covariance structure (after the random effects),
 * in the spirit of nlme's "Correlation Structure" / "Variance function" sections:
 * <pre>
 * Residual structure: ar1(Days | Subject)
 *  rho  0.7164
 * </pre>
 */
final class CovarianceText {
    private CovarianceText() {
    }

    static List<String> lines(FitResult fit) {
        ResidualFit r = fit.residualStructure();
        List<String> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        out.add("");
        out.add("Residual structure: " + r.structure() + " (Residual Std.Dev. is that of "
                + (r.kind().equals("diag") || r.kind().equals("un") ? "the first level)" : "every observation)"));
        int width = 0;
        for (String n : r.names()) {
            width = Math.max(width, n.length());
        }
        double[] v = r.values();
        for (int i = 0; i < v.length; i++) {
            out.add(String.format(Locale.ROOT, " %-" + width + "s %9.4f", r.names().get(i), v[i]));
        }
        return out;
    }
}
