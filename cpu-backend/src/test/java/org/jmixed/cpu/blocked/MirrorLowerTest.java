package org.jmixed.cpu.blocked;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tiled mirror of a lower triangle: every upper element equals its transpose, the lower part is untouched. */
class MirrorLowerTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 63, 64, 65, 130, 200})
    void upperTriangleBecomesTheTransposeOfTheLower(int n) {
        Random r = new Random(n);
        double[] a = new double[n * n];
        for (int k = 0; k < a.length; k++) {
            a[k] = r.nextGaussian();
        }
        double[] before = a.clone();
        BlockedSelectedInverse.mirrorLower(a, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double expected = i >= j ? before[i + j * n] : before[j + i * n];
                assertEquals(expected, a[i + j * n], 0.0, "(" + i + ", " + j + ") of " + n);
            }
        }
    }
}
