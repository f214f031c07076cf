package org.jmixed.cholmod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.Test;

/**
 * Residual structures reach the backends as ordinary whitened problems and structured
 * random-effect covariances as ordinary θ: CHOLMOD and the pure-Java backend give the same fit.
 */
class StructuredCholmodTest {
    private static void same(DataFrame d, String formula, FitOptions o) {
        FitResult java = LinearMixedModel.fit(d, formula, o.withBackend("java"));
        FitResult cholmod = LinearMixedModel.fit(d, formula, o.withBackend("cholmod"));
        assertEquals("cholmod", cholmod.backend());
        assertEquals(java.objective(), cholmod.objective(), 1e-8 * Math.abs(java.objective()), formula);
        double[] a = java.fixef().estimate();
        double[] b = cholmod.fixef().estimate();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5 * Math.max(1, Math.abs(a[i])), formula + " beta " + i);
        }
        if (java.residualStructure() != null) {
            double[] ra = java.residualStructure().values();
            double[] rb = cholmod.residualStructure().values();
            for (int i = 0; i < ra.length; i++) {
                assertEquals(ra[i], rb[i], 1e-5, formula + " residual parameter " + i);
            }
        }
    }

    @Test
    void residualStructuresAndStructuredTermsAgree() {
        DataFrame orthodont = CsvReader.read(SharedData.data("Orthodont.csv"));
        FitOptions ml = FitOptions.defaults().withReml(false);
        same(orthodont, "distance ~ age * Sex + (1 | Subject)", ml.withResidual("ar1(age | Subject)"));
        same(orthodont, "distance ~ age + (age | Subject)", ml.withResidual("diag(Sex)"));
        same(orthodont, "distance ~ age + cs(age | Subject)", FitOptions.defaults());
        DataFrame sleep = CsvReader.read(SharedData.data("sleepstudy.csv"));
        same(sleep, "Reaction ~ Days + idn(Days | Subject)", FitOptions.defaults().withResidual("car1(Days | Subject)"));
    }
}
