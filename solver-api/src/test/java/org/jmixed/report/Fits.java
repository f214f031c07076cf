package org.jmixed.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.model.FitResult;
import org.jmixed.model.FixedEffects;
import org.jmixed.model.RandomEffects;
import org.jmixed.model.VarianceComponent;

/** Hand-built fits with lme4 1.1-31's numbers (shared/reference), for the report tests. */
final class Fits {
    private Fits() {
    }

    /** Covariance matrix (column-major) from standard errors and a correlation matrix's lower triangle. */
    static double[] vcov(double[] se, double[][] corrLower) {
        int p = se.length;
        double[] v = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double r = i == j ? 1 : i > j ? corrLower[i][j] : corrLower[j][i];
                v[i + j * p] = r * se[i] * se[j];
            }
        }
        return v;
    }

    static FitResult.Builder sleepstudyReml() {
        double[] se = {6.82459669495491, 1.54578964390598};
        Map<String, Integer> ngroups = new LinkedHashMap<>();
        ngroups.put("Subject", 18);
        double[][] values = new double[18][2];
        double[][] condsd = new double[18][2];
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            levels.add(Integer.toString(300 + i));
            values[i] = new double[] {i - 9.0, 0.5 * i};
            condsd[i] = new double[] {12.0708569505143, 2.30483902090028};
        }
        double[] fitted = new double[180];
        double[] resid = new double[180];
        for (int i = 0; i < 180; i++) {
            fitted[i] = 250 + i;
            resid[i] = (i % 7) - 3;
        }
        return FitResult.builder()
                .formula("Reaction ~ Days + (Days | Subject)")
                .responseName("Reaction")
                .reml(true)
                .nobs(180)
                .ngroups(ngroups)
                .fixef(new FixedEffects(List.of("(Intercept)", "Days"),
                        new double[] {251.405104848485, 10.467285959596}, se,
                        vcov(se, new double[][] {{1}, {-0.1375, 1}})))
                .theta(new double[] {0.966741773967412, 0.0151690588960361, 0.230909953207795})
                .sigma(25.5917957216753)
                .varcorr(List.of(
                        new VarianceComponent("Subject", "(Intercept)", null, 612.100158024769, 24.7406579949841),
                        new VarianceComponent("Subject", "Days", null, 35.0717144509388, 5.92213765889808),
                        new VarianceComponent("Subject", "(Intercept)", "Days", 9.60440895115776, 0.0655512382381282),
                        new VarianceComponent("Residual", null, null, 654.940008259961, 25.5917957216753)))
                .objective(1743.62827195995)
                .df(6)
                .ranef(List.of(new RandomEffects("Subject", List.of("(Intercept)", "Days"), levels, values, condsd)))
                .fitted(fitted)
                .residuals(resid)
                .singular(false)
                .converged(true)
                .messages(List.of())
                .evaluations(57)
                .seconds(0.0123)
                .backend("java")
                .backendDetail("blocked Cholesky");
    }

    static FitResult.Builder sleepstudyMl() {
        double[] se = {6.63212274219029, 1.50223021383204};
        return sleepstudyReml()
                .reml(false)
                .fixef(new FixedEffects(List.of("(Intercept)", "Days"),
                        new double[] {251.405104848486, 10.4672859595958}, se,
                        vcov(se, new double[][] {{1}, {-0.1375, 1}})))
                .sigma(25.591907036487)
                .varcorr(List.of(
                        new VarianceComponent("Subject", "(Intercept)", null, 565.476966132419, 23.779759589458),
                        new VarianceComponent("Subject", "Days", null, 32.6817852488527, 5.71679851392829),
                        new VarianceComponent("Subject", "(Intercept)", "Days", 11.0551223919533, 0.0813210934266345),
                        new VarianceComponent("Residual", null, null, 654.945705764191, 25.591907036487)))
                .objective(1751.93934448899);
    }

    static FitResult.Builder orthodont() {
        double[] se = {1.22805185616033, 0.103696606768392, 1.59528615689927, 0.134705843621514};
        return sleepstudyReml()
                .formula("distance ~ age * Sex + (age | Subject)")
                .nobs(108)
                .ngroups(Map.of("Subject", 27))
                .fixef(new FixedEffects(List.of("(Intercept)", "age", "SexMale", "age:SexMale"),
                        new double[] {17.3727272727259, 0.479545454545581, -1.03210227272549, 0.304829545454382}, se,
                        vcov(se, new double[][] {{1}, {-0.880, 1}, {-0.770, 0.678, 1}, {0.678, -0.770, -0.880, 1}})))
                .sigma(1.31020037329968)
                .varcorr(List.of(
                        new VarianceComponent("Subject", "(Intercept)", null, 5.77448736098359, 2.40301630476857),
                        new VarianceComponent("Subject", "age", null, 0.0324515978983502, 0.180143270477557),
                        new VarianceComponent("Subject", "(Intercept)", "age", -0.288696235389929, -0.666908664931844),
                        new VarianceComponent("Residual", null, null, 1.71662501819463, 1.31020037329968)))
                .objective(432.581667064601)
                .df(8);
    }

    static FitResult.Builder dyestuff2Singular() {
        return FitResult.builder()
                .formula("Yield ~ 1 + (1 | Batch)")
                .responseName("Yield")
                .reml(true)
                .nobs(30)
                .ngroups(Map.of("Batch", 6))
                .fixef(new FixedEffects(List.of("(Intercept)"), new double[] {5.6656},
                        new double[] {0.678388031232524}, new double[] {0.678388031232524 * 0.678388031232524}))
                .theta(new double[] {0})
                .sigma(3.71568427447573)
                .varcorr(List.of(
                        new VarianceComponent("Batch", "(Intercept)", null, 0, 0),
                        new VarianceComponent("Residual", null, null, 13.8063096275862, 3.71568427447573)))
                .objective(161.828277812288)
                .df(3)
                .ranef(List.of(new RandomEffects("Batch", List.of("(Intercept)"), List.of("A", "B"),
                        new double[][] {{0}, {0}}, new double[][] {{0}, {0}})))
                .fitted(new double[] {5.6656, 5.6656})
                .residuals(new double[] {1.6324, -1.8196})
                .singular(true)
                .evaluations(12)
                .seconds(0.002)
                .backend("java")
                .backendDetail("");
    }

    /** y ~ x with no random-effects terms: only the residual variance. */
    static FitResult.Builder linearModel() {
        double[] se = {0.5, 0.1};
        return FitResult.builder()
                .formula("y ~ x")
                .responseName("y")
                .reml(true)
                .nobs(20)
                .fixef(new FixedEffects(List.of("(Intercept)", "x"), new double[] {1.5, 2.25}, se,
                        vcov(se, new double[][] {{1}, {-0.5, 1}})))
                .sigma(0.8)
                .varcorr(List.of(new VarianceComponent("Residual", null, null, 0.64, 0.8)))
                .objective(50.25)
                .df(3)
                .fitted(new double[] {1, 2, 3, 4})
                .residuals(new double[] {0.1, -0.2, 0.3, -0.4})
                .evaluations(0)
                .seconds(0)
                .backend("java");
    }
}
