package org.jmixed.inference.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.jmixed.inference.linalg.Cholesky;
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
            Cholesky.backward(l, 2, z);
            c11 += z[0] * z[0];
            c12 += z[0] * z[1];
            c22 += z[1] * z[1];
        }
        assertEquals(q22 / det, c11 / n, 0.02 * q22 / det);
        assertEquals(-q12 / det, c12 / n, 0.02 * Math.abs(q12 / det));
        assertEquals(q11 / det, c22 / n, 0.02 * q11 / det);
    }

    /** Gauss–Jordan inverse of a small dense matrix (row-major n × n), for the closed forms below. */
    private static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            double d = m[c][c];
            for (int k = 0; k < 2 * n; k++) {
                m[c][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    @Test
    void betaWithRandomInterceptsIntegratedOutIsGeneralisedLeastSquares() {
        // 3 groups of sizes 2, 3, 4; X = [1, x]; with a flat prior on β, β | σ² ~ N(β_GLS, (X'V⁻¹X)⁻¹),
        // V = σ²_e I + σ²_b Z Z'
        int[] group = {0, 0, 1, 1, 1, 2, 2, 2, 2};
        double[] xv = {0.5, 1.5, -1, 0.2, 2.2, 3, 1, -0.7, 0.4};
        double[] y = {1.2, 2.9, -0.4, 1.1, 3.8, 5.1, 2.2, 0.3, 1.7};
        int n = y.length;
        int p = 2;
        double s2e = 0.8;
        double s2b = 1.7;
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i][j] = (i == j ? s2e : 0) + (group[i] == group[j] ? s2b : 0);
            }
        }
        double[][] vi = inverse(v);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {1, xv[i]};
        }
        double[][] xtvx = new double[p][p];
        double[] xtvy = new double[p];
        for (int a = 0; a < p; a++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    xtvy[a] += x[i][a] * vi[i][j] * y[j];
                    for (int b = 0; b < p; b++) {
                        xtvx[a][b] += x[i][a] * vi[i][j] * x[j][b];
                    }
                }
            }
        }
        double[][] cov = inverse(xtvx);
        double[] gls = {cov[0][0] * xtvy[0] + cov[0][1] * xtvy[1], cov[1][0] * xtvy[0] + cov[1][1] * xtvy[1]};

        double[] xtx = new double[p * p];
        double[] xty = new double[p];
        double[] xSum = new double[3 * p];
        double[] ySum = new double[3];
        int[] rows = new int[3];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                xty[a] += x[i][a] * y[i];
                xSum[group[i] * p + a] += x[i][a];
                for (int b = 0; b < p; b++) {
                    xtx[a + b * p] += x[i][a] * x[i][b];
                }
            }
            ySum[group[i]] += y[i];
            rows[group[i]]++;
        }
        double[] mean = new double[p];
        double[] l = new double[p * p];
        FullConditionals.betaMarginal(xtx, xty, xSum, ySum, rows, p, s2e, s2b, 1e300, mean, l);
        assertEquals(gls[0], mean[0], 1e-12 * Math.abs(gls[0]) + 1e-14);
        assertEquals(gls[1], mean[1], 1e-12 * Math.abs(gls[1]) + 1e-14);
        // L L' = S = X'V⁻¹X
        assertEquals(xtvx[0][0], l[0] * l[0], 1e-12 * xtvx[0][0]);
        assertEquals(xtvx[1][0], l[1] * l[0], 1e-12 * Math.abs(xtvx[1][0]));
        assertEquals(xtvx[1][1], l[1] * l[1] + l[3] * l[3], 1e-12 * xtvx[1][1]);
    }
}
