package org.jmixed.cpu.dense;

import java.util.Random;

/**
 * Throughput probe (not a test): GFLOP/s of {@code potrfLower} (and {@code trtriLower}) for both implementations.
 * Run with the test classpath:
 * <pre>
 * mvn -q -pl cpu-backend -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp cpu-backend/target/test-classes:cpu-backend/target/classes:$(cat /tmp/cp.txt) \
 *      org.jmixed.cpu.dense.DenseKernelsProbe [n ...]
 * </pre>
 * Each size: a few warm-up factorizations, then the best of several timed ones (best, not mean,
 * because on 2 shared cores the noise is one-sided).
 */
public final class DenseKernelsProbe {

    private DenseKernelsProbe() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1128, 2000, 4000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        DenseKernels java = new JavaDenseKernels();
        DenseKernels nat = DenseKernelsProvider.nativeAvailable() ? new NetlibDenseKernels() : null;
        System.out.println("java:   " + java.name());
        System.out.println("native: " + (nat == null ? "unavailable (" + DenseKernelsProvider.nativeUnavailableReason() + ")"
                : DenseKernelsProvider.choose("native").name()));
        System.out.println("best(): " + DenseKernelsProvider.best().name());
        for (int n : sizes) {
            double[] spd = spd(n);
            System.out.printf("n=%5d  potrf: java %6.2f GFLOP/s", n, gflops(java, spd, n, false));
            if (nat != null) {
                System.out.printf("   native %6.2f GFLOP/s", gflops(nat, spd, n, false));
            }
            System.out.printf("   | trtri: java %6.2f", gflops(java, spd, n, true));
            if (nat != null) {
                System.out.printf("   native %6.2f", gflops(nat, spd, n, true));
            }
            System.out.println();
        }
    }

    /** potrf (n³/3 flops), or when {@code trtri} the inverse of a factor (also n³/3). */
    private static double gflops(DenseKernels k, double[] spd, int n, boolean trtri) {
        double[] factor = null;
        if (trtri) {
            factor = spd.clone();
            k.potrfLower(n, factor, 0, n);
            spd = factor;
        }
        double[] a = new double[spd.length];
        int reps = trtri ? 2 : n <= 1200 ? 12 : n <= 2500 ? 6 : 3;
        long best = Long.MAX_VALUE;
        for (int r = 0; r < reps + 3; r++) {
            System.arraycopy(spd, 0, a, 0, spd.length);
            long t0 = System.nanoTime();
            int info = trtri ? k.trtriLower(n, a, 0, n) : k.potrfLower(n, a, 0, n);
            long t = System.nanoTime() - t0;
            if (info != 0) {
                throw new IllegalStateException("not positive definite at " + info);
            }
            if (r >= 3) {
                best = Math.min(best, t);
            }
        }
        return (double) n * n * n / 3.0 / best;
    }

    /** A well-conditioned SPD matrix (random symmetric, diagonally dominant), full storage. */
    private static double[] spd(int n) {
        Random r = new Random(42);
        double[] a = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                double v = r.nextDouble() - 0.5;
                a[i + j * n] = v;
                a[j + i * n] = v;
            }
            a[j + j * n] = n;
        }
        return a;
    }
}
