package org.jmixed.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ExactSumTest {

    /** The correctly rounded value of Σ a_i b_i, by exact decimal arithmetic. */
    private static double exact(double[] a, double[] b) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < a.length; i++) {
            s = s.add(new BigDecimal(a[i]).multiply(new BigDecimal(b[i])));
        }
        return s.round(MathContext.DECIMAL128).doubleValue();
    }

    private static double[] values(Random rnd, int n, boolean wideRange) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian() * (wideRange ? Math.pow(10, rnd.nextInt(9) - 4) : 1);
        }
        return v;
    }

    @Test
    void dotIsTheCorrectlyRoundedExactSum() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            double[] a = values(rnd, 2000, trial % 2 == 0);
            double[] b = values(rnd, 2000, trial % 3 == 0);
            assertEquals(exact(a, b), ExactSum.dot(a, 0, b, 0, a.length), 0.0, "trial " + trial);
        }
    }

    @Test
    void cancellationKeepsTheSmallTerms() {
        double[] a = {1e16, 1, -1e16, 1e-3};
        double[] ones = {1, 1, 1, 1};
        assertEquals(1.001, ExactSum.dot(a, 0, ones, 0, 4), 0.0);
        double naive = 0;
        for (double v : a) {
            naive += v;
        }
        assertEquals(1e-3, naive, 0.0, "plain summation loses the 1");
    }

    /**
     * Row by row in one accumulator, or in partial sums over arbitrary chunks merged in any order:
     * the same rounded double, equal to the exact sum's.
     */
    @Test
    void partialSumsMergedInAnyGroupingGiveTheSameDouble() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1000 + rnd.nextInt(3000);
            double[] a = values(rnd, n, true);
            double[] b = values(rnd, n, false);
            double[] whole = ExactSum.accumulator(1);
            for (int i = 0; i < n; i++) {
                ExactSum.addProduct(whole, 0, a[i], b[i]);
            }
            int parts = 2 + rnd.nextInt(7);
            double[][] partial = new double[parts][];
            for (int q = 0; q < parts; q++) {
                partial[q] = ExactSum.accumulator(1);
            }
            for (int i = 0; i < n; i++) {
                ExactSum.addProduct(partial[rnd.nextInt(parts)], 0, a[i], b[i]);
            }
            double[] merged = ExactSum.accumulator(1);
            for (int q = parts - 1; q >= 0; q--) {
                ExactSum.merge(merged, 0, partial[q], 0);
            }
            double expected = exact(a, b);
            assertEquals(expected, ExactSum.value(whole, 0), 0.0, "row by row, trial " + trial);
            assertEquals(expected, ExactSum.value(merged, 0), 0.0, "merged partial sums, trial " + trial);
        }
    }

    @Test
    void roundWritesEachEntry() {
        double[] acc = ExactSum.accumulator(3);
        ExactSum.addProduct(acc, 0, 0.1, 3);
        ExactSum.addProduct(acc, 2, 1e20, 1);
        ExactSum.addProduct(acc, 2, 1, 1);
        ExactSum.addProduct(acc, 2, -1e20, 1);
        double[] out = new double[4];
        ExactSum.round(acc, 0, out, 1, 3);
        assertEquals(new BigDecimal(0.1).multiply(BigDecimal.valueOf(3)).doubleValue(), out[1], 0.0);
        assertEquals(0.0, out[2], 0.0);
        assertEquals(1.0, out[3], 0.0);
    }
}
