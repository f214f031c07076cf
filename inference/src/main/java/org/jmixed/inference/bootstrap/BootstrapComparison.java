package org.jmixed.inference.bootstrap;

import java.util.Arrays;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.jmixed.JmixedException;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.inference.structured.PlainView;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.ResponseRefitter;

/**
 * The parametric-bootstrap likelihood-ratio test of a smaller model against a larger one
 * (pbkrtest's {@code PBmodcomp}): both fitted by maximum likelihood, LRT = 2 (ℓ_large − ℓ_small);
 * B responses simulated from the smaller model's ML fit, both models refitted to each (each from
 * its own original θ̂), LRT* collected. The smaller model may have no random-effects terms at all
 * (an ordinary linear model, {@code y ~ 1}): the same machinery fits it, with an empty θ.
 *
 * <p>Two p-values. The main one counts all replicates, {@code (1 + #{LRT* ≥ LRT}) / (1 + B)}.
 * pbkrtest's PBmodcomp prints {@code (1 + #{LRT* > LRT}) / (1 + #{LRT* > 0})}, which counts only
 * replicates with a positive statistic; at a boundary (a variance estimated as zero) LRT* is zero
 * up to rounding, and in R rounding makes about half of those "positive", so that its value
 * depends on noise. It is given here with positives counted above {@link #POSITIVE_TOLERANCE}
 * ({@link Result#pValuePositive}). Each comes with its Monte-Carlo standard error
 * sqrt(p (1 − p) / m), m the number of replicates it counts.
 */
public final class BootstrapComparison {
    /** LRT* at or below this counts as zero (a refit on the boundary) for the positives-only p-value. */
    public static final double POSITIVE_TOLERANCE = 1e-8;

    /**
     * @param lrt              the observed statistic 2 (ℓ_large − ℓ_small), ML fits
     * @param df               difference in the numbers of parameters
     * @param pChiSquare       the asymptotic p-value, χ²(df)
     * @param reference        LRT* per replicate, by replicate index (NaN where a refit failed)
     * @param pValue           the p-value over all replicates, (1 + #{LRT* ≥ LRT}) / (1 + B)
     * @param pValueSe         its Monte-Carlo standard error
     * @param positive         replicates with LRT* above {@link #POSITIVE_TOLERANCE}
     * @param pValuePositive   pbkrtest's form over the positive replicates only
     * @param pValuePositiveSe its Monte-Carlo standard error
     * @param small            the smaller model's ML fit
     * @param large            the larger model's ML fit
     * @param seconds          wall-clock seconds of the replicates
     */
    public record Result(double lrt, int df, double pChiSquare, double[] reference, double pValue, double pValueSe,
                         int positive, double pValuePositive, double pValuePositiveSe, FitResult small, FitResult large,
                         double seconds) {
        public Result {
            reference = reference.clone();
        }

        @Override
        public double[] reference() {
            return reference.clone();
        }
    }

    private BootstrapComparison() {
    }

