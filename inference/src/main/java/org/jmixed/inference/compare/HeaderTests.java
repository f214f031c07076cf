package org.jmixed.inference.compare;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.linalg.Cholesky;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.FixedEffects;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.ModelFrame;
import org.jmixed.model.ModelFrameBuilder;

/**
 * The two tests Stata's {@code mixed} prints in its header:
 * <ul>
 *   <li>the Wald χ² of all fixed effects but the intercept, β₁' V₁⁻¹ β₁ with V₁ the fit's
 *       covariance matrix of those estimates (REML or ML, as fitted), on as many df as
 *       coefficients;</li>
 *   <li>the likelihood-ratio test against the linear model with the same fixed effects and rows,
 *       by the fit's own criterion (REML against the linear model's restricted likelihood, as
 *       Stata does after {@code mixed, reml}); its p-value from χ²(df) and the boundary
 *       mixture of {@link BoundaryMixture} (Stata's {@code chibar2(01)} for one variance).</li>
 * </ul>
 *
 * @param wald   null when the model has no fixed effect besides the intercept
 * @param linear null when the model has no random effects
 */
public record HeaderTests(Wald wald, LinearModelTest linear) {
    /**
     * @param chisq β₁' V₁⁻¹ β₁
     * @param df    coefficients tested
     * @param p     P(χ²(df) ≥ chisq)
     */
    public record Wald(double chisq, int df, double p) {
    }

    /**
     * @param chisq         2 (log-likelihood of the mixed model − that of the linear model), clamped at 0
     * @param df            random-effects covariance parameters of the mixed model (θ, or the
     *                      parameters of idn()/cs() terms)
     * @param p             P(χ²(df) ≥ chisq): conservative (Stata's note) on the boundary
     * @param boundary      the mixture p-value
     * @param linearLogLik  log-likelihood (restricted for REML) of the linear model
     */
    public record LinearModelTest(double chisq, int df, double p, BoundaryMixture boundary, double linearLogLik) {
    }

    /**
     * @param data the data the fit was made from (the rows are found again from the formula)
     * @param fit  a fit of {@code fit.formula()} to {@code data}
     */
    public static HeaderTests of(DataFrame data, FitResult fit, FitOptions options) {
        return new HeaderTests(wald(fit.fixef()), linear(data, fit, options));
    }

    static Wald wald(FixedEffects fe) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < fe.size(); i++) {
            if (!fe.names().get(i).equals("(Intercept)")) {
                idx.add(i);
            }
        }
        int k = idx.size();
        if (k == 0) {
            return null;
        }
        int p = fe.size();
        double[] vcov = fe.vcov();
        double[] a = new double[k * k];
        double[] b = new double[k];
        for (int r = 0; r < k; r++) {
            b[r] = fe.estimate(idx.get(r));
            for (int c = 0; c < k; c++) {
                a[r + c * k] = vcov[idx.get(r) + idx.get(c) * p];
            }
        }
        double chisq = quadraticForm(a, b, k);
        return new Wald(chisq, k, ChiSquared.upperTail(chisq, k));
    }

    /** b' A⁻¹ b through the Cholesky factor of the symmetric positive definite A (k × k, column-major). */
    static double quadraticForm(double[] a, double[] b, int k) {
        double[] l = a.clone();
        if (!Cholesky.factorInPlace(l, k)) {
            throw new JmixedException("Wald test: the covariance matrix of the fixed effects is not positive definite");
        }
        // b' A⁻¹ b = z'z with L z = b
        double[] z = b.clone();
        Cholesky.forward(l, k, z);
        double q = 0;
        for (int i = 0; i < k; i++) {
            q += z[i] * z[i];
        }
        return q;
    }

    static LinearModelTest linear(DataFrame data, FitResult fit, FitOptions options) {
        if (fit.theta().length == 0) {
            return null;
        }
        ModelFrame frame = ModelFrameBuilder.build(data, fit.formula());
        // the same rows, fixed-effects matrix, offset, prior weights and residual structure, no
        // random-effects terms (with --residual: nlme's gls against the lme)
        ModelFrame lm = new ModelFrame(frame.formula(), frame.responseName(), frame.y(), frame.x(),
                frame.fixedNames(), List.of(), frame.rowsDropped(), frame.rowsRead(), frame.offset(), frame.data(),
                frame.rows());
        FitResult lmFit = LinearMixedModel.fit(lm, options.withReml(fit.reml()));
        double chisq = 2.0 * Math.max(0.0, fit.logLik() - lmFit.logLik());
        // the random-effects parameters: θ's length, or fewer with idn()/cs() terms
        int df = fit.df() - lmFit.df();
        int variances = Math.min(df, ModelComparison.variances(fit));
        return new LinearModelTest(chisq, df, ChiSquared.upperTail(chisq, df),
                BoundaryMixture.of(chisq, df, variances), lmFit.logLik());
    }
}
