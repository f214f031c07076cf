package org.jmixed.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The cross-products do not depend on the order of the rows: each entry is summed exactly. */
class PlsProblemBuilderOrderTest {
    private static final int N = 6000;
    private static final int P = 3;
    private static final int[] LEVELS = {60, 25};
    private static final int[] WIDTHS = {2, 1};

    @Test
    void permutedRowsGiveTheSameDoubles() {
        Random rnd = new Random(3);
        double[] y = new double[N];
        double[] x = new double[N * P];
        int[][] lev = new int[2][N];
        double[][] z = {new double[N * 2], new double[N]};
        for (int i = 0; i < N; i++) {
            // magnitudes spread over many binades, so plain sums would depend on the order
            y[i] = 1e3 * rnd.nextGaussian() + rnd.nextGaussian() * 1e-3;
            x[i] = 1;
            x[i + N] = rnd.nextGaussian() * 1e4;
            x[i + 2 * N] = rnd.nextDouble() * 1e-2;
            for (int k = 0; k < 2; k++) {
                lev[k][i] = rnd.nextInt(LEVELS[k]);
            }
            z[0][i] = 1;
            z[0][i + N] = rnd.nextGaussian() * 100;
            z[1][i] = 1 + rnd.nextDouble();
        }
        int[] perm = new int[N];
        for (int i = 0; i < N; i++) {
            perm[i] = i;
        }
        for (int i = N - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        CrossProducts inOrder = build(y, x, lev, z, null);
        CrossProducts permuted = build(y, x, lev, z, perm);

        assertArrayEquals(inOrder.xyTxy(), permuted.xyTxy(), 0.0);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(inOrder.zTz(k), permuted.zTz(k), 0.0, "Z'Z " + k);
            assertArrayEquals(inOrder.zTxy(k), permuted.zTxy(k), 0.0, "Z'[X y] " + k);
        }
        assertArrayEquals(inOrder.zTzOff(1, 0).rowIdx, permuted.zTzOff(1, 0).rowIdx);
        assertArrayEquals(inOrder.zTzOff(1, 0).values, permuted.zTzOff(1, 0).values, 0.0);

        BigDecimal yy = BigDecimal.ZERO;
        for (double v : y) {
            yy = yy.add(new BigDecimal(v).multiply(new BigDecimal(v)));
        }
        assertEquals(yy.round(MathContext.DECIMAL128).doubleValue(), inOrder.xyTxy()[(P + 1) * (P + 1) - 1], 0.0,
                "y'y is the correctly rounded exact sum");
    }

    /** The problem's cross-products with its rows taken in the order perm (null: as given). */
    private static CrossProducts build(double[] y, double[] x, int[][] lev, double[][] z, int[] perm) {
        PlsProblemBuilder b = new PlsProblemBuilder(rows(y, 1, perm), rows(x, P, perm), P);
        for (int k = 0; k < 2; k++) {
            int[] l = new int[N];
            for (int i = 0; i < N; i++) {
                l[i] = lev[k][perm == null ? i : perm[i]];
            }
            b.addTerm("g" + k, LEVELS[k], l, rows(z[k], WIDTHS[k], perm), WIDTHS[k]);
        }
        return b.build().cross();
    }

    private static double[] rows(double[] columnMajor, int cols, int[] perm) {
        double[] out = new double[columnMajor.length];
        for (int c = 0; c < cols; c++) {
            for (int i = 0; i < N; i++) {
                out[i + c * N] = columnMajor[(perm == null ? i : perm[i]) + c * N];
            }
        }
        return out;
    }
}
