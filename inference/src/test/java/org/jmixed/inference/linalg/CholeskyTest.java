package org.jmixed.inference.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CholeskyTest {
    @Test
    void factorsAndSolves() {
        // A = [4 2 0; 2 5 3; 0 3 10] = LL' with L = [2 0 0; 1 2 0; 0 1.5 sqrt(7.75)]
        double[] a = {4, 2, 0, 2, 5, 3, 0, 3, 10};
        double[] l = a.clone();
        assertTrue(Cholesky.factorInPlace(l, 3));
        assertArrayEquals(new double[] {2, 1, 0, 0, 2, 1.5, 0, 0, Math.sqrt(7.75)}, l, 1e-15);
        // A x = b for x = (1, -2, 0.5)
        double[] x = {4 - 4, 2 - 10 + 1.5, -6 + 5};
        Cholesky.forward(l, 3, x);
        Cholesky.backward(l, 3, x);
        assertArrayEquals(new double[] {1, -2, 0.5}, x, 1e-14);
    }

    @Test
    void refusesIndefiniteAndNaN() {
        assertFalse(Cholesky.factorInPlace(new double[] {1, 2, 2, 1}, 2));
        assertFalse(Cholesky.factorInPlace(new double[] {1, 0, 0, Double.NaN}, 2));
    }
}
