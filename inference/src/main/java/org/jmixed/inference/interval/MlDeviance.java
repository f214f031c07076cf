package org.jmixed.inference.interval;

import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsSolution;

/**
 * The maximum-likelihood deviance (−2 log-likelihood) of a model, through one open evaluator, in
 * the three forms a profile needs. lme4 profiles on this deviance whatever the fit's criterion: it
 * refits a REML fit by ML first, and so do we.
 * <ul>
 * <li>{@link #ofSdCor}: at given standard deviations, correlations and σ, with β at its optimum for
 * that θ: log|Lθ|² + r²(θ)/σ² + n log(2πσ²). σ is a coordinate here, not profiled out, because a
 * fixed standard deviation σ·θ couples the two.</li>
 * <li>{@link #ofTheta}: at θ with β and σ at their optima: log|Lθ|² + n (1 + log(2π r²/n)).</li>
 * <li>{@link #withCoefficient}: at θ with coefficient j held at b and the other coefficients and σ at
 * their optima. The penalized residual sum of squares is quadratic in β with Hessian RX'RX, so
 * holding β_j at b adds (b − β̂_j)² / [(RX'RX)⁻¹]_jj to r²: the reduced model with offset b·x_j,
 * which lme4 refits, without a second evaluator.</li>
 * </ul>
 * {@link #ofSdCor} and {@link #ofTheta} allocate nothing.
 */
final class MlDeviance {
    private static final double LOG_TWO_PI = Math.log(2.0 * Math.PI);

    private final PlsEvaluator evaluator;
    private final SdCorScale scale;
    private final int n;
    private final PlsFactorSummary summary = new PlsFactorSummary();
    private final double[] theta;
    private int evaluations;

    MlDeviance(PlsEvaluator evaluator, SdCorScale scale, int n) {
        this.evaluator = evaluator;
        this.scale = scale;
        this.n = n;
        this.theta = new double[scale.thetaLength()];
    }

    /** Factorizations so far: every deviance evaluation, and every {@link #sigmaAndBeta}. */
    int evaluations() {
        return evaluations;
    }

    int n() {
        return n;
    }

    double ofSdCor(double[] psi) {
        double sigma = psi[scale.thetaLength()];
        if (!(sigma > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        scale.toTheta(psi, theta);
        evaluations++;
        evaluator.factor(theta, summary);
        double s2 = sigma * sigma;
        return summary.logDetL + summary.pwrss / s2 + n * (LOG_TWO_PI + Math.log(s2));
    }

    double ofTheta(double[] th) {
        evaluations++;
        evaluator.factor(th, summary);
        return summary.logDetL + n * (1.0 + LOG_TWO_PI + Math.log(summary.pwrss / n));
    }

    /** r² at the θ of the last {@link #ofTheta} call: σ̂² = r²/n by ML. */
    double lastPwrss() {
        return summary.pwrss;
    }

    double withCoefficient(double[] th, int j, double b) {
        evaluations++;
        evaluator.factor(th, summary);
        PlsSolution s = evaluator.solve(false);
        int p = s.beta().length;
        double vjj = s.unscaledVcovBeta()[j + j * p];
        double d = b - s.beta()[j];
        double r2 = summary.pwrss + d * d / vjj;
        return summary.logDetL + n * (1.0 + LOG_TWO_PI + Math.log(r2 / n));
    }

    /**
     * β̂ at θ with coefficient j held at b (j &lt; 0: none held), and σ̂ by ML, written as
     * {σ, β...}: the other coefficients move by the regression of β̂ on β̂_j.
     */
    double[] sigmaAndBeta(double[] th, int j, double b) {
        evaluations++;
        evaluator.factor(th, summary);
        PlsSolution s = evaluator.solve(false);
        int p = s.beta().length;
        double[] out = new double[p + 1];
        double r2 = summary.pwrss;
        double[] beta = s.beta().clone();
        if (j >= 0) {
            double[] v = s.unscaledVcovBeta();
            double vjj = v[j + j * p];
            double d = b - beta[j];
            for (int i = 0; i < p; i++) {
                beta[i] += v[i + j * p] / vjj * d;
            }
            beta[j] = b;
            r2 += d * d / vjj;
        }
        out[0] = Math.sqrt(r2 / n);
        System.arraycopy(beta, 0, out, 1, p);
        return out;
    }
}
