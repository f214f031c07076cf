package org.jmixed.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.spi.BackendChoice;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.TermStructure;

/**
 * Turns the optimum (θ̂, σ̂², and the backend's solution in spherical, unscaled form) into what
 * users read: β̂ with standard errors, variance components, b = Λû with conditional standard
 * deviations, fitted values and residuals.
 */
final class ResultAssembler {
    /** lme4's isSingular() tolerance on diagonal θ. */
    static final double SINGULAR_TOLERANCE = 1e-4;

    private final ModelFrame frame;
    private final PlsProblem problem;
    private final List<RandomTermData> terms;
    private final List<String> fixedNames;
    private final double[] x;

    ResultAssembler(ModelFrame frame, PlsProblem problem, List<RandomTermData> sortedTerms, List<String> fixedNames,
                    double[] x) {
        this.frame = frame;
        this.problem = problem;
        this.terms = sortedTerms;
        this.fixedNames = fixedNames;
        this.x = x;
    }

    FitResult assemble(double[] theta, double objective, double sigma2, PlsSolution sol, boolean reml,
                       boolean[] diagonal, boolean converged, List<String> optimizerMessages, List<String> dropped,
                       int evaluations, double seconds, BackendChoice choice, String evaluatorDescription) {
        return builder(theta, objective, sigma2, sol, reml, diagonal, converged, optimizerMessages, dropped,
                evaluations, seconds, choice, evaluatorDescription).build();
    }

    /** The result, still open for additions (the structured path adds its residual parameters and df). */
    FitResult.Builder builder(double[] theta, double objective, double sigma2, PlsSolution sol, boolean reml,
                              boolean[] diagonal, boolean converged, List<String> optimizerMessages,
                              List<String> dropped, int evaluations, double seconds, BackendChoice choice,
                              String evaluatorDescription) {
        int n = problem.n();
        int p = fixedNames.size();
        double sigma = Math.sqrt(sigma2);
        // A frame without rows (cross-products formed where the rows are, e.g. on Spark): the
        // fitted values and residuals are left to whoever holds the rows.
        boolean rowsHere = frame.n() == n;

        double[] vcov = new double[p * p];
        double[] se = new double[p];
        double[] unscaled = sol.unscaledVcovBeta();
        for (int i = 0; i < p * p; i++) {
            vcov[i] = sigma2 * unscaled[i];
        }
        for (int i = 0; i < p; i++) {
            se[i] = Math.sqrt(vcov[i + i * p]);
        }

        List<double[]> b = new ArrayList<>();
        List<double[]> condSd = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            TermStructure ts = problem.terms().get(k);
            double[] t = new double[ts.width() * ts.width()];
            ts.fillTemplate(theta, t);
            b.add(randomEffects(ts, t, sol.u(), problem.uOffset(k)));
            condSd.add(conditionalSd(ts, t, sol.condVarU() == null ? null : sol.condVarU().get(k), sigma2));
        }

        int nRows = rowsHere ? n : 0;
        double[] fitted = frame.offset() == null || !rowsHere ? new double[nRows] : frame.offset().clone();
        for (int j = 0; j < p; j++) {
            double bj = sol.beta()[j];
            for (int i = 0; i < nRows; i++) {
                fitted[i] += x[i + j * n] * bj;
            }
        }
        for (int k = 0; k < terms.size(); k++) {
            RandomTermData t = terms.get(k);
            int w = t.width();
            double[] bk = b.get(k);
            for (int c = 0; c < w; c++) {
                for (int i = 0; i < nRows; i++) {
                    fitted[i] += t.columns()[i + c * n] * bk[t.levelOfRow()[i] * w + c];
                }
            }
        }
        double[] residuals = new double[nRows];
        for (int i = 0; i < nRows; i++) {
            residuals[i] = frame.y()[i] - fitted[i];
        }

        boolean singular = false;
        for (int i = 0; i < theta.length; i++) {
            if (diagonal[i] && theta[i] < SINGULAR_TOLERANCE) {
                singular = true;
            }
        }
        List<String> messages = new ArrayList<>();
        if (frame.rowsDropped() > 0) {
            messages.add(frame.rowsDropped() + " of " + frame.rowsRead()
                    + " rows dropped because of missing values");
        }
        if (!dropped.isEmpty()) {
            messages.add("fixed-effect model matrix is rank deficient: dropped " + dropped.size()
                    + (dropped.size() == 1 ? " column: " : " columns: ") + String.join(", ", dropped));
        }
        if (singular) {
            messages.add("boundary (singular) fit: a variance component or correlation is estimated on its"
                    + " boundary (theta on its lower bound 0)");
        }
        messages.addAll(optimizerMessages);

