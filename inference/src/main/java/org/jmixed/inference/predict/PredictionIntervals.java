package org.jmixed.inference.predict;

import java.util.List;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitResult;
import org.jmixed.model.RandomEffects;
import org.jmixed.model.VarianceComponent;

/**
 * Prediction intervals for new observations ({@code predict --interval}): fit ± z·s, where s² is
 * the variance of a new observation's error about its prediction, the sum of independent parts
 * evaluated at the estimates:
 * <ul>
 * <li>σ̂², the new observation's own residual (σ̂²/w for a model with prior weights, w from the
 *     new data's column of the same name);</li>
 * <li>x' V(β̂) x, the fixed effects' uncertainty;</li>
 * <li>per random-effects term, in a group seen in training: Σ_c z_c² condVar(b̂_c), the
 *     BLUP's conditional variance (the interval is conditional on that group's data); in a group
 *     unseen in training, or for every term with {@code population}: z' Σ̂ z, a new group's
 *     random effect with the estimated covariance.</li>
 * </ul>
 * This is the limit of merTools' {@code predictInterval} as its number of simulations grows
 * (it draws each part from these same Gaussians and adds them): computed exactly, it needs no
 * seed and no Monte-Carlo error. Like {@code predictInterval} it treats θ̂ as known, and leaves
 * out the covariance of β̂ with the BLUPs and, within a level of a vector term, of the BLUPs with
 * each other (only conditional standard deviations are kept); with few groups the intervals are
 * somewhat too short. A parametric bootstrap with refits ({@code bootMer}) would include θ's
 * uncertainty, at B refits' cost.
 *
 * <p>A model with a residual structure ({@code --residual}) is refused: a new row's residual
 * variance depends on its occasion ({@code diag}, {@code un}) and its residual is correlated with
 * the observed residuals of its group, so the best prediction would itself change (kriging on the
 * group's residuals, which the predictions here leave out).
 *
 * @param level  coverage, e.g. 0.95
 * @param fit    the predictions (as {@link PredictionModel#predict})
 * @param sd     s per row
 * @param lower  fit − z·s
 * @param upper  fit + z·s
 */
