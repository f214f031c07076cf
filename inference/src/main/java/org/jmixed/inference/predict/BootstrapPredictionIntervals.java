package org.jmixed.inference.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.data.Gaussians;
import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.inference.bootstrap.ModelSimulator;
import org.jmixed.inference.bootstrap.Quantiles;
import org.jmixed.inference.bootstrap.ReplicateProgress;
import org.jmixed.inference.bootstrap.ReplicateRunner;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.PlainModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;
import org.jmixed.model.ResponseRefitter;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.TermStructure;

/**
 * Prediction intervals for new observations by the parametric bootstrap of the prediction error
 * ({@code predict --interval N}): Davison &amp; Hinkley's prediction-error bootstrap (Bootstrap
 * Methods and their Application, 1997, ch. 6), with the new observation drawn from the same
 * simulated hierarchy as the data. Per replicate:
 * <ol>
 * <li>a response y* from the fit, as {@link ModelSimulator} draws it: new random effects b* and
 *     noise (or, conditionally, noise around the fitted values, b* = the BLUPs);</li>
 * <li>each new row's outcome y+* = x'β̂ + z'b* + ε+, with b* the replicate's own effect of the
 *     row's group where training had the group (the same draw as in y*), a fresh
 *     b ~ N(0, σ̂² T T') where it did not (or for every term at the population level), and fresh
 *     noise;</li>
 * <li>the refit to y* (same criterion, from θ̂, one symbolic analysis per worker) predicts the
 *     rows as the original fit does: ŷ+* = x'β̂* + z'b̂* (known groups; population: x'β̂*);</li>
 * <li>the prediction error δ* = y+* − ŷ+*.</li>
 * </ol>
 * The interval is ŷ+ + [q(α/2), q(1 − α/2)] of the B errors, quantiles of type 6 (the
 * (B + 1)p-th order statistics, whose coverage does not fall short for small B). Unlike the closed
 * form ({@link PredictionIntervals}) it carries θ̂'s uncertainty, the covariance of β̂ with the
 * BLUPs and any skewness of the error; it costs B refits. Replicates are reproducible bit for bit
 * for a seed whatever the number of threads ({@link ReplicateRunner}); a refit that fails is left
 * out and counted.
 */
