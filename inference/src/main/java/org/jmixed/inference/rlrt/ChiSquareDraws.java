package org.jmixed.inference.rlrt;

import java.util.SplittableRandom;

import org.jmixed.data.Gaussians;

/** χ² draws from a {@link SplittableRandom}: squares of normals for one degree of freedom, Marsaglia–Tsang gamma draws otherwise. */
final class ChiSquareDraws {
    private ChiSquareDraws() {
    }

    /** One χ²(df) draw, df ≥ 0 (0 gives 0). */
    static double next(SplittableRandom rnd, double df) {
        if (df <= 0) {
            return 0.0;
        }
        if (df == 1) {
            double z = Gaussians.next(rnd);
            return z * z;
        }
        return 2.0 * gamma(rnd, df / 2.0);
    }

    /** Gamma(shape, 1) for shape ≥ 1 (Marsaglia and Tsang 2000); below 1 through the boost Gamma(a+1)·U^(1/a). */
    static double gamma(SplittableRandom rnd, double shape) {
        if (shape < 1) {
            return gamma(rnd, shape + 1) * Math.pow(rnd.nextDouble(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = Gaussians.next(rnd);
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rnd.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