public record PredictionIntervals(double level, double[] fit, double[] sd, double[] lower, double[] upper) {
    public PredictionIntervals {
        fit = fit.clone();
        sd = sd.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    @Override
    public double[] fit() {
        return fit.clone();
    }

    @Override
    public double[] sd() {
        return sd.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    /**
     * @param model      the fit as a prediction model ({@link PredictionModel#of})
     * @param fit        the same fit: V(β̂), the BLUPs' conditional SDs, the variance components
     * @param newdata    rows to predict
     * @param population every term as for a new group (lme4's re.form = NA plus the group variances)
     * @param level      coverage in (0, 1)
     */
    public static PredictionIntervals compute(PredictionModel model, FitResult fit, DataFrame newdata,
                                              boolean population, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), not " + level);
        }
        if (fit.residualStructure() != null) {
            throw new JmixedException("--interval: not available with --residual '" + fit.residualStructure().structure()
                    + "' (a new row's residual variance and its correlation with the residuals of its group depend on"
                    + " its occasion and group, which these intervals do not model; the predictions themselves are fine)");
        }
        double[] values = model.predict(newdata, population).values();
        PredictionModel.RowDesign d = model.design(newdata);
        int n = d.n();
        double sigma2 = fit.sigma() * fit.sigma();
        double[] var = new double[n];
        java.util.Arrays.fill(var, sigma2);
        if (fit.weights() != null) {
            // a new row's residual variance is σ²/w, w read from the new data's weights column
            if (!newdata.hasColumn(fit.weights())) {
                throw new JmixedException(newdata.source() + ": no column '" + fit.weights() + "'; --interval for a"
                        + " model fitted with --weights " + fit.weights() + " needs each new row's weight");
            }
            double[] w = model.weights(newdata, fit.weights());
            for (int i = 0; i < n; i++) {
                var[i] = sigma2 / w[i];
            }
        }
        addFixed(model, fit, d, var);
        for (int k = 0; k < model.random().size(); k++) {
            RandomPart part = model.random().get(k);
            double[] sigmaK = groupCovariance(part, fit.varcorr());
            double[][] condSd = conditionalSd(part, fit.ranef());
            int w = part.columns().size();
            double[] z = d.z().get(k);
            int[] lev = d.levels().get(k);
            for (int i = 0; i < n; i++) {
                if (population || lev[i] < 0) {
                    double s = 0;
                    for (int a = 0; a < w; a++) {
                        for (int b = 0; b < w; b++) {
                            s += z[i + a * n] * sigmaK[a + b * w] * z[i + b * n];
                        }
                    }
                    var[i] += s;
                } else {
                    for (int c = 0; c < w; c++) {
                        double t = z[i + c * n] * condSd[lev[i]][c];
                        var[i] += t * t;
                    }
                }
            }
        }
        double q = new NormalDistribution(0, 1).inverseCumulativeProbability((1 + level) / 2);
        double[] sd = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            sd[i] = Math.sqrt(var[i]);
            lo[i] = values[i] - q * sd[i];
            hi[i] = values[i] + q * sd[i];
        }
        return new PredictionIntervals(level, values, sd, lo, hi);
    }

    /** var += x' V(β̂) x per row, V in the fit's order mapped to the model's fixed-effect names. */
    private static void addFixed(PredictionModel model, FitResult fit, PredictionModel.RowDesign d, double[] var) {
        List<String> names = model.fixedNames();
        List<String> fitNames = fit.fixef().names();
        int p = names.size();
        int q = fitNames.size();
        double[] v = fit.fixef().vcov();
        int[] at = new int[p];
        for (int j = 0; j < p; j++) {
            at[j] = fitNames.indexOf(names.get(j));
            if (at[j] < 0) {
                throw new IllegalStateException("no covariance for fixed effect '" + names.get(j) + "'");
            }
        }
        int n = d.n();
        double[] x = d.x();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int a = 0; a < p; a++) {
                double xa = x[i + a * n];
                if (xa == 0) {
                    continue;
                }
                for (int b = 0; b < p; b++) {
                    s += xa * v[at[a] + at[b] * q] * x[i + b * n];
                }
            }
            var[i] += s;
        }
    }

    /**
     * Σ̂ of a term (w × w, column-major) from the variance components of its grouping factor,
     * whose name lme4 makes unique for a second term on the same factor ({@code Subject.1}).
     */
    static double[] groupCovariance(RandomPart part, List<VarianceComponent> varcorr) {
        List<String> cols = part.columns();
        int w = cols.size();
        double[] s = new double[w * w];
        for (VarianceComponent vc : varcorr) {
            String g = vc.group();
            if (vc.var1() == null || !(g.equals(part.group()) || g.startsWith(part.group() + "."))) {
                continue;
            }
            int a = cols.indexOf(vc.var1());
            int b = vc.var2() == null ? a : cols.indexOf(vc.var2());
            if (a < 0 || b < 0) {
                continue;
            }
            s[a + b * w] = vc.vcov();
            s[b + a * w] = vc.vcov();
        }
        return s;
    }

    /** Conditional SDs by training level (the part's order) and column; 0 where the fit has none. */
    static double[][] conditionalSd(RandomPart part, List<RandomEffects> ranef) {
        int w = part.columns().size();
        double[][] out = new double[part.levels().size()][w];
        for (RandomEffects re : ranef) {
            if (!re.group().equals(part.group())) {
                continue;
            }
            for (int c = 0; c < w; c++) {
                int t = re.terms().indexOf(part.columns().get(c));
                if (t < 0) {
                    continue;
                }
                for (int l = 0; l < out.length; l++) {
                    int rl = re.levels().indexOf(part.levels().get(l));
                    if (rl >= 0) {
                        out[l][c] = re.condSd(rl, t);
                    }
                }
            }
        }
        return out;
    }
}
