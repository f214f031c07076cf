package org.jmixed.inference.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Gamma and inverse-gamma draws: first two moments within a few standard errors, and positivity. */
class VariatesTest {
    private static void checkGamma(double shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double g = Variates.gamma(rng, shape);
            assertTrue(g > 0 && Double.isFinite(g), "draw " + g);
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        assertEquals(shape, mean, 5 * Math.sqrt(shape / n), "mean, shape " + shape);
        // Var(sample variance) ≈ σ⁴ (2 + 6/shape)/n for a gamma
        assertEquals(shape, var, 5 * shape * Math.sqrt((2 + 6 / shape) / n), "variance, shape " + shape);
    }

    @Test
    void gammaMomentsAcrossShapes() {
        checkGamma(0.3, 1);
        checkGamma(1.0, 2);
        checkGamma(2.5, 3);
        checkGamma(40.0, 4);
    }

    @Test
    void inverseGammaMean() {
        SplittableRandom rng = new SplittableRandom(9);
        double shape = 6;
        double scale = 15;
        int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Variates.inverseGamma(rng, shape, scale);
        }
        double mean = scale / (shape - 1);
        double sd = mean / Math.sqrt(shape - 2);
        assertEquals(mean, sum / n, 5 * sd / Math.sqrt(n));
    }

    @Test
    void tinyShapeStaysPositive() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            double g = Variates.gamma(rng, 0.001);
            assertTrue(g >= 0 && !Double.isNaN(g));
        }
    }
}
