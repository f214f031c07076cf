package org.jmixed.inference.ddf;

import java.util.Random;

import org.jmixed.inference.linalg.Cholesky;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DenseTest {
    /** An SPD matrix with a leading diagonal block, the shape of Λ'Z'ZΛ + I for crossed terms. */
    private static double[] spd(int n, int diagonalBlock, long seed) {
        Random r = new Random(seed);
        int m = n + 3;
        double[] b = new double[m * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double[] a = Dense.tmul(b, m, n, b, n);
        for (int j = 0; j < diagonalBlock; j++) {
            for (int i = 0; i < diagonalBlock; i++) {
                if (i != j) {
                    a[i + j * n] = 0.0;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            a[i + i * n] += n;
        }
        return a;
    }

    @Test
    void inverseThroughCholeskyIsAnInverse() {
        int n = 23;
        double[] a = spd(n, 9, 1);
        double[] l = a.clone();
        assertEquals(true, Cholesky.factorInPlace(l, n));
        Dense.invertLowerInPlace(l, n);
        double[] inv = Dense.lowerCrossProduct(l, n);
        double[] id = Dense.mul(a, n, n, inv, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                assertEquals(i == j ? 1.0 : 0.0, id[i + j * n], 1e-12, "(" + i + "," + j + ")");
            }
        }
        double[] inv2 = Dense.invertSpd(a, n);
        for (int i = 0; i < n * n; i++) {
            assertEquals(inv[i], inv2[i], 1e-15);
        }
    }

    @Test
    void eigenDecompositionReconstructs() {
        int n = 6;
        double[] a = spd(n, 0, 2);
        a[0] = -40; // not definite: Jacobi must not care
        double[] values = new double[n];
        double[] v = Dense.symmetricEigen(a, n, values);
        for (int c = 1; c < n; c++) {
            assertEquals(true, values[c - 1] >= values[c], "decreasing");
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double s = 0.0;
                for (int c = 0; c < n; c++) {
                    s += v[i + c * n] * values[c] * v[j + c * n];
                }
                assertEquals(a[i + j * n], s, 1e-10);
            }
        }
    }

    @Test
    void pseudoInverseDropsTheNullDirection() {
        // [[1,1],[1,1]] has eigenvalues 2 and 0: its pseudo-inverse is itself / 4
        double[] pinv = Dense.pseudoInverseSymmetric(new double[] {1, 1, 1, 1}, 2, 1e-10);
        for (double x : pinv) {
            assertEquals(0.25, x, 1e-14);
        }
    }

    @Test
    void richardsonDerivativesOfAKnownFunction() {
        double[] x = {0.7, 2.0};
        double[] h = NumericDerivatives.hessian(v -> Math.exp(v[0]) * Math.log(v[1]) + v[0] * v[0] * v[1], x);
        assertEquals(Math.exp(0.7) * Math.log(2.0) + 2 * 2.0, h[0], 1e-7);
        assertEquals(Math.exp(0.7) / 2.0 + 2 * 0.7, h[1], 1e-7);
        assertEquals(-Math.exp(0.7) / 4.0, h[3], 1e-7);
        double[][] j = NumericDerivatives.jacobian(v -> new double[] {v[0] * v[1], Math.sin(v[0])}, x);
        assertEquals(2.0, j[0][0], 1e-9);
        assertEquals(Math.cos(0.7), j[0][1], 1e-9);
        assertEquals(0.7, j[1][0], 1e-9);
    }

    @Test
    void lmerTestCombinationOfComponentDf() {
        assertEquals(5.0, Satterthwaite.combinedDf(new double[] {5.0}));
        assertEquals(7.0, Satterthwaite.combinedDf(new double[] {7.0, 7.0, 7.0}), 1e-12);
        assertEquals(2.0, Satterthwaite.combinedDf(new double[] {1.5, 9.0}));
        double e = 4.0 / 2.0 + 10.0 / 8.0;
        assertEquals(2 * e / (e - 2), Satterthwaite.combinedDf(new double[] {4.0, 10.0}), 1e-12);
    }

    @Test
    void upperTails() {
        // R: pf(3, 2, 10, lower.tail = FALSE), 2 * pt(-2.5, 7)
        assertEquals(0.09536743164, Tails.fUpper(3, 2, 10), 1e-10);
        assertEquals(0.04099221859, Tails.tTwoSided(2.5, 7), 1e-10);
        assertEquals(1.0, Tails.fUpper(0, 2, 10));
    }
}
