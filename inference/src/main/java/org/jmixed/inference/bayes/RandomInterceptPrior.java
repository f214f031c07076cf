package org.jmixed.inference.bayes;

import org.jmixed.JmixedException;

/**
 * The priors of the seed notes' random-intercept model {@code y = X β + Z b + e}:
 * {@code β ~ N(0, betaVariance · I)}, {@code b_j ~ N(0, σ²_b)}, {@code σ²_b ~ InvGamma(shapeB, scaleB)},
 * {@code σ²_e ~ InvGamma(shapeE, scaleE)}, the inverse gamma with density ∝ v^(−shape−1) e^(−scale/v).
 * The notes use shapes 2, scales 100 and a prior variance 0.5 on the intercept in their
 * simulated example; {@link #DIFFUSE} is the default here.
 */
public record RandomInterceptPrior(double betaVariance, double shapeB, double scaleB, double shapeE, double scaleE) {
    /** β ~ N(0, 10¹⁰ I), both variances InvGamma(0.001, 0.001): nearly flat on the data's scale. */
    public static final RandomInterceptPrior DIFFUSE = new RandomInterceptPrior(1e10, 0.001, 0.001, 0.001, 0.001);

    public RandomInterceptPrior {
        check("prior variance of beta", betaVariance);
        check("prior shape of sigma2_b", shapeB);
        check("prior scale of sigma2_b", scaleB);
        check("prior shape of sigma2_e", shapeE);
        check("prior scale of sigma2_e", scaleE);
    }

    private static void check(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new JmixedException(what + " must be positive and finite, not " + v);
        }
    }
}
