package org.jmixed.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IndexSortTest {
    @Test
    void stableOrderAsABoxedSortGivesIt() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int n : new int[] {0, 1, 2, 3, 7, 64, 1000, 4097}) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(n / 3 + 1) - n / 6.0; // many ties
            }
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> Double.compare(v[a], v[b]));
            assertArrayEquals(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(), IndexSort.order(v),
                    "n = " + n);
        }
    }
}
