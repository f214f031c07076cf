package org.jmixed.cpu.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** potriLower: (L·Lᵀ)⁻¹ from the Cholesky factor, checked as A·A⁻¹ = I, in both kernels. */
class PotriLowerTest {

    @ParameterizedTest(name = "{0} n={1}")
    @CsvSource({"java, 1", "java, 7", "java, 300", "native, 7", "native, 300"})
    void inverseOfTheFactoredMatrix(String mode, int n) {
        if (mode.equals("native")) {
            Assumptions.assumeTrue(DenseKernelsProvider.nativeAvailable(), "no native BLAS/LAPACK here");
        }
        DenseKernels k = DenseKernelsProvider.choose(mode);
        Random r = new Random(n);
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double[] a = new double[n * n]; // A = B·Bᵀ + n·I
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double s = i == j ? n : 0.0;
                for (int m = 0; m < n; m++) {
                    s += b[i + m * n] * b[j + m * n];
                }
                a[i + j * n] = s;
            }
        }
        double[] inv = a.clone();
        assertEquals(0, k.potrfLower(n, inv, 0, n));
        assertEquals(0, k.potriLower(n, inv, 0, n));
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int m = 0; m < n; m++) {
                    double v = m >= j ? inv[m + j * n] : inv[j + m * n]; // lower triangle only
                    s += a[i + m * n] * v;
                }
                assertEquals(i == j ? 1.0 : 0.0, s, 1e-10, mode + " (A·A⁻¹)[" + i + "," + j + "]");
            }
        }
    }
}
