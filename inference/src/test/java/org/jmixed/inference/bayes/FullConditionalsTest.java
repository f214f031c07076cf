package org.jmixed.inference.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The full conditionals against their closed forms, and a β draw's covariance against Q⁻¹. */
class FullConditionalsTest {
    @Test
    void inverseGammaUpdateAddsHalfTheCountAndHalfTheSumOfSquares() {
        FullConditionals.InverseGamma c = FullConditionals.variance(2.0, 100.0, 7, 12.5);
        assertEquals(2.0 + 3.5, c.shape(), 0);
        assertEquals(100.0 + 6.25, c.scale(), 0);
    }

    @Test
    void interceptIsThePrecisionWeightedMean() {
        double s = 37.2;
        int t = 9;
        double s2e = 4.0;
        double s2b = 2.5;
        FullConditionals.Normal c = FullConditionals.intercept(s, t, s2e, s2b);
        // precision form: (S/σ²_e) / (T/σ²_e + 1/σ²_b), variance 1/(T/σ²_e + 1/σ²_b)
        double precision = t / s2e + 1 / s2b;
        assertEquals((s / s2e) / precision, c.mean(), 1e-14);
        assertEquals(1 / precision, c.variance(), 1e-15);
        // shrinkage: σ²_b → ∞ gives the group mean residual
        assertEquals(s / t, FullConditionals.intercept(s, t, s2e, 1e300).mean(), 1e-12);
    }

    @Test
    void betaMeanAndPrecisionMatchTheTwoByTwoInverse() {
        double[] xtx = {20, 90, 90, 570};
        double[] xtr = {5030.1, 26710.4};
        double s2e = 900;
        double v = 1e4;
        double[] mean = new double[2];
        double[] l = new double[4];
        FullConditionals.beta(xtx, xtr, 2, s2e, v, mean, l);
        double q11 = xtx[0] / s2e + 1 / v;
        double q12 = xtx[2] / s2e;
        double q22 = xtx[3] / s2e + 1 / v;
        double det = q11 * q22 - q12 * q12;
        double r1 = xtr[0] / s2e;
        double r2 = xtr[1] / s2e;
        assertEquals((q22 * r1 - q12 * r2) / det, mean[0], 1e-10 * Math.abs(mean[0]));
        assertEquals((q11 * r2 - q12 * r1) / det, mean[1], 1e-10 * Math.abs(mean[1]));
        // L L' = Q
        assertEquals(q11, l[0] * l[0], 1e-14);
        assertEquals(q12, l[1] * l[0], 1e-14);
        assertEquals(q22, l[1] * l[1] + l[3] * l[3], 1e-14);
        assertEquals(0, l[2], 0);

        // mean + L'⁻¹ z has covariance Q⁻¹
        SplittableRandom rng = new SplittableRandom(5);
        int n = 200_000;
        double c11 = 0;
        double c12 = 0;
        double c22 = 0;
        double[] z = new double[2];
        for (int i = 0; i < n; i++) {
            z[0] = Variates.normal(rng);
            z[1] = Variates.normal(rng);
            FullConditionals.backward(l, 2, z);
            c11 += z[0] * z[0];
            c12 += z[0] * z[1];
            c22 += z[1] * z[1];
        }
        assertEquals(q22 / det, c11 / n, 0.02 * q22 / det);
        assertEquals(-q12 / det, c12 / n, 0.02 * Math.abs(q12 / det));
        assertEquals(q11 / det, c22 / n, 0.02 * q11 / det);
    }
}
