package org.jmixed.inference.structured;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmixed.covariance.ResidualSpec;
import org.jmixed.covariance.ResidualStructure;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.bootstrap.BootstrapComparison;
import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.inference.bootstrap.BootstrapResult;
import org.jmixed.inference.bootstrap.ParametricBootstrap;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap of models with parameters besides θ (a residual structure, idn()/cs() terms):
 * simulated with the structure, refitted in full.
 */
class StructuredBootstrapTest {
    private static final FitOptions WEIGHTED = FitOptions.defaults().withBackend("java").withWeights("w");

    /**
     * idn(1 | g) is (1 | g) written otherwise: the full refits of the structured path give, replicate
     * for replicate (same draws), the θ-only refits of the ordinary path, to the optimizers' tolerance.
     */
    @Test
    void identityTermReplicatesAreThoseOfTheUnstructuredTerm() {
        DataFrame data = StructuredFixtures.data("sleepstudy_weighted.csv");
        BootstrapOptions boot = new BootstrapOptions(15, 11, 2, false);
        BootstrapResult plain = bootstrap(data, "Reaction ~ Days + offset(off) + (1 | Subject)", boot);
        BootstrapResult idn = bootstrap(data, "Reaction ~ Days + offset(off) + idn(1 | Subject)", boot);
        assertEquals(plain.names(), idn.names());
        for (int i = 0; i < boot.replicates(); i++) {
            double[] a = plain.replicate(i);
            double[] b = idn.replicate(i);
            for (int j = 0; j < a.length; j++) {
                assertEquals(a[j], b[j], 2e-4 * Math.max(1, Math.abs(a[j])),
                        "replicate " + i + " " + plain.names().get(j));
            }
        }
        BootstrapOptions cmp = BootstrapOptions.of(10, 5);
        PreparedModel lm = LinearMixedModel.prepare(data, "Reaction ~ Days + offset(off)");
        BootstrapComparison.Result p = BootstrapComparison.run(lm,
                LinearMixedModel.prepare(data, "Reaction ~ Days + offset(off) + (1 | Subject)"), cmp, WEIGHTED, null);
        BootstrapComparison.Result s = BootstrapComparison.run(lm,
                LinearMixedModel.prepare(data, "Reaction ~ Days + offset(off) + idn(1 | Subject)"), cmp, WEIGHTED, null);
        assertEquals(p.lrt(), s.lrt(), 1e-6 * p.lrt());
        for (int i = 0; i < 10; i++) {
            assertEquals(p.reference()[i], s.reference()[i], 1e-3 * Math.max(1, p.reference()[i]), "LRT* " + i);
        }
    }

    private static BootstrapResult bootstrap(DataFrame data, String formula, BootstrapOptions boot) {
        PreparedModel m = LinearMixedModel.prepare(data, formula);
        FitResult fit = LinearMixedModel.fit(m, WEIGHTED);
        return ParametricBootstrap.run(m, fit, boot, WEIGHTED, null);
    }

    /** The shaped noise has covariance Λ: L L' is each block of the structure, weights folded in. */
    @Test
    void noiseShapeIsTheCholeskyFactorOfTheResidualBlocks() {
        DataFrame data = StructuredFixtures.data("sleepstudy_weighted.csv");
        FitOptions o = WEIGHTED.withResidual("ar1(Days | Subject)");
        FitResult fit = LinearMixedModel.fit(data, "Reaction ~ Days + (1 | Subject)", o);
        ResidualNoiseShape shape = ResidualNoiseShape.of(fit);
        ResidualStructure s = ResidualSpec.parse("ar1(Days | Subject)").bind(data, fit.frame().rows());
        double[] r = fit.residualStructure().optimized();
        int n = fit.nobs();
        int[] rows = s.groups()[3];
        int m = rows.length;
        double[][] l = new double[m][];
        for (int c = 0; c < m; c++) {
            double[] e = new double[n];
            e[rows[c]] = 1.0;
            shape.shape(e);
            l[c] = e;
        }
        double[] lam = new double[m * m];
        s.covariance(r, 3, lam);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double llt = 0;
                for (int c = 0; c < m; c++) {
                    llt += l[c][rows[i]] * l[c][rows[j]];
                }
                double wi = data.column("w").numericValue(rows[i]);
                double wj = data.column("w").numericValue(rows[j]);
                assertEquals(lam[i + j * m] / Math.sqrt(wi * wj), llt, 1e-12, i + "," + j);
            }
        }
        assertTrue(Math.abs(lam[1]) > 0.01, "a correlated block");
    }

    @Test
    void residualStructureBootstrapIsReproducibleAndRecordsTheStructure() {
        DataFrame data = StructuredFixtures.data("Orthodont.csv");
        FitOptions o = FitOptions.defaults().withBackend("java").withResidual("cs(Subject)");
        PreparedModel m = LinearMixedModel.prepare(data, "distance ~ age * Sex");
        FitResult fit = LinearMixedModel.fit(m, o);
        BootstrapResult two = ParametricBootstrap.run(m, fit, new BootstrapOptions(40, 2, 2, false), o, null);
        BootstrapResult one = ParametricBootstrap.run(m, fit, new BootstrapOptions(40, 2, 1, false), o, null);
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(two.replicate(i), one.replicate(i));
        }
        int rho = two.indexOf("residual.correlation");
        assertEquals(fit.residualStructure().values()[0], two.original()[rho], 0.0);
        assertEquals(0, two.failed());
        // the simulated correlation is the fitted one: the replicates' mean within 4 standard errors
        double se = two.standardError(rho) / Math.sqrt(40);
        assertEquals(two.original()[rho], two.mean(rho), 4 * se + 0.02);
    }
}
