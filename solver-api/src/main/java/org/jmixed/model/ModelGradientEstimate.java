package org.jmixed.model;

/**
 * The gradient and curvature of the objective at θ read from BOBYQA's final quadratic model
 * ({@link Bobyqa.Model}) instead of finite differences, with a bound on the gradient's error.
 *
 * <p>The bound. Write y_k = p_k − θ for the interpolation points p_k, g and H for the true gradient
 * and Hessian at θ, g_Q and H_Q for the model's, E = H − H_Q. Because Q interpolates f at every
 * p_k, Taylor's theorem gives for each point
 * <pre>
 *   (g − g_Q)'y_k = (Q(θ) − f(θ)) − ½ y_k'E y_k − R_k,   |R_k| ≤ M₃ ‖y_k‖³ / 6,
 * </pre>
 * a consistent linear system Y (g − g_Q) = b (Y has the y_k as rows). Hence
 * ‖g − g_Q‖ ≤ ‖Y⁺‖ ‖b‖ ≤ ‖b‖ / σ_min(Y), with
 * |b_k| ≤ |Q(θ) − f(θ)| + ½ ‖E‖ ‖y_k‖² + M₃ ‖y_k‖³ / 6. Neither ‖E‖ nor M₃ is known; we assume
 * ‖E‖ ≤ {@link #HESSIAN_ERROR_SHARE} · ‖H_Q‖_F (the model's Hessian may be wrong by as much as
 * itself) and neglect M₃ by only using models whose points all lie within
 * {@link #MAX_RADIUS} (relative to max(1, |θ|∞)) of θ, where the cubic term is at most
 * that radius times the quadratic one for third derivatives of the Hessian's size. σ_min(Y) is
 * bounded below through ‖(Y'Y)⁻¹‖₂ ≤ ‖(Y'Y)⁻¹‖_F, so the bound is never too small for a given ‖E‖.
 * Badly placed points (σ_min near 0, a bound component with no point off the bound) give an
 * infinite bound: those components fall back to finite differences. The assumptions are checked
 * against finite differences on the reference fits and simulated ones (ModelConvergenceCheckTest).
 */
final class ModelGradientEstimate {
    /** Assumed bound on the model Hessian's error, relative to its Frobenius norm. */
    static final double HESSIAN_ERROR_SHARE = 1.0;
    /** The largest distance of an interpolation point from θ, relative to max(1, |θ|∞). */
    static final double MAX_RADIUS = 1e-3;

    /** Gradient of the model at θ. */
    final double[] gradient;
    /** Diagonal of the model's Hessian. */
    final double[] curvature;
    /** Bound on ‖g − g_Q‖₂ (infinite when the model cannot be trusted at θ). */
    final double errorBound;

    private ModelGradientEstimate(double[] gradient, double[] curvature, double errorBound) {
        this.gradient = gradient;
        this.curvature = curvature;
        this.errorBound = errorBound;
    }

    /**
     * The analytic gradient at θ ({@link ProfiledGradient}), exact to rounding (error bound 0; its
     * agreement with finite differences is tested), with the curvature of the model when there is
     * one (else NaN: only the absolute gradient can then settle a component).
     */
    static ModelGradientEstimate analytic(double[] gradient, Bobyqa.Model model) {
        int n = gradient.length;
        double[] curvature = new double[n];
        for (int i = 0; i < n; i++) {
            curvature[i] = model == null ? Double.NaN : model.hessian()[i + n * i];
        }
        return new ModelGradientEstimate(gradient.clone(), curvature, 0.0);
    }

    /** The estimate at θ, where f(θ) = value, from model. */
    static ModelGradientEstimate at(Bobyqa.Model model, double[] theta, double value) {
        int n = theta.length;
        double[] c = model.center();
        double[] h = model.hessian();
        double[] s = new double[n];
        for (int j = 0; j < n; j++) {
            s[j] = theta[j] - c[j];
        }
        double[] gradient = new double[n];
        double[] curvature = new double[n];
        double qTheta = model.centerValue();
        double hNorm = 0;
        for (int i = 0; i < n; i++) {
            double hs = 0;
            for (int j = 0; j < n; j++) {
                hs += h[i + n * j] * s[j];
                hNorm += h[i + n * j] * h[i + n * j];
            }
            gradient[i] = model.gradient()[i] + hs;
            curvature[i] = h[i + n * i];
            qTheta += s[i] * (model.gradient()[i] + 0.5 * hs);
        }
        hNorm = Math.sqrt(hNorm);
        return new ModelGradientEstimate(gradient, curvature,
                errorBound(model.points(), theta, Math.abs(value - qTheta), HESSIAN_ERROR_SHARE * hNorm));
    }

    /** ‖b‖ / σ_min(Y) as in the class comment; infinite if the points are too far or degenerate. */
    private static double errorBound(double[] points, double[] theta, double constantError, double hessianError) {
        int n = theta.length;
        int npt = points.length / n;
        double scale = 1.0;
        for (double t : theta) {
            scale = Math.max(scale, Math.abs(t));
        }
        double maxRadius = MAX_RADIUS * scale;
        double[] yty = new double[n * n];
        double bSquared = 0;
        for (int k = 0; k < npt; k++) {
            double r2 = 0;
            for (int j = 0; j < n; j++) {
                double y = points[k + npt * j] - theta[j];
                r2 += y * y;
            }
            if (!(Math.sqrt(r2) <= maxRadius)) {
                return Double.POSITIVE_INFINITY;
            }
            double b = constantError + 0.5 * hessianError * r2;
            bSquared += b * b;
            for (int i = 0; i < n; i++) {
                double yi = points[k + npt * i] - theta[i];
                for (int j = 0; j < n; j++) {
                    yty[i + n * j] += yi * (points[k + npt * j] - theta[j]);
                }
            }
        }
        double inverseNorm = inverseFrobeniusNorm(yty, n);
        return Math.sqrt(bSquared) * Math.sqrt(inverseNorm);
    }

    /** ‖A⁻¹‖_F of a symmetric positive definite n × n matrix; infinite when it is not safely so. */
    static double inverseFrobeniusNorm(double[] a, int n) {
        double[] l = a.clone();
        if (!SmallCholesky.factor(l, n)) {
            return Double.POSITIVE_INFINITY;
        }
        double sum = 0;
        double[] col = new double[n];
        for (int c = 0; c < n; c++) {
            java.util.Arrays.fill(col, 0.0);
            col[c] = 1.0;
            SmallCholesky.solve(l, n, col);
            for (double v : col) {
                sum += v * v;
            }
        }
        return Double.isFinite(sum) ? Math.sqrt(sum) : Double.POSITIVE_INFINITY;
    }
}
