package org.jmixed.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference fit, with the blocked evaluator, once by BOBYQA and once by the gradient-based
 * optimizer ({@code -Djmixed.optimizer}): the gradient's optimum is the same or lower (objective
 * within 1e-8 relative), it is reported converged, and it reaches lme4's objective (1e-6
 * relative, or lower). Prints evaluations and seconds of both, the figures of the README.
 */
class GradientOptimizerFitTest {
    static final double SAME_OPTIMUM = 1e-8;
    static final double LME4_OBJECTIVE = 1e-6;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jmixed.cpu.Lme4ReferenceTest#references")
    void gradientReachesTheSameOptimumOrLower(String id) {
        JsonNode ref = References.reference(id);
        DataFrame data = CsvReader.read(References.data(ref.get("dataset").asText()));
        PreparedModel model = LinearMixedModel.prepare(data, ref.get("formula").asText());
        FitOptions options = FitOptions.defaults().withReml(ref.get("reml").asBoolean()).withBackend("java");
        String savedFactorization = System.getProperty("jmixed.cpu.factorization");
        System.setProperty("jmixed.cpu.factorization", "blocked");
        try {
            FitResult bobyqa = fitWith("bobyqa", model, options);
            FitResult gradient = fitWith("gradient", model, options);
            System.out.printf("%-20s bobyqa %4d evaluations %8.3f s %.12g | gradient %4d evaluations %8.3f s %.12g%n", id,
                    bobyqa.evaluations(), bobyqa.seconds(), bobyqa.objective(), gradient.evaluations(),
                    gradient.seconds(), gradient.objective());
            double b = bobyqa.objective();
            assertTrue(gradient.objective() <= b + SAME_OPTIMUM * Math.abs(b),
                    id + ": gradient " + gradient.objective() + " vs BOBYQA " + b);
            assertTrue(gradient.converged(), id + ": " + gradient.messages());
            double lme4 = ref.get("objective").asDouble();
            assertTrue(gradient.objective() <= lme4 + LME4_OBJECTIVE * Math.abs(lme4),
                    id + ": gradient " + gradient.objective() + " vs lme4 " + lme4);
            assertTrue(gradient.singular() == bobyqa.singular(), id + ": singular fit reported differently");
        } finally {
            restore("jmixed.cpu.factorization", savedFactorization);
        }
    }

    static FitResult fitWith(String optimizer, PreparedModel model, FitOptions options) {
        String saved = System.getProperty("jmixed.optimizer");
        System.setProperty("jmixed.optimizer", optimizer);
        try {
            return LinearMixedModel.fit(model, options);
        } finally {
            restore("jmixed.optimizer", saved);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
