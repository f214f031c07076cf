package org.jmixed.inference.ddf;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Central differences refined by Richardson extrapolation: four step sizes, each half the last,
 * starting at 10⁻³ relative (10⁻⁴ absolute at zero), the scheme of R's numDeriv that lmerTest
 * uses. numDeriv starts at 10⁻⁴ relative; our cross-product factorizations carry more rounding
 * noise than lme4's, and a second difference divides it by the square of the step: at 10⁻⁴ the
 * sleepstudy df moved by 0.2%, at 10⁻³ they agree with lmerTest to 10⁻⁵ (and with 10⁻² steps,
 * which bound the truncation error, to 2·10⁻⁵). Richardson's extrapolation removes the
 * truncation error up to the eighth order, so the larger step costs no accuracy.
 */
public final class NumericDerivatives {
    static final double RELATIVE_STEP = 1e-3;
    static final double ABSOLUTE_STEP = 1e-4;
    static final double ZERO_TOLERANCE = Math.sqrt(Math.ulp(1.0) / 7e-7);
    static final int RICHARDSON_STEPS = 4;

    private NumericDerivatives() {
    }

    private static double[] steps(double[] x) {
        double[] h = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            h[i] = Math.abs(RELATIVE_STEP * x[i]) + (Math.abs(x[i]) < ZERO_TOLERANCE ? ABSOLUTE_STEP : 0.0);
        }
        return h;
    }

    /** Extrapolates a[0..r) (estimates at steps h, h/2, ...) in place; the result is a[0]. */
    private static void richardson(double[][] a) {
        int r = a.length;
        for (int m = 1; m < r; m++) {
            double f = Math.pow(4.0, m);
            for (int k = 0; k < r - m; k++) {
                for (int c = 0; c < a[k].length; c++) {
                    a[k][c] = (a[k + 1][c] * f - a[k][c]) / (f - 1.0);
                }
            }
        }
    }

    /** The Hessian of f at x, k × k column-major. */
    public static double[] hessian(ToDoubleFunction<double[]> f, double[] x) {
        int k = x.length;
        double f0 = f.applyAsDouble(x);
        double[] h0 = steps(x);
        double[] diag = new double[k];
        double[] hess = new double[k * k];
        int r = RICHARDSON_STEPS;
        for (int i = 0; i < k; i++) {
            double[][] a = new double[r][1];
            double h = h0[i];
            for (int s = 0; s < r; s++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                a[s][0] = (f.applyAsDouble(xp) - 2.0 * f0 + f.applyAsDouble(xm)) / (h * h);
                h /= 2.0;
            }
            richardson(a);
            diag[i] = a[0][0];
            hess[i + i * k] = diag[i];
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                double[][] a = new double[r][1];
                double hi = h0[i];
                double hj = h0[j];
                for (int s = 0; s < r; s++) {
                    double[] xp = x.clone();
                    double[] xm = x.clone();
                    xp[i] += hi;
                    xp[j] += hj;
                    xm[i] -= hi;
                    xm[j] -= hj;
                    a[s][0] = (f.applyAsDouble(xp) - 2.0 * f0 + f.applyAsDouble(xm) - diag[i] * hi * hi
                            - diag[j] * hj * hj) / (2.0 * hi * hj);
                    hi /= 2.0;
                    hj /= 2.0;
                }
                richardson(a);
                hess[i + j * k] = a[0][0];
                hess[j + i * k] = a[0][0];
            }
        }
        return hess;
    }

    /** The Jacobian of a vector function at x: column i is ∂f/∂x_i (length of f each). */
    public static double[][] jacobian(Function<double[], double[]> f, double[] x) {
        int k = x.length;
        double[] h0 = steps(x);
        double[][] out = new double[k][];
        int r = RICHARDSON_STEPS;
        for (int i = 0; i < k; i++) {
            double[][] a = new double[r][];
            double h = h0[i];
            for (int s = 0; s < r; s++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                double[] fp = f.apply(xp);
                double[] fm = f.apply(xm);
                a[s] = new double[fp.length];
                for (int c = 0; c < fp.length; c++) {
                    a[s][c] = (fp[c] - fm[c]) / (2.0 * h);
                }
                h /= 2.0;
            }
            richardson(a);
            out[i] = a[0];
        }
        return out;
    }
}
