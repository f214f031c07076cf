package org.jmixed.spi;

/**
 * Sums of products whose result does not depend on the order or grouping of the terms: each
 * entry is accumulated as an unevaluated double-double (hi, lo) with error-free transformations
 * (the product's rounding error from {@link Math#fma}, the addition's from TwoSum), and rounded
 * once at the end. The rounded value is the correctly rounded exact sum unless the accumulated
 * error of lo (about n·u² relative to the sum's magnitude) straddles a rounding boundary, so a
 * row-by-row sum on one machine and partial sums merged across partitions give the same doubles.
 *
 * <p>An accumulator is a plain {@code double[]} of interleaved pairs: entry {@code i} lives in
 * {@code acc[2i]} (hi) and {@code acc[2i+1]} (lo), zero-initialized. The kernels allocate nothing.
 */
public final class ExactSum {
    private ExactSum() {
    }

    /** Adds a·b to entry i of the accumulator. */
    public static void addProduct(double[] acc, int i, double a, double b) {
        double product = a * b;
        double productError = Math.fma(a, b, -product);
        int h = 2 * i;
        double hi = acc[h];
        double sum = hi + product;
        double shifted = sum - hi;
        double sumError = (hi - (sum - shifted)) + (product - shifted);
        acc[h] = sum;
        acc[h + 1] += sumError + productError;
    }

    /** Adds entry j of another accumulator (a partial sum) to entry i of this one. */
    public static void merge(double[] acc, int i, double[] other, int j) {
        int h = 2 * i;
        double hi = acc[h];
        double add = other[2 * j];
        double sum = hi + add;
        double shifted = sum - hi;
        double sumError = (hi - (sum - shifted)) + (add - shifted);
        acc[h] = sum;
        acc[h + 1] += sumError + other[2 * j + 1];
    }

    /** The dot product of a[aFrom, aFrom + n) and b[bFrom, bFrom + n), accumulated exactly, rounded once. */
    public static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
        double hi = 0;
        double lo = 0;
        for (int e = 0; e < n; e++) {
            double x = a[aFrom + e];
            double y = b[bFrom + e];
            double product = x * y;
            double productError = Math.fma(x, y, -product);
            double sum = hi + product;
            double shifted = sum - hi;
            lo += (hi - (sum - shifted)) + (product - shifted) + productError;
            hi = sum;
        }
        return hi + lo;
    }

    /** Entry i rounded to a double. */
    public static double value(double[] acc, int i) {
        return acc[2 * i] + acc[2 * i + 1];
    }

    /** Entries [from, from + count) rounded into out[to, to + count). */
    public static void round(double[] acc, int from, double[] out, int to, int count) {
        for (int e = 0; e < count; e++) {
            out[to + e] = value(acc, from + e);
        }
    }

    /** A zeroed accumulator of the given number of entries. */
    public static double[] accumulator(int entries) {
        return new double[2 * entries];
    }
}