public final class BootstrapPredictionIntervals {
    /**
     * The intervals and how they were made.
     *
     * @param intervals   fit, the SD of the bootstrap errors as {@code sd}, lwr and upr
     * @param options     B, seed, threads, conditional simulation or not
     * @param failed      replicates whose refit failed (left out)
     * @param seconds     wall time of the replicates
     */
    public record Result(PredictionIntervals intervals, BootstrapOptions options, int failed, double seconds) {
        /** What the JSON report says of the method: method, B, seed, simulation, failed replicates. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", "bootstrap");
            m.put("B", options.replicates());
            m.put("seed", options.seed());
            m.put("simulation", options.conditional() ? "conditional" : "unconditional");
            m.put("failed_replicates", failed);
            return m;
        }
    }

    private BootstrapPredictionIntervals() {
    }

    /**
     * @param prepared   the prepared model the fit came from
     * @param fit        its fit (REML or ML, as the refits will be)
     * @param model      the same fit as a prediction model ({@link PredictionModel#of})
     * @param newdata    rows to predict
     * @param population every term as for a new group; predictions x'β̂
     * @param level      coverage in (0, 1)
     * @param options    B, seed, threads, conditional or not
     * @param fitOptions backend and evaluation cap of the refits
     * @param progress   progress line, or null
     */
    public static Result compute(PreparedModel prepared, FitResult fit, PredictionModel model, DataFrame newdata,
                                 boolean population, double level, BootstrapOptions options, FitOptions fitOptions,
                                 ReplicateProgress progress) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), not " + level);
        }
        PlainModel.require(prepared, fitOptions, "bootstrap prediction intervals");
        PlainModel.require(fit, "bootstrap prediction intervals", false);
        if (fit.theta().length != prepared.problem().thetaLength() || !prepared.fixedNames().equals(model.fixedNames())) {
            throw new JmixedException("the fit does not belong to the prepared model (" + fit.formula() + ")");
        }
        double[] prediction = model.predict(newdata, population).values();
        long start = System.nanoTime();
        double[][] errors = errors(prepared, fit, model, newdata, population, options, fitOptions, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        return summarize(prediction, errors, level, options, seconds);
    }

    /**
     * The replicates' prediction errors y+* − ŷ+* (rows: replicates, in order; a failed refit's
     * row is NaN), before they are summarized; arguments as {@link #compute}.
     */
    static double[][] errors(PreparedModel prepared, FitResult fit, PredictionModel model, DataFrame newdata,
                             boolean population, BootstrapOptions options, FitOptions fitOptions,
                             ReplicateProgress progress) {
        double[] theta = fit.theta();
        double[] beta = fit.fixef().estimate();
        NewRows rows = new NewRows(prepared, model, model.design(newdata), theta, fit.sigma(), population);

        boolean conditional = options.conditional();
        ModelSimulator simulator = conditional
                ? ModelSimulator.conditional(prepared, theta, fit.sigma(), beta, fit.fitted())
                : ModelSimulator.unconditional(prepared, theta, fit.sigma(), beta);
        double[][] blups = conditional ? rows.blups(model) : null;
        FitOptions refitOptions = fitOptions.withReml(fit.reml());
        return new ReplicateRunner<ResponseRefitter>(options.threads(), progress).run(
                options.replicates(), options.seed(),
                () -> new ResponseRefitter(prepared, refitOptions),
                (refitter, stream, i) -> {
                    double[][] effects = new double[prepared.terms().size()][];
                    double[] y = simulator.draw(stream, effects);
                    double[] outcome = rows.outcomes(beta, conditional ? blups : effects, stream);
                    try {
                        ResponseRefitter.Refit r = refitter.refit(y, theta);
                        double[] predicted = rows.predictions(r.beta(),
                                rows.effects(r.theta(), refitter.lastSolution()));
                        for (int j = 0; j < outcome.length; j++) {
                            outcome[j] -= predicted[j];
                        }
                    } catch (IllegalStateException | ArithmeticException failed) {
                        Arrays.fill(outcome, Double.NaN);
                    }
                    return outcome;
                });
    }

    /** The intervals from the replicates' errors (rows: replicates; NaN rows failed). */
    static Result summarize(double[] prediction, double[][] errors, double level, BootstrapOptions options,
                            double seconds) {
        int m = prediction.length;
        List<double[]> ok = new ArrayList<>();
        for (double[] e : errors) {
            if (e.length == 0 || !Double.isNaN(e[0])) {
                ok.add(e);
            }
        }
        int failed = errors.length - ok.size();
        if (ok.size() < 2) {
            throw new JmixedException("bootstrap prediction intervals: " + failed + " of " + errors.length
                    + " refits failed; too few replicates left");
        }
        double[] sd = new double[m];
        double[] lower = new double[m];
        double[] upper = new double[m];
        double alpha = 1 - level;
        double[] column = new double[ok.size()];
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int r = 0; r < column.length; r++) {
                column[r] = ok.get(r)[j];
                mean += column[r];
            }
            mean /= column.length;
            double ss = 0;
            for (double v : column) {
                ss += (v - mean) * (v - mean);
            }
            sd[j] = Math.sqrt(ss / (column.length - 1));
            lower[j] = prediction[j] + Quantiles.type6(column, alpha / 2);
            upper[j] = prediction[j] + Quantiles.type6(column, 1 - alpha / 2);
        }
        return new Result(new PredictionIntervals(level, prediction, sd, lower, upper), options, failed, seconds);
    }

    /**
     * The new rows in the prepared model's terms: x, and per random part of the prediction model
     * its prepared term, z and each row's level in that term (−1: a new group, or every row at the
     * population level). Immutable; shared by the worker threads.
     */
    private static final class NewRows {
        private final int n;
        private final int p;
        private final double[] x;
        private final double sigma;
        private final PlsProblem problem;
        /** Per random part: its prepared term, width, z (n × w) and levels in the term. */
        private final int[] term;
        private final int[] width;
        private final List<double[]> z;
        private final List<int[]> level;
        /** Per random part: T at θ̂ (w × w), for a new group's effect. */
        private final List<double[]> template;
        /** Per random part: its prepared term's levels. */
        private final List<List<String>> termLevels;

        NewRows(PreparedModel prepared, PredictionModel model, PredictionModel.RowDesign d, double[] theta,
                double sigma, boolean population) {
            this.n = d.n();
            this.p = model.fixedNames().size();
            this.x = d.x();
            this.sigma = sigma;
            this.problem = prepared.problem();
            List<RandomPart> parts = model.random();
            this.term = new int[parts.size()];
            this.width = new int[parts.size()];
            this.z = d.z();
            this.level = new ArrayList<>();
            this.template = new ArrayList<>();
            this.termLevels = new ArrayList<>();
            boolean[] taken = new boolean[prepared.terms().size()];
            for (int k = 0; k < parts.size(); k++) {
                RandomPart part = parts.get(k);
                int t = matchingTerm(prepared.terms(), taken, part);
                taken[t] = true;
                term[k] = t;
                RandomTermData data = prepared.terms().get(t);
                width[k] = data.width();
                termLevels.add(data.levels());
                int[] training = d.levels().get(k);
                int[] inTerm = new int[n];
                Map<String, Integer> index = new HashMap<>();
                for (int l = 0; l < data.levels().size(); l++) {
                    index.put(data.levels().get(l), l);
                }
                for (int i = 0; i < n; i++) {
                    Integer l = training[i] < 0 || population ? null : index.get(part.levels().get(training[i]));
                    inTerm[i] = l == null ? -1 : l;
                }
                level.add(inTerm);
                TermStructure ts = problem.terms().get(t);
                double[] tm = new double[ts.width() * ts.width()];
                ts.fillTemplate(theta, tm);
                template.add(tm);
            }
        }

        /** The prepared term of a random part: same grouping factor and columns, not yet taken. */
        private static int matchingTerm(List<RandomTermData> terms, boolean[] taken, RandomPart part) {
            for (int t = 0; t < terms.size(); t++) {
                RandomTermData d = terms.get(t);
                if (!taken[t] && d.groupName().equals(part.group()) && d.columnNames().equals(part.columns())) {
                    return t;
                }
            }
            throw new IllegalStateException("no random-effects term of the model matches " + part.group() + " "
                    + part.columns());
        }

        /** The BLUPs per prepared term (levels × width, level-major), for conditional simulation. */
        double[][] blups(PredictionModel model) {
            double[][] b = new double[problem.terms().size()][];
            for (int k = 0; k < term.length; k++) {
                RandomPart part = model.random().get(k);
                Map<String, Integer> index = part.levelIndex();
                List<String> levels = termLevels.get(k);
                int w = width[k];
                double[] bk = new double[levels.size() * w];
                for (int l = 0; l < levels.size(); l++) {
                    Integer pl = index.get(levels.get(l));
                    for (int c = 0; pl != null && c < w; c++) {
                        bk[l * w + c] = part.value(pl, c);
                    }
                }
                b[term[k]] = bk;
            }
            return b;
        }

        /**
         * Each row's outcome from the replicate's effects (per prepared term, level-major), fresh
         * effects for new groups and fresh noise, drawn in a fixed order: row by row, the new-group
         * effects term by term, then the row's noise.
         */
        double[] outcomes(double[] beta, double[][] effects, SplittableRandom rnd) {
            double[] out = fixedPart(beta);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < term.length; k++) {
                    int w = width[k];
                    double[] zk = z.get(k);
                    int l = level.get(k)[i];
                    if (l >= 0) {
                        double[] b = effects[term[k]];
                        for (int c = 0; c < w; c++) {
                            out[i] += zk[i + c * n] * b[l * w + c];
                        }
                    } else {
                        double[] u = new double[w];
                        for (int c = 0; c < w; c++) {
                            u[c] = sigma * Gaussians.next(rnd);
                        }
                        double[] b = new double[w];
                        lowerTimes(template.get(k), w, u, 0, b, 0);
                        for (int c = 0; c < w; c++) {
                            out[i] += zk[i + c * n] * b[c];
                        }
                    }
                }
                out[i] += sigma * Gaussians.next(rnd);
            }
            return out;
        }

        /** The refit's random effects b = T(θ*) u* per prepared term (levels × width, level-major). */
        double[][] effects(double[] theta, PlsSolution solution) {
            double[][] b = new double[problem.terms().size()][];
            double[] u = solution.u();
            for (int k = 0; k < term.length; k++) {
                TermStructure ts = problem.terms().get(term[k]);
                int w = ts.width();
                double[] t = new double[w * w];
                ts.fillTemplate(theta, t);
                int off = problem.uOffset(term[k]);
                double[] bk = new double[ts.q()];
                for (int l = 0; l < ts.nLevels(); l++) {
                    lowerTimes(t, w, u, off + l * w, bk, l * w);
                }
                b[term[k]] = bk;
            }
            return b;
        }

        /** x'β + Σ z'b over the rows' known groups (new groups contribute zero, as prediction does). */
        double[] predictions(double[] beta, double[][] effects) {
            double[] out = fixedPart(beta);
            for (int k = 0; k < term.length; k++) {
                int w = width[k];
                double[] zk = z.get(k);
                int[] lev = level.get(k);
                double[] b = effects[term[k]];
                for (int i = 0; i < n; i++) {
                    if (lev[i] >= 0) {
                        for (int c = 0; c < w; c++) {
                            out[i] += zk[i + c * n] * b[lev[i] * w + c];
                        }
                    }
                }
            }
            return out;
        }

        /** b[bOff..] = T u[uOff..] for T lower triangular (w × w, column-major): b = Λ u within a level. */
        private static void lowerTimes(double[] t, int w, double[] u, int uOff, double[] b, int bOff) {
            for (int r = 0; r < w; r++) {
                double s = 0;
                for (int c = 0; c <= r; c++) {
                    s += t[r + c * w] * u[uOff + c];
                }
                b[bOff + r] = s;
            }
        }

        private double[] fixedPart(double[] beta) {
            double[] out = new double[n];
            for (int j = 0; j < p; j++) {
                double bj = beta[j];
                for (int i = 0; i < n; i++) {
                    out[i] += x[i + j * n] * bj;
                }
            }
            return out;
        }
    }
}
