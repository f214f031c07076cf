package org.jmixed.inference.bootstrap;

import java.util.List;
import java.util.SplittableRandom;

import org.jmixed.data.Gaussians;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * Draws responses from a fitted linear mixed model, as lme4's {@code simulate()}:
 * {@code y* = X β̂ + Σ_k Z_k T_k u_k + ε} with spherical {@code u_k ~ N(0, σ̂² I)} (so that
 * {@code b = Λθ̂ u ~ N(0, σ̂² Λ Λ')}) and {@code ε ~ N(0, σ̂² I)}; or, conditionally on the
 * BLUPs, {@code y* = fitted + ε}. With a {@link ResidualNoise} ({@link #withResidualNoise}) the
 * noise is σ L e per group of rows instead, L the Cholesky factor of the residual structure's block
 * (prior weights folded in). Immutable and thread-safe: the random stream is the caller's.
 * The draws for one replicate come in a fixed order (u term by term, level-major; then ε), so a
 * replicate is a function of its stream alone.
 */
public final class ModelSimulator {
    private final int n;
    private final int p;
    private final double[] x;
    private final double[] beta;
    private final double sigma;
    private final List<RandomTermData> terms;
    private final double[][] templates;
    /** Null unless conditional: X β̂ + Z b̂. */
    private final double[] conditionalMean;
    /** Null for independent noise of variance σ². */
    private final ResidualNoise noise;
    /** What {@link #withResidualNoise} needs to make the same simulator again. */
    private final PreparedModel model;
    private final double[] theta;

    /** Correlated or heteroscedastic noise: turns σ e, e ~ N(0, I), into σ L e in place. */
    @FunctionalInterface
    public interface ResidualNoise {
        void shape(double[] noise);
    }

    private ModelSimulator(PreparedModel model, double[] theta, double sigma, double[] beta, double[] conditionalMean,
                           ResidualNoise noise) {
        PlsProblem problem = model.problem();
        this.n = problem.n();
        this.p = problem.p();
        if (beta.length != p) {
            throw new IllegalArgumentException("beta has " + beta.length + " values, the model " + p);
        }
        if (theta.length != problem.thetaLength()) {
            throw new IllegalArgumentException("theta has " + theta.length + " values, the model " + problem.thetaLength());
        }
        this.x = model.x();
        this.beta = beta.clone();
        this.sigma = sigma;
        this.terms = model.terms();
        this.templates = new double[terms.size()][];
        for (int k = 0; k < terms.size(); k++) {
            TermStructure ts = problem.terms().get(k);
            templates[k] = new double[ts.width() * ts.width()];
            ts.fillTemplate(theta, templates[k]);
        }
        this.conditionalMean = conditionalMean == null ? null : conditionalMean.clone();
        this.noise = noise;
        this.model = model;
        this.theta = theta.clone();
    }

    /** The same simulator with its noise shaped by {@code shape} (the same draws, in the same order). */
    public ModelSimulator withResidualNoise(ResidualNoise shape) {
        return new ModelSimulator(model, theta, sigma, beta, conditionalMean, shape);
    }

    /** New random effects and noise from the estimates θ̂, σ̂, β̂ (terms in the prepared model's order). */
    public static ModelSimulator unconditional(PreparedModel model, double[] theta, double sigma, double[] beta) {
        return new ModelSimulator(model, theta, sigma, beta, null, null);
    }

    /** Noise only, around the fitted values X β̂ + Z b̂ (the random effects held at their BLUPs). */
    public static ModelSimulator conditional(PreparedModel model, double[] theta, double sigma, double[] beta,
                                             double[] fitted) {
        if (fitted.length != model.problem().n()) {
            throw new IllegalArgumentException("fitted has " + fitted.length + " values, expected " + model.problem().n());
        }
        return new ModelSimulator(model, theta, sigma, beta, fitted, null);
    }

    /** One simulated response, a new array of length n. */
    public double[] draw(SplittableRandom rnd) {
        return draw(rnd, null);
    }

    /**
     * One simulated response, as {@link #draw(SplittableRandom)} (the same draws from the same
     * stream), also handing back the random effects it used: {@code effects[k]} becomes term k's
     * b (levels × width, level-major), for predicting new rows of the same replicate's groups.
     * Unconditional simulators only fill it; a conditional one leaves it untouched.
     *
     * @param effects null, or an array of one slot per term
     */
    public double[] draw(SplittableRandom rnd, double[][] effects) {
        double[] y = new double[n];
        if (conditionalMean != null) {
            System.arraycopy(conditionalMean, 0, y, 0, n);
        } else {
            for (int j = 0; j < p; j++) {
                double bj = beta[j];
                int o = j * n;
                for (int i = 0; i < n; i++) {
                    y[i] += x[o + i] * bj;
                }
            }
            for (int k = 0; k < terms.size(); k++) {
                double[] b = addRandomEffects(terms.get(k), templates[k], rnd, y);
                if (effects != null) {
                    effects[k] = b;
                }
            }
        }
        if (noise == null) {
            for (int i = 0; i < n; i++) {
                y[i] += sigma * Gaussians.next(rnd);
            }
            return y;
        }
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = sigma * Gaussians.next(rnd);
        }
        noise.shape(e);
        for (int i = 0; i < n; i++) {
            y[i] += e[i];
        }
        return y;
    }

    /** y += Z_k b_k with b_k = T u per level, u ~ N(0, σ² I); returns b_k. */
    private double[] addRandomEffects(RandomTermData term, double[] t, SplittableRandom rnd, double[] y) {
        int w = term.width();
        int levels = term.nLevels();
        double[] b = new double[levels * w];
        double[] u = new double[w];
        for (int l = 0; l < levels; l++) {
            for (int c = 0; c < w; c++) {
                u[c] = sigma * Gaussians.next(rnd);
            }
            for (int r = 0; r < w; r++) {
                double s = 0;
                for (int c = 0; c <= r; c++) {
                    s += t[r + c * w] * u[c];
                }
                b[l * w + r] = s;
            }
        }
        int[] lev = term.levelOfRow();
        double[] z = term.columns();
        for (int c = 0; c < w; c++) {
            int o = c * n;
            for (int i = 0; i < n; i++) {
                y[i] += z[o + i] * b[lev[i] * w + c];
            }
        }
        return b;
    }
}