        return FitResult.builder()
                .formula(frame.formula())
                .responseName(frame.responseName())
                .reml(reml)
                .nobs(n)
                .ngroups(ngroups())
                .fixef(new FixedEffects(fixedNames, sol.beta(), se, vcov))
                .theta(theta)
                .sigma(sigma)
                .varcorr(varcorr(theta, sigma2))
                .objective(objective)
                .df(p + theta.length + 1)
                .ranef(groupRandomEffects(b, condSd))
                .fitted(fitted)
                .residuals(residuals)
                .singular(singular)
                .converged(converged)
                .messages(messages)
                .rowsDropped(frame.rowsDropped())
                .droppedColumns(dropped)
                .evaluations(evaluations)
                .seconds(seconds)
                .backend(choice.backend().name())
                .backendDetail(choice.reason() + "; " + evaluatorDescription)
                .frame(frame);
    }

    /** b = T·u per level, level-major. */
    private static double[] randomEffects(TermStructure ts, double[] t, double[] u, int uOff) {
        int w = ts.width();
        double[] b = new double[ts.q()];
        for (int l = 0; l < ts.nLevels(); l++) {
            for (int r = 0; r < w; r++) {
                double s = 0;
                for (int c = 0; c <= r; c++) {
                    s += t[r + c * w] * u[uOff + l * w + c];
                }
                b[l * w + r] = s;
            }
        }
        return b;
    }

    /** sqrt(diag(σ² T G T')) per level, where G is the diagonal block of (L L')⁻¹. */
    private static double[] conditionalSd(TermStructure ts, double[] t, double[] g, double sigma2) {
        int w = ts.width();
        double[] sd = new double[ts.q()];
        if (g == null) {
            // Not computed (LinearMixedModel.fit(..., conditionalVariances = false)).
            java.util.Arrays.fill(sd, Double.NaN);
            return sd;
        }
        for (int l = 0; l < ts.nLevels(); l++) {
            int off = l * w * w;
            for (int r = 0; r < w; r++) {
                double s = 0;
                for (int a = 0; a <= r; a++) {
                    for (int c = 0; c <= r; c++) {
                        s += t[r + a * w] * g[off + a + c * w] * t[r + c * w];
                    }
                }
                sd[l * w + r] = Math.sqrt(Math.max(0.0, sigma2 * s));
            }
        }
        return sd;
    }

    private Map<String, Integer> ngroups() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (RandomTermData t : terms) {
            out.putIfAbsent(t.groupName(), t.nLevels());
        }
        return out;
    }

    /** As lme4's as.data.frame(VarCorr()): per term its variances, then covariances; then the residual. */
    private List<VarianceComponent> varcorr(double[] theta, double sigma2) {
        List<VarianceComponent> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int k = 0; k < terms.size(); k++) {
            RandomTermData term = terms.get(k);
            TermStructure ts = problem.terms().get(k);
            int w = ts.width();
            double[] cov = new double[w * w];
            ts.fillCovariance(theta, sigma2, new double[w * w], cov);
            String group = uniqueName(term.groupName(), seen);
            for (int a = 0; a < w; a++) {
                double v = cov[a + a * w];
                out.add(new VarianceComponent(group, term.columnNames().get(a), null, v, Math.sqrt(v)));
            }
            for (int c = 0; c < w; c++) {
                for (int a = c + 1; a < w; a++) {
                    double v = cov[a + c * w];
                    double corr = v / Math.sqrt(cov[a + a * w] * cov[c + c * w]);
                    out.add(new VarianceComponent(group, term.columnNames().get(c), term.columnNames().get(a), v, corr));
                }
            }
        }
        out.add(new VarianceComponent("Residual", null, null, sigma2, Math.sqrt(sigma2)));
        return out;
    }

    /** R's make.unique: the second "Subject" becomes "Subject.1". */
    private static String uniqueName(String name, Map<String, Integer> seen) {
        Integer count = seen.get(name);
        seen.put(name, count == null ? 1 : count + 1);
        return count == null ? name : name + "." + count;
    }

    /** Terms sharing a grouping factor are reported together, in order of first appearance. */
    private List<RandomEffects> groupRandomEffects(List<double[]> b, List<double[]> condSd) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int k = 0; k < terms.size(); k++) {
            byGroup.computeIfAbsent(terms.get(k).groupName(), g -> new ArrayList<>()).add(k);
        }
        List<RandomEffects> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byGroup.entrySet()) {
            List<Integer> ks = e.getValue();
            RandomTermData first = terms.get(ks.get(0));
            int levels = first.nLevels();
            List<String> names = new ArrayList<>();
            for (int k : ks) {
                names.addAll(terms.get(k).columnNames());
            }
            double[][] values = new double[levels][names.size()];
            double[][] sds = new double[levels][names.size()];
            int col = 0;
            for (int k : ks) {
                int w = terms.get(k).width();
                for (int l = 0; l < levels; l++) {
                    for (int c = 0; c < w; c++) {
                        values[l][col + c] = b.get(k)[l * w + c];
                        sds[l][col + c] = condSd.get(k)[l * w + c];
                    }
                }
                col += w;
            }
            out.add(new RandomEffects(e.getKey(), names, first.levels(), values, sds));
        }
        return out;
    }
}
