package org.jmixed.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.Test;

/** Model-level behaviour beyond the reference fits: linear models, aliasing, non-convergence. */
class ModelFeaturesTest {

    /** Without random terms the fit is ordinary least squares, with REML's σ̂² = RSS/(n − p). */
    @Test
    void formulaWithoutRandomTermsIsOrdinaryLeastSquares() {
        Random rnd = new Random(11);
        int n = 60;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
            y[i] = 1.5 - 2.0 * x[i] + 0.7 * rnd.nextGaussian();
        }
        DataFrame df = DataFrame.builder().numeric("y", y).numeric("x", x).build();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - intercept - slope * x[i];
            rss += r * r;
        }
        FitResult reml = LinearMixedModel.fit(df, "y ~ x", FitOptions.defaults());
        assertEquals(intercept, reml.fixef().estimate(0), 1e-10);
        assertEquals(slope, reml.fixef().estimate(1), 1e-10);
        assertEquals(Math.sqrt(rss / (n - 2)), reml.sigma(), 1e-10);
        double seSlope = Math.sqrt(rss / (n - 2) / (sxx - sx * sx / n));
        assertEquals(seSlope, reml.fixef().stdError(1), 1e-10);
        assertEquals(0, reml.theta().length);
        assertEquals(1, reml.varcorr().size());
        assertEquals(3, reml.df());

        FitResult ml = LinearMixedModel.fit(df, "y ~ x", FitOptions.defaults().withReml(false));
        double deviance = n * (1 + Math.log(2 * Math.PI * rss / n));
        assertEquals(deviance, ml.objective(), 1e-9 * deviance);
        assertEquals(Math.sqrt(rss / n), ml.sigma(), 1e-10);
    }

    @Test
    void aliasedColumnsAreDroppedAndReported() {
        Random rnd = new Random(5);
        int n = 80;
        double[] y = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = 2 * a[i] + 1;
            g[i] = "g" + (i % 8);
            y[i] = a[i] + (i % 8) * 0.3 + rnd.nextGaussian();
        }
        DataFrame df = DataFrame.builder().numeric("y", y).numeric("a", a).numeric("b", b).categorical("g", g)
                .build();
        FitResult fit = LinearMixedModel.fit(df, "y ~ a + b + (1 | g)", FitOptions.defaults());
        assertEquals(List.of("(Intercept)", "a"), fit.fixef().names());
        assertEquals(List.of("b"), fit.droppedColumns());
        assertTrue(fit.messages().stream().anyMatch(m -> m.contains("rank deficient") && m.contains("b")),
                fit.messages().toString());
    }

    @Test
    void evaluationLimitIsReportedAsNotConverged() {
        DataFrame df = CsvReader.read(References.data("sleepstudy.csv"));
        FitResult fit = LinearMixedModel.fit(df, "Reaction ~ Days + (Days | Subject)",
                FitOptions.defaults().withMaxEvaluations(8));
        assertFalse(fit.converged());
        assertTrue(fit.messages().stream().anyMatch(m -> m.contains("evaluation limit")), fit.messages().toString());
    }

    @Test
    void singularFitIsSaidSo() {
        DataFrame df = CsvReader.read(References.data("Dyestuff2.csv"));
        FitResult fit = LinearMixedModel.fit(df, "Yield ~ 1 + (1 | Batch)", FitOptions.defaults());
        assertTrue(fit.singular());
        assertEquals(0.0, fit.theta()[0]);
        assertTrue(fit.messages().stream().anyMatch(m -> m.contains("singular")), fit.messages().toString());
    }
}
