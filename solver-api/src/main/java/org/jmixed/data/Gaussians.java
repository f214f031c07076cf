package org.jmixed.data;

import java.util.SplittableRandom;

/**
 * Normal draws from a {@link SplittableRandom} (which has no nextGaussian in Java 17), for the
 * data simulators: deterministic for a given seed and draw order.
 */
public final class Gaussians {
    private Gaussians() {
    }

    /** One standard normal draw (Box–Muller, one of the pair). */
    public static double next(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** n independent normal draws with standard deviation sd. */
    public static double[] draw(SplittableRandom rnd, int n, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sd * next(rnd);
        }
        return v;
    }
}
