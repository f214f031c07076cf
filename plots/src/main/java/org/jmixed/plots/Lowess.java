package org.jmixed.plots;

import java.util.Arrays;

/**
 * Cleveland's robust locally weighted linear regression (LOWESS), the smoother R's
 * {@code lowess} and {@code panel.smooth} draw through a residual plot: at each point a straight
 * line fitted by weighted least squares to the nearest span·n observations (tricube weights in
 * distance), then refitted with bisquare robustness weights from the residuals.
 *
 * <p>For large n (InstEval's 73,421 residuals) the curve is computed at most at
 * {@link #MAX_POINTS} positions spread over the distinct x values, and residuals between them are
 * interpolated, as R's {@code delta} argument does; so the cost is O(MAX_POINTS · span · n) per
 * iteration instead of O(span · n²).
 */
public final class Lowess {
    /** R's default span. */
    public static final double DEFAULT_SPAN = 2.0 / 3.0;
    /** R's default number of robustness iterations. */
    public static final int DEFAULT_ITERATIONS = 3;
    /** Most positions at which the line is computed. */
    public static final int MAX_POINTS = 200;

    private Lowess() {
    }

    public static Curve smooth(double[] x, double[] y) {
        return smooth(x, y, DEFAULT_SPAN, DEFAULT_ITERATIONS);
    }

    /**
     * @param span       share of the observations in each local fit, in (0, 1]
     * @param iterations robustness iterations after the first fit (0 for none)
     */
    public static Curve smooth(double[] x, double[] y, double span, int iterations) {
        int n = x.length;
        if (n != y.length) {
            throw new IllegalArgumentException("x has " + n + " values but y has " + y.length);
        }
        if (n == 0) {
            return new Curve(new double[0], new double[0]);
        }
        int[] idx = IndexSort.order(x);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x[idx[i]];
            ys[i] = y[idx[i]];
        }
        int k = Math.max(2, Math.min(n, (int) Math.round(span * n)));
        int[] at = positions(xs);
        double[] robustness = new double[n];
        Arrays.fill(robustness, 1.0);
        double[] fit = new double[at.length];
        for (int iter = 0; iter <= iterations; iter++) {
            for (int j = 0; j < at.length; j++) {
                fit[j] = localFit(xs, ys, robustness, k, xs[at[j]]);
            }
            if (iter == iterations) {
                break;
            }
            double[] absRes = new double[n];
            for (int i = 0; i < n; i++) {
                absRes[i] = Math.abs(ys[i] - interpolate(xs, at, fit, xs[i]));
            }
            double[] sortedRes = absRes.clone();
            Arrays.sort(sortedRes);
            double median = n % 2 == 1 ? sortedRes[n / 2] : 0.5 * (sortedRes[n / 2 - 1] + sortedRes[n / 2]);
            double cut = 6 * median;
            if (cut <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                double r = absRes[i] / cut;
                robustness[i] = r < 1 ? (1 - r * r) * (1 - r * r) : 0.0;
            }
        }
        double[] cx = new double[at.length];
        for (int j = 0; j < at.length; j++) {
            cx[j] = xs[at[j]];
        }
        return new Curve(cx, fit);
    }

    /** Indices (into sorted x) of distinct values, at most MAX_POINTS of them, always the first and last. */
    private static int[] positions(double[] xs) {
        int n = xs.length;
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            if (xs[i] != xs[i - 1]) {
                distinct++;
            }
        }
        int[] firsts = new int[distinct];
        int d = 0;
        firsts[d++] = 0;
        for (int i = 1; i < n; i++) {
            if (xs[i] != xs[i - 1]) {
                firsts[d++] = i;
            }
        }
        if (distinct <= MAX_POINTS) {
            return firsts;
        }
        int[] chosen = new int[MAX_POINTS];
        for (int j = 0; j < MAX_POINTS; j++) {
            chosen[j] = firsts[(int) Math.round((double) j * (distinct - 1) / (MAX_POINTS - 1))];
        }
        return chosen;
    }

    /** The local line's value at x0 from the k observations nearest x0. */
    private static double localFit(double[] xs, double[] ys, double[] robustness, int k, double x0) {
        int n = xs.length;
        // The k nearest observations of sorted data form a window [lo, lo + k).
        int lo = lowerBound(xs, x0) - k / 2;
        lo = Math.max(0, Math.min(lo, n - k));
        while (lo > 0 && x0 - xs[lo - 1] < xs[lo + k - 1] - x0) {
            lo--;
        }
        while (lo + k < n && xs[lo + k] - x0 < x0 - xs[lo]) {
            lo++;
        }
        double h = Math.max(x0 - xs[lo], xs[lo + k - 1] - x0);
        double sw = 0;
        double sx = 0;
        double sy = 0;
        // Ties at the window's edge join it, as in R, so the result does not depend on their order.
        int from = lo;
        int to = lo + k;
        while (from > 0 && x0 - xs[from - 1] <= h) {
            from--;
        }
        while (to < n && xs[to] - x0 <= h) {
            to++;
        }
        double[] w = new double[to - from];
        for (int i = from; i < to; i++) {
            double u = h > 0 ? Math.abs(xs[i] - x0) / (h * 1.0000001) : 0.0;
            double t = u < 1 ? 1 - u * u * u : 0.0;
            double wi = t * t * t * robustness[i];
            w[i - from] = wi;
            sw += wi;
            sx += wi * xs[i];
            sy += wi * ys[i];
        }
        if (sw <= 0) {
            return ys[Math.min(n - 1, Math.max(0, lowerBound(xs, x0)))];
        }
        double mx = sx / sw;
        double my = sy / sw;
        double sxx = 0;
        double sxy = 0;
        for (int i = from; i < to; i++) {
            double dx = xs[i] - mx;
            sxx += w[i - from] * dx * dx;
            sxy += w[i - from] * dx * (ys[i] - my);
        }
        double range = xs[n - 1] - xs[0];
        // A (nearly) constant x in the window: the weighted mean, as R does.
        if (sxx <= 1e-14 * range * range * sw) {
            return my;
        }
        return my + sxy / sxx * (x0 - mx);
    }

    private static int lowerBound(double[] xs, double v) {
        int lo = 0;
        int hi = xs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double interpolate(double[] xs, int[] at, double[] fit, double v) {
        int m = at.length;
        if (m == 1 || v <= xs[at[0]]) {
            return fit[0];
        }
        if (v >= xs[at[m - 1]]) {
            return fit[m - 1];
        }
        int lo = 0;
        int hi = m - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xs[at[mid]] <= v) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double x0 = xs[at[lo]];
        double x1 = xs[at[hi]];
        return fit[lo] + (fit[hi] - fit[lo]) * (v - x0) / (x1 - x0);
    }
}
