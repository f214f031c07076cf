package org.jmixed.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.compare.HeaderTests;
import org.jmixed.inference.ddf.DdfAnalysis;
import org.jmixed.inference.ddf.DdfMethod;
import org.jmixed.inference.predict.PredictionModel;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.Test;

/**
 * Methods that drive a backend with θ directly refuse models whose θ or residuals mean something
 * else (weights, residual structures, idn()/cs() terms) in one line instead of answering wrongly.
 */
class PlainModelGuardTest {
    private static final String SLOPES = "Reaction ~ Days + (Days | Subject)";

    private static DataFrame sleepstudy() {
        return CsvReader.read(SharedData.data("sleepstudy.csv"));
    }

    @Test
    void ddfRefusesWeightsAndStructuredTerms() {
        DataFrame data = sleepstudy();
        JmixedException w = assertThrows(JmixedException.class, () -> DdfAnalysis.fit(data, SLOPES,
                DdfMethod.SATTERTHWAITE, FitOptions.defaults().withWeights("Reaction")));
        assertEquals("denominator df (--ddf): not available with --weights yet (fit and compare handle them)", w.getMessage());
        JmixedException cs = assertThrows(JmixedException.class, () -> DdfAnalysis.fit(data,
                "Reaction ~ Days + cs(Days | Subject)", DdfMethod.KENWARD_ROGER, FitOptions.defaults()));
        assertEquals("denominator df (--ddf): not available with cs(... | Subject) yet (fit and compare handle"
                + " them)", cs.getMessage());
    }

    @Test
    void predictionRefusesOffsetsAndHeaderTestsRefuseResidualStructures() {
        DataFrame data = sleepstudy();
        FitResult withOffset = LinearMixedModel.fit(data, "Reaction ~ Days + offset(Days) + (1 | Subject)",
                FitOptions.defaults());
        JmixedException o = assertThrows(JmixedException.class, () -> PredictionModel.of(data, withOffset));
        assertEquals("prediction: not available with offset() yet (fit and compare handle them)",
                o.getMessage());
        FitOptions ar1 = FitOptions.defaults().withResidual("ar1(Days | Subject)");
        FitResult structured = LinearMixedModel.fit(data, "Reaction ~ Days + (1 | Subject)", ar1);
        JmixedException r = assertThrows(JmixedException.class, () -> HeaderTests.of(data, structured, ar1));
        assertEquals("the header tests (--lrtest): not available with --residual yet (fit and compare handle"
                + " them)", r.getMessage());
    }
}
