package org.jmixed.inference.structured;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.covariance.PriorWeights;
import org.jmixed.covariance.ResidualSpec;
import org.jmixed.covariance.Whitener;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.ModelFrame;
import org.jmixed.model.PlainModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;
import org.jmixed.spi.PlsProblem;

/**
 * A model with prior weights and offsets as the ordinary (lme4) model it is equivalent to: with
 * residual variance σ²/w_i, multiplying row i of y − offset, X and Z by √w_i gives residual
 * variance σ², the same θ, β, σ and random effects, and a log-likelihood that differs only by
 * the constant ½ Σ log w_i. Every method that drives a backend with θ (Satterthwaite, Kenward–Roger,
 * profiles, the parametric bootstrap) is then right for the weighted model when it works on
 * {@link #model()} with {@link #options()}. (lme4's profile of the fixed effects and pbkrtest's
 * Kenward–Roger adjustment leave the weights out; on the equivalent model both agree with this.)
 *
 * <p>A residual structure ({@code --residual}) or a structured random-effects term
 * ({@code idn()}, {@code cs()}) has parameters besides θ that such methods would hold fixed or
 * misread: {@link #of} refuses them in one line naming the option or term ({@link PlainModel}),
 * for the methods that have no way through them yet. Immutable.
 */
public final class PlainView {
    private final PreparedModel model;
    private final FitOptions options;
    private final double[] sqrtWeights;
    private final double[] offset;
    private final double logDetLambda;

    private PlainView(PreparedModel model, FitOptions options, double[] sqrtWeights, double[] offset,
                      double logDetLambda) {
        this.model = model;
        this.options = options;
        this.sqrtWeights = sqrtWeights;
        this.offset = offset;
        this.logDetLambda = logDetLambda;
    }

    /**
     * The equivalent ordinary model of a prepared model fitted with {@code options}.
     *
     * @param what the method, for the message when the model has a structure it cannot handle
     */
    public static PlainView of(PreparedModel prepared, FitOptions options, String what) {
        PlainModel.require(prepared, options.withWeights(null), what);
        return build(prepared, options, options.weights());
    }

    /** As {@link #of(PreparedModel, FitOptions, String)}, for the model of a fit (its weights, its structure). */
    public static PlainView of(PreparedModel prepared, FitResult fit, FitOptions options, String what) {
        String residual = fit.residualStructure() == null ? null : fit.residualStructure().structure();
        PlainModel.require(prepared, FitOptions.defaults().withResidual(residual), what);
        return build(prepared, options, fit.weights());
    }

    private static PlainView build(PreparedModel prepared, FitOptions options, String weightsColumn) {
        FitOptions plain = options.withWeights(null).withResidual(null);
        ModelFrame frame = prepared.frame();
        if (weightsColumn == null) {
            return new PlainView(prepared, plain, null, frame.offset(), 0.0);
        }
        if (frame.data() == null) {
            throw new JmixedException("weights need the data frame the model was built from");
        }
        double[] w = PriorWeights.read(frame.data(), frame.rows(), weightsColumn);
        PlsProblem base = prepared.problem();
        Whitener.Whitened white = new Whitener(base, w, ResidualSpec.independent(base.n())).whiten(new double[0]);
        PlsProblem problem = white.problem();
        List<RandomTermData> terms = new ArrayList<>();
        for (int k = 0; k < prepared.terms().size(); k++) {
            RandomTermData t = prepared.terms().get(k);
            terms.add(new RandomTermData(t.groupName(), t.levels(), t.levelOfRow(), t.columnNames(),
                    problem.termColumns().get(k), t.correlated(), t.covariance()));
        }
        double[] sw = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            sw[i] = Math.sqrt(w[i]);
        }
        PreparedModel whitened = new PreparedModel(frame, problem, terms, prepared.fixedNames(), prepared.dropped(),
                problem.x());
        return new PlainView(whitened, plain, sw, frame.offset(), white.logDetLambda());
    }

    /** The equivalent ordinary model: y − offset, X and Z with rows scaled by √w. */
    public PreparedModel model() {
        return model;
    }

    /** The fit options without weights and residual structure, for fitting {@link #model()}. */
    public FitOptions options() {
        return options;
    }

    /** Whether the model has prior weights (else {@link #model()} is the prepared model itself). */
    public boolean weighted() {
        return sqrtWeights != null;
    }

    /**
     * log|Λ| = −Σ log w_i: what the criteria of the weighted model add to those of {@link #model()}
     * (0 without weights).
     */
    public double logDetLambda() {
        return logDetLambda;
    }

    /** Values on the response's scale (fitted values, with the offset) on the scale of {@link #model()}: (v − offset)·√w. */
    public double[] toModelScale(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (offset != null) {
                out[i] -= offset[i];
            }
            if (sqrtWeights != null) {
                out[i] *= sqrtWeights[i];
            }
        }
        return out;
    }
}
