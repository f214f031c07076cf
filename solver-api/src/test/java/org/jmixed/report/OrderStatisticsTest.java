package org.jmixed.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class OrderStatisticsTest {
    private static final double[] PROBS = {0, 0.25, 0.5, 0.75, 1, 0.1, 0.9, 0.333};

    /** R's type 7 from a full sort: what the selection must reproduce bit for bit. */
    private static double[] bySorting(double[] x, double... probs) {
        double[] s = x.clone();
        Arrays.sort(s);
        double[] q = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            double h = (s.length - 1) * probs[i];
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, s.length - 1);
            q[i] = s[lo] + (h - lo) * (s[hi] - s[lo]);
        }
        return q;
    }

    private static void assertSameAsSorting(double[] x) {
        double[] before = x.clone();
        double[] expected = bySorting(x, PROBS);
        double[] actual = OrderStatistics.quantiles(x, PROBS);
        for (int i = 0; i < PROBS.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    "quantile " + PROBS[i] + " of " + x.length + " values");
        }
        assertArrayEquals(before, x, "the input is left as it is");
    }

    @Test
    void randomDataGiveTheQuantilesOfSorting() {
        Random rnd = new Random(11);
        for (int k = 0; k < 2000; k++) {
            int n = 1 + rnd.nextInt(k < 1000 ? 12 : 3000);
            double[] x = new double[n];
            int kind = rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                x[i] = switch (kind) {
                    case 0 -> rnd.nextGaussian();
                    case 1 -> 1 + rnd.nextInt(5); // many ties
                    case 2 -> i; // already sorted
                    default -> n - i + 0.5; // reversed
                };
            }
            assertSameAsSorting(x);
        }
    }

    @Test
    void zerosAndNaNsAreSortedAsBefore() {
        assertSameAsSorting(new double[]{0.0, -0.0, 1, -1, 0.0, -0.0, 2});
        assertSameAsSorting(new double[]{3, Double.NaN, 1, 2, Double.NaN});
        assertSameAsSorting(new double[]{Double.NEGATIVE_INFINITY, 5, Double.POSITIVE_INFINITY, -2});
    }

    @Test
    void selectPutsTheRankInPlace() {
        double[] s = {5, 3, 9, 1, 7, 3, 8};
        OrderStatistics.select(s, 0, s.length - 1, 3);
        assertEquals(5, s[3]);
        for (int i = 0; i < 3; i++) {
            assertTrue(s[i] <= 5);
        }
        for (int i = 4; i < s.length; i++) {
            assertTrue(s[i] >= 5);
        }
    }
}