    /**
     * @param small      the smaller model (its fixed and random terms a subset of the larger's, same rows)
     * @param large      the larger model
     * @param options    B, seed, threads ({@code conditional} must be false)
     * @param fitOptions backend and evaluation cap (both fits are by ML whatever its REML setting)
     */
    public static Result run(PreparedModel smallModel, PreparedModel largeModel, BootstrapOptions options,
                             FitOptions fitOptions, ReplicateProgress progress) {
        // prior weights and offsets: simulate and refit the equivalent unweighted models (rows scaled
        // by √w); the Jacobian is the same constant in both deviances and cancels in the statistic
        // a residual structure or idn()/cs() terms: simulate with the structure, refit it in full
        boolean structured = StructuredBootstrap.needed(smallModel, fitOptions.residual() != null)
                || StructuredBootstrap.needed(largeModel, fitOptions.residual() != null);
        PlainView smallView = structured ? null : PlainView.of(smallModel, fitOptions, "the bootstrap comparison");
        PlainView largeView = structured ? null : PlainView.of(largeModel, fitOptions, "the bootstrap comparison");
        PreparedModel small = structured ? smallModel : smallView.model();
        PreparedModel large = structured ? largeModel : largeView.model();
        if (options.conditional()) {
            throw new JmixedException("the bootstrap test simulates from the smaller model; conditional simulation does not apply");
        }
        if (small.problem().n() != large.problem().n() || !Arrays.equals(small.problem().y(), large.problem().y())) {
            throw new JmixedException("the two models are not fitted to the same observations ("
                    + small.frame().formula() + " has " + small.problem().n() + ", " + large.frame().formula() + " has "
                    + large.problem().n() + ")");
        }
        FitResult smallFit = LinearMixedModel.fit(smallModel, fitOptions.withReml(false));
        FitResult largeFit = LinearMixedModel.fit(largeModel, fitOptions.withReml(false));
        FitOptions ml = (structured ? fitOptions : smallView.options()).withReml(false);
        int df = largeFit.df() - smallFit.df();
        if (df <= 0) {
            throw new JmixedException("'" + large.frame().formula() + "' has no more parameters than '"
                    + small.frame().formula() + "'; give the smaller model first");
        }
        double lrt = smallFit.objective() - largeFit.objective();
        long start = System.nanoTime();
        double[][] rows = structured
                ? StructuredBootstrap.lrtReplicates(small, large, smallFit, options, ml, progress)
                : thetaReplicates(small, large, smallFit, largeFit, options, ml, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] reference = new double[rows.length];
        int valid = 0;
        int positive = 0;
        int beyond = 0;
        int atLeast = 0;
        for (int i = 0; i < rows.length; i++) {
            double r = rows[i][0];
            reference[i] = r;
            if (Double.isNaN(r)) {
                continue;
            }
            valid++;
            if (r > POSITIVE_TOLERANCE) {
                positive++;
            }
            if (r > lrt) {
                beyond++;
            }
            if (r >= lrt) {
                atLeast++;
            }
        }
        double pPositive = (1.0 + beyond) / (1.0 + positive);
        double p = (1.0 + atLeast) / (1.0 + valid);
        double pChi = 1.0 - new ChiSquaredDistribution(df).cumulativeProbability(Math.max(lrt, 0.0));
        return new Result(lrt, df, pChi, reference, p, monteCarloSe(p, valid), positive, pPositive,
                monteCarloSe(pPositive, positive), smallFit, largeFit, seconds);
    }

    /** LRT* per replicate, refitting θ only (models without parameters besides θ). */
    private static double[][] thetaReplicates(PreparedModel small, PreparedModel large, FitResult smallFit,
                                              FitResult largeFit, BootstrapOptions options, FitOptions ml,
                                              ReplicateProgress progress) {
        ModelSimulator simulator = ModelSimulator.unconditional(small, smallFit.theta(), smallFit.sigma(),
                smallFit.fixef().estimate());
        double[] smallTheta = smallFit.theta();
        double[] largeTheta = largeFit.theta();
        return new ReplicateRunner<RefitterPair>(options.threads(), progress).run(
                options.replicates(), options.seed(),
                () -> new RefitterPair(new ResponseRefitter(small, ml), new ResponseRefitter(large, ml)),
                (pair, stream, i) -> {
                    double[] y = simulator.draw(stream);
                    try {
                        double d0 = pair.small().refit(y, smallTheta).objective();
                        double d1 = pair.large().refit(y, largeTheta).objective();
                        return new double[] {d0 - d1};
                    } catch (IllegalStateException | ArithmeticException failed) {
                        return new double[] {Double.NaN};
                    }
                });
    }

    static double monteCarloSe(double p, int m) {
        return m == 0 ? Double.NaN : Math.sqrt(Math.min(p, 1.0) * Math.max(0.0, 1.0 - p) / m);
    }

    /** One worker's refitters, one per model. */
    private record RefitterPair(ResponseRefitter small, ResponseRefitter large) implements AutoCloseable {
        @Override
        public void close() {
            try {
                small.close();
            } finally {
                large.close();
            }
        }
    }
}
