package org.jmixed.inference.bayes;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.report.json.JsonWriter;
import org.jmixed.inference.simstats.TextTable;

/** Text and JSON summaries of a {@link GibbsResult}, and its draws as CSV. */
public final class GibbsReport {
    /** R̂ above this flags a parameter whose chains disagree. */
    public static final double RHAT_WARNING = 1.01;

    private GibbsReport() {
    }

    private static String priorText(RandomInterceptPrior p) {
        return "beta ~ N(0, " + plain(p.betaVariance()) + " I); sigma2_b ~ InvGamma(" + plain(p.shapeB()) + ", "
                + plain(p.scaleB()) + "); sigma2_e ~ InvGamma(" + plain(p.shapeE()) + ", " + plain(p.scaleE()) + ")";
    }

    /** Shortest exact text of a prior constant: 1e10, 0.001, 2. */
    private static String plain(double v) {
        return Double.toString(v).replace(".0E", "e").replace("E", "e").replaceAll("\\.0$", "");
    }

    public static String text(GibbsResult r, String dataName) {
        GibbsSettings s = r.settings();
        StringBuilder sb = new StringBuilder();
        sb.append("Gibbs sampler for a random-intercept model\n");
        sb.append("Formula: ").append(r.data().formula()).append('\n');
        sb.append("   Data: ").append(dataName).append(" (").append(r.data().n()).append(" rows, ")
                .append(r.data().q()).append(" levels of ").append(r.data().group()).append(")\n");
        sb.append(" Priors: ").append(priorText(r.prior())).append('\n');
        sb.append(" Chains: ").append(s.chains()).append(" × ").append(s.iterations()).append(" iterations (burn-in ")
                .append(s.burnIn()).append(", ").append(s.kept()).append(" kept each), ")
                .append(s.scheme().name().toLowerCase()).append(" updates, seed ").append(s.seed())
                .append(String.format("; %.2f s%n%n", r.seconds()));
        TextTable t = new TextTable("Parameter", "Mean", "SD", "2.5%", "97.5%", "ESS", "R-hat", "MCSE");
        List<String> unconverged = new ArrayList<>();
        for (ParameterSummary p : r.summaries()) {
            t.row(p.name(), TextTable.num(p.mean(), 6), TextTable.num(p.sd(), 4), TextTable.num(p.lower(), 6),
                    TextTable.num(p.upper(), 6), String.format("%.0f", p.ess()), String.format("%.4f", p.rhat()),
                    TextTable.num(p.mcse(), 3));
            if (p.rhat() > RHAT_WARNING) {
                unconverged.add(p.name());
            }
        }
        sb.append(t.render()).append('\n');
        sb.append("sigma2_b, sigma2_e: variances of the ").append(r.data().group())
                .append(" intercepts and of the residuals; sd_b, sd_e: their square roots.\n");
        sb.append("ESS and R-hat: split chains (BDA3); MCSE = SD / sqrt(ESS).\n");
        if (!unconverged.isEmpty()) {
            sb.append("Note: R-hat above ").append(RHAT_WARNING).append(" for ").append(String.join(", ", unconverged))
                    .append(": the chains disagree; run longer"
                            + (s.scheme() == GibbsScheme.COMPONENTWISE ? ", or try --scheme blocked" : "")
                            + ", or check the priors\n");
        }
        return sb.toString();
    }

    public static String json(GibbsResult r, String dataName) {
        GibbsSettings s = r.settings();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("method", "gibbs");
        root.put("formula", r.data().formula());
        root.put("data", dataName);
        root.put("nobs", r.data().n());
        root.put("group", r.data().group());
        root.put("ngroups", r.data().q());
        Map<String, Object> prior = new LinkedHashMap<>();
        prior.put("beta_variance", r.prior().betaVariance());
        prior.put("sigma2_b_shape", r.prior().shapeB());
        prior.put("sigma2_b_scale", r.prior().scaleB());
        prior.put("sigma2_e_shape", r.prior().shapeE());
        prior.put("sigma2_e_scale", r.prior().scaleE());
        root.put("prior", prior);
        root.put("iterations", s.iterations());
        root.put("burn_in", s.burnIn());
        root.put("chains", s.chains());
        root.put("scheme", s.scheme().name().toLowerCase());
        root.put("seed", s.seed());
        root.put("seconds", r.seconds());
        List<Object> params = new ArrayList<>();
        for (ParameterSummary p : r.summaries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("mean", p.mean());
            m.put("sd", p.sd());
            m.put("q2.5", p.lower());
            m.put("q97.5", p.upper());
            m.put("ess", p.ess());
            m.put("rhat", p.rhat());
            m.put("mcse", p.mcse());
            params.add(m);
        }
        root.put("parameters", params);
        return JsonWriter.write(root);
    }

    /** Writes chain, iteration (1-based, counting burn-in) and every parameter's draw, one row per kept iteration. */
    public static void writeDraws(GibbsResult r, Path file) {
        GibbsSettings s = r.settings();
        double[][][] d = r.draws();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder("\"chain\",\"iteration\"");
            for (String name : r.names()) {
                header.append(",\"").append(name.replace("\"", "\"\"")).append('"');
            }
            w.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < s.chains(); c++) {
                for (int i = 0; i < s.kept(); i++) {
                    line.setLength(0);
                    line.append(c + 1).append(',').append(s.burnIn() + i + 1);
                    for (double[][] param : d) {
                        line.append(',').append(param[c][i]);
                    }
                    w.write(line.append('\n').toString());
                }
            }
        } catch (IOException e) {
            throw new JmixedException(file + ": cannot write the draws (" + e.getMessage() + ")");
        }
    }
}
