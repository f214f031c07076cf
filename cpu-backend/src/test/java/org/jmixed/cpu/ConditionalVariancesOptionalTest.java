package org.jmixed.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.RandomEffects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Skipping the conditional variances (what the CLI's text summary does) changes nothing else: the
 * same θ, β, objective, random effects and fitted values, bit for bit, on every backend path the
 * reference models take (blocked scalar and vector terms, nested, crossed); condSd are NaN then.
 */
class ConditionalVariancesOptionalTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "sleepstudy.csv; Reaction ~ Days + (Days | Subject)",
            "Pastes.csv; strength ~ 1 + (1 | batch/cask)",
            "Penicillin.csv; diameter ~ 1 + (1 | plate) + (1 | sample)",
            "InstEval.csv; y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)"})
    void sameFitWithoutConditionalVariances(String file, String formula) {
        DataFrame data = CsvReader.read(SharedData.data(file));
        FitResult with = LinearMixedModel.fit(data, formula, FitOptions.defaults());
        FitResult without = LinearMixedModel.fit(data, formula, FitOptions.defaults(), false);
        assertArrayEquals(with.theta(), without.theta(), 0.0);
        assertEquals(with.objective(), without.objective(), 0.0);
        assertEquals(with.sigma(), without.sigma(), 0.0);
        assertArrayEquals(with.fixef().estimate(), without.fixef().estimate(), 0.0);
        assertArrayEquals(with.fitted(), without.fitted(), 0.0);
        assertEquals(with.ranef().size(), without.ranef().size());
        for (int g = 0; g < with.ranef().size(); g++) {
            RandomEffects a = with.ranef().get(g);
            RandomEffects b = without.ranef().get(g);
            for (int l = 0; l < a.levels().size(); l++) {
                assertArrayEquals(a.values()[l], b.values()[l], 0.0);
                for (int t = 0; t < a.terms().size(); t++) {
                    assertTrue(Double.isFinite(a.condSd(l, t)) && a.condSd(l, t) >= 0, "condSd with");
                    assertTrue(Double.isNaN(b.condSd(l, t)), "condSd without");
                }
            }
        }
    }

    @Test
    void theDefaultStillComputesThem() {
        DataFrame data = CsvReader.read(SharedData.data("sleepstudy.csv"));
        FitResult fit = LinearMixedModel.fit(data, "Reaction ~ Days + (Days | Subject)", FitOptions.defaults());
        assertTrue(fit.ranef().get(0).condSd(0, 0) > 0);
    }
}
