package org.jmixed.inference.structured;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The parametric bootstrap of a model with prior weights and an offset simulates σ²/w noise around
 * Xβ + offset + Zb and refits with the weights: replicate for replicate (same seed) the bootstrap of
 * the same model written without weights (columns ys = (Reaction − off)·√w, sw = √w, ds = Days·√w,
 * written by tools/r/structured_inference_reference.R), whose deviance lacks only the constant
 * log|Λ| = −Σ log w.
 */
class WeightedBootstrapTest {
    private static final String WEIGHTED = "Reaction ~ Days + offset(off) + (Days | Subject)";
    private static final String EQUIVALENT = "ys ~ 0 + sw + ds + (0 + sw + ds | Subject)";

    @Test
    void replicatesAreThoseOfTheEquivalentUnweightedModel() {
        DataFrame data = StructuredFixtures.data("sleepstudy_weighted.csv");
        double jacobian = 0;
        for (int i = 0; i < data.nrows(); i++) {
            jacobian -= Math.log(data.column("w").numericValue(i));
        }
        FitOptions weighted = FitOptions.defaults().withBackend("java").withWeights("w");
        FitOptions plain = FitOptions.defaults().withBackend("java");
        for (boolean conditional : new boolean[] {false, true}) {
            BootstrapOptions boot = new BootstrapOptions(20, 7, 2, conditional);
            PreparedModel mw = LinearMixedModel.prepare(data, WEIGHTED);
            FitResult fw = LinearMixedModel.fit(mw, weighted);
            BootstrapResult rw = ParametricBootstrap.run(mw, fw, boot, weighted, null);
            PreparedModel mp = LinearMixedModel.prepare(data, EQUIVALENT);
            FitResult fp = LinearMixedModel.fit(mp, plain);
            BootstrapResult rp = ParametricBootstrap.run(mp, fp, boot, plain, null);
            assertEquals(rp.replicates(), rw.replicates());
            int objective = rw.names().size() - 1;
            assertEquals(fp.objective() + jacobian, fw.objective(), 1e-6);
            for (int i = 0; i < rw.replicates(); i++) {
                double[] a = rw.replicate(i);
                double[] b = rp.replicate(i);
                for (int j = 0; j < a.length; j++) {
                    double expected = j == objective ? b[j] + jacobian : b[j];
                    assertEquals(expected, a[j], 1e-5 * Math.max(1, Math.abs(expected)),
                            "conditional " + conditional + " replicate " + i + " " + rw.names().get(j));
                }
            }
            // reproducible per seed whatever the number of threads
            BootstrapResult again = ParametricBootstrap.run(mw, fw, new BootstrapOptions(20, 7, 1, conditional),
                    weighted, null);
            for (int i = 0; i < rw.replicates(); i++) {
                assertArrayEquals(rw.replicate(i), again.replicate(i));
            }
        }
    }

    @Test
    void bootstrapComparisonIsThatOfTheEquivalentModels() {
        DataFrame data = StructuredFixtures.data("sleepstudy_weighted.csv");
        BootstrapOptions boot = BootstrapOptions.of(20, 3);
        BootstrapComparison.Result w = BootstrapComparison.run(
                LinearMixedModel.prepare(data, "Reaction ~ Days + offset(off) + (1 | Subject)"),
                LinearMixedModel.prepare(data, WEIGHTED), boot,
                FitOptions.defaults().withBackend("java").withWeights("w"), null);
        BootstrapComparison.Result p = BootstrapComparison.run(
                LinearMixedModel.prepare(data, "ys ~ 0 + sw + ds + (0 + sw | Subject)"),
                LinearMixedModel.prepare(data, EQUIVALENT), boot, FitOptions.defaults().withBackend("java"), null);
        assertEquals(p.lrt(), w.lrt(), 1e-6);
        double[] a = w.reference();
        double[] b = p.reference();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-5 * Math.max(1, Math.abs(b[i])), "replicate " + i);
        }
        assertEquals(p.pValue(), w.pValue());
    }
}
