package org.jmixed.inference.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.Test;

/**
 * Prediction intervals: the variance's parts against direct computations, and coverage of fresh
 * observations on simulated data (a known group and a new group) within Monte-Carlo error.
 */
class PredictionIntervalsTest {
    private static final FitOptions JAVA = FitOptions.defaults().withBackend("java");
    private static final String FORMULA = "y ~ x + (x | g)";
    private static final int GROUPS = 30;
    private static final int PER_GROUP = 8;

    /** y = 2 + 0.5 x + b0 + b1 x + e, sd(b0) = 1, sd(b1) = 0.3, cor 0.3, sd(e) = 1; b per group. */
    private static double[][] effects(SplittableRandom rng) {
        double[][] b = new double[GROUPS][2];
        for (int j = 0; j < GROUPS; j++) {
            double u = rng.nextGaussian();
            double v = rng.nextGaussian();
            b[j][0] = u;
            b[j][1] = 0.3 * (0.3 * u + Math.sqrt(1 - 0.09) * v);
        }
        return b;
    }

    private static double response(double x, double[] b, SplittableRandom rng) {
        return 2 + 0.5 * x + b[0] + b[1] * x + rng.nextGaussian();
    }

    private static DataFrame training(double[][] b, SplittableRandom rng) {
        StringBuilder csv = new StringBuilder("y,x,g\n");
        for (int j = 0; j < GROUPS; j++) {
            for (int i = 0; i < PER_GROUP; i++) {
                double x = rng.nextDouble() * 4;
                csv.append(response(x, b[j], rng)).append(',').append(x).append(",g").append(j).append('\n');
            }
        }
        return CsvReader.parse(csv.toString(), "simulated.csv");
    }

    @Test
    void freshObservationsFallInsideAtTheNominalRate() {
        SplittableRandom rng = new SplittableRandom(2024);
        int datasets = 150;
        int perSet = 12;
        int knownInside = 0;
        int newInside = 0;
        int total = 0;
        for (int s = 0; s < datasets; s++) {
            double[][] b = effects(rng);
            DataFrame train = training(b, rng);
            FitResult fit = LinearMixedModel.fit(train, FORMULA, JAVA);
            PredictionModel model = PredictionModel.of(train, fit);
            // Half the new rows in known groups (their true effects), half in new groups "h...".
            StringBuilder csv = new StringBuilder("x,g\n");
            double[] truth = new double[2 * perSet];
            for (int i = 0; i < perSet; i++) {
                double x = rng.nextDouble() * 4;
                int j = rng.nextInt(GROUPS);
                csv.append(x).append(",g").append(j).append('\n');
                truth[i] = response(x, b[j], rng);
            }
            double[][] fresh = effects(rng);
            for (int i = 0; i < perSet; i++) {
                double x = rng.nextDouble() * 4;
                csv.append(x).append(",h").append(i).append('\n');
                truth[perSet + i] = response(x, fresh[i], rng);
            }
            PredictionIntervals pi = PredictionIntervals.compute(model, fit, CsvReader.parse(csv.toString(), "new.csv"),
                    false, 0.95);
            for (int i = 0; i < 2 * perSet; i++) {
                boolean in = truth[i] >= pi.lower()[i] && truth[i] <= pi.upper()[i];
                if (i < perSet) {
                    knownInside += in ? 1 : 0;
                } else {
                    newInside += in ? 1 : 0;
                }
            }
            total += perSet;
        }
        double known = (double) knownInside / total;
        double fresh = (double) newInside / total;
        // 1,800 rows each: Monte-Carlo SE 0.005 (more with the rows of a data set correlated).
        // New groups: nominal (θ̂ taken as known costs a little with 30 groups). Known groups:
        // conservative, as merTools' predictInterval, because V(β̂) is added to the BLUPs'
        // conditional variance (given β) without their negative covariance (0.971 here).
        assertEquals(0.95, fresh, 0.02, "new groups: " + fresh);
        assertTrue(known >= 0.94 && known <= 0.985, "known groups: " + known);
    }

    @Test
    void varianceIsTheSumOfItsParts() {
        DataFrame train = CsvReader.read(SharedData.data("sleepstudy.csv"));
        FitResult fit = LinearMixedModel.fit(train, "Reaction ~ Days + (Days | Subject)", JAVA);
        PredictionModel model = PredictionModel.of(train, fit);
        DataFrame newdata = CsvReader.parse("Days,Subject\n3,308\n3,999\n", "new.csv");
        PredictionIntervals pi = PredictionIntervals.compute(model, fit, newdata, false, 0.9);
        double[] v = fit.fixef().vcov();
        double sigma2 = fit.sigma() * fit.sigma();
        // x = (1, 3): x' V x.
        double fixed = v[0] + 2 * 3 * v[1] + 9 * v[3];
        int l = fit.ranef().get(0).levels().indexOf("308");
        double c0 = fit.ranef().get(0).condSd(l, 0);
        double c1 = fit.ranef().get(0).condSd(l, 1);
        double known = sigma2 + fixed + c0 * c0 + 9 * c1 * c1;
        assertEquals(Math.sqrt(known), pi.sd()[0], 1e-9 * Math.sqrt(known));
        double s0 = 0;
        double s1 = 0;
        double cov = 0;
        for (var vc : fit.varcorr()) {
            if ("Subject".equals(vc.group()) && vc.var2() == null && "(Intercept)".equals(vc.var1())) {
                s0 = vc.vcov();
            } else if ("Subject".equals(vc.group()) && vc.var2() == null) {
                s1 = vc.vcov();
            } else if ("Subject".equals(vc.group())) {
                cov = vc.vcov();
            }
        }
        double unseen = sigma2 + fixed + s0 + 2 * 3 * cov + 9 * s1;
        assertEquals(Math.sqrt(unseen), pi.sd()[1], 1e-9 * Math.sqrt(unseen));
        double z = 1.6448536269514722;
        assertEquals(pi.fit()[0] - z * pi.sd()[0], pi.lower()[0], 1e-9);
        assertEquals(pi.fit()[1] + z * pi.sd()[1], pi.upper()[1], 1e-9);
        assertEquals(model.predict(newdata, false).value(0), pi.fit()[0], 0);
        // Population level: every row as in a new group.
        PredictionIntervals pop = PredictionIntervals.compute(model, fit, newdata, true, 0.9);
        assertEquals(Math.sqrt(unseen), pop.sd()[0], 1e-9 * Math.sqrt(unseen));
        assertTrue(pop.sd()[0] > pi.sd()[0], "a known subject narrows the interval");
        assertThrows(IllegalArgumentException.class, () -> PredictionIntervals.compute(model, fit, newdata, false, 1.5));
    }
}
