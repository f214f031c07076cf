package org.jmixed.report;

import java.util.Arrays;

/**
 * Sample quantiles (R's default, type 7) by selection instead of a full sort: the summary's five
 * residual quantiles of 400,000 rows took 80 ms of a cold JVM's report in {@link Arrays#sort};
 * selecting the few order statistics they need takes a few passes.
 *
 * <p>The answer is the one of sorting: the k-th smallest value is a single value whatever
 * algorithm finds it, except where signed zeros or NaNs make equal-comparing values differ, so
 * data holding a zero or a NaN is sorted instead.
 */
final class OrderStatistics {
    private OrderStatistics() {
    }

    /** Type-7 quantiles of {@code x} at {@code probs} (each in [0, 1]); {@code x} is left as it is. */
    static double[] quantiles(double[] x, double... probs) {
        double[] s = x.clone();
        int n = s.length;
        int[] lo = new int[probs.length];
        double[] h = new double[probs.length];
        int[] ranks = new int[2 * probs.length];
        for (int i = 0; i < probs.length; i++) {
            h[i] = (n - 1) * probs[i];
            lo[i] = (int) Math.floor(h[i]);
            ranks[2 * i] = lo[i];
            ranks[2 * i + 1] = Math.min(lo[i] + 1, n - 1);
        }
        if (hasZeroOrNaN(s)) {
            Arrays.sort(s);
        } else {
            Arrays.sort(ranks);
            int from = 0;
            for (int k : ranks) {
                if (k >= from) {
                    select(s, from, n - 1, k);
                    from = k + 1; // s[k] is in place, everything after it is no smaller
                }
            }
        }
        double[] q = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            int hi = Math.min(lo[i] + 1, n - 1);
            q[i] = s[lo[i]] + (h[i] - lo[i]) * (s[hi] - s[lo[i]]);
        }
        return q;
    }

    private static boolean hasZeroOrNaN(double[] s) {
        for (double v : s) {
            if (v == 0.0 || v != v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rearranges {@code s[from..to]} so that {@code s[k]} holds the value of rank {@code k} there,
     * nothing smaller after it and nothing larger before it (Hoare's selection, median-of-three
     * pivots; the minimum and maximum by a scan).
     */
    static void select(double[] s, int from, int to, int k) {
        while (true) {
            if (k == from || k == to) {
                int best = from;
                for (int i = from + 1; i <= to; i++) {
                    if (k == from ? s[i] < s[best] : s[i] > s[best]) {
                        best = i;
                    }
                }
                swap(s, best, k);
                return;
            }
            int mid = (from + to) >>> 1;
            // median of three into s[mid], with s[from] <= s[mid] <= s[to] as sentinels
            if (s[mid] < s[from]) {
                swap(s, mid, from);
            }
            if (s[to] < s[from]) {
                swap(s, to, from);
            }
            if (s[to] < s[mid]) {
                swap(s, to, mid);
            }
            double pivot = s[mid];
            int i = from;
            int j = to;
            while (i <= j) {
                while (s[i] < pivot) {
                    i++;
                }
                while (s[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(s, i, j);
                    i++;
                    j--;
                }
            }
            // now s[from..j] <= pivot <= s[i..to], and anything between equals the pivot
            if (k <= j) {
                to = j;
            } else if (k >= i) {
                from = i;
            } else {
                return;
            }
        }
    }

    private static void swap(double[] s, int a, int b) {
        double t = s[a];
        s[a] = s[b];
        s[b] = t;
    }
}
