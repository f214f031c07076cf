package org.jmixed.inference.bayes;

import java.util.random.RandomGenerator;

/**
 * Exact draws from the distributions the Gibbs sampler needs, from any {@link RandomGenerator}:
 * standard normals by the generator's own {@code nextGaussian} (the modified ziggurat of Java 17's
 * {@code RandomSupport}, exact), gamma variates by Marsaglia and Tsang's squeeze method (2000), with
 * the {@code U^(1/a)} boost for shapes below 1, and inverse-gamma draws as scale / Gamma(shape, 1).
 */
public final class Variates {
    private Variates() {
    }

    public static double normal(RandomGenerator rng) {
        return rng.nextGaussian();
    }

    /** Gamma(shape, 1): density ∝ x^(shape−1) e^(−x). */
    public static double gamma(RandomGenerator rng, double shape) {
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("gamma shape must be positive and finite, not " + shape);
        }
        if (shape < 1) {
            // Gamma(a) = Gamma(a + 1) · U^(1/a); in logs, since U^(1/a) underflows for tiny a
            double g = gamma(rng, shape + 1);
            double logU = Math.log(1 - rng.nextDouble());
            return Math.exp(Math.log(g) + logU / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rng.nextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = 1 - rng.nextDouble();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2) {
                return d * v;
            }
            if (Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** InvGamma(shape, scale): density ∝ v^(−shape−1) e^(−scale/v), as the seed notes write it. */
    public static double inverseGamma(RandomGenerator rng, double shape, double scale) {
        return scale / gamma(rng, shape);
    }
}
