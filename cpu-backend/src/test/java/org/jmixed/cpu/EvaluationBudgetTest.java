package org.jmixed.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.model.FitResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The number of objective evaluations per fit (each a Cholesky refactorization, seconds on large
 * crossed designs) must not creep up unnoticed: every lme4 reference fit stays within 10% of the
 * count measured when this test was written, and still reaches lme4's optimum. Counts are
 * deterministic (same data, same arithmetic, same path through the optimizer).
 */
class EvaluationBudgetTest {
    /**
     * Evaluations per reference fit with the joint moments start for scalar terms, the first trust
     * region at 0.1 of the start, BOBYQA's settled stop and its end by the analytic gradient
     * (issue 14). Before: InstEval 41, then 28 before the gradient's end; InstEval ML 46, then 34;
     * Pastes 35, Penicillin 47, sleepstudy (Days || Subject) 46, then 33; the others unchanged.
     */
    static final Map<String, Integer> MEASURED = Map.ofEntries(
            Map.entry("cake_numeric_temp", 7),
            Map.entry("dyestuff2_singular", 6),
            Map.entry("dyestuff_ml", 6),
            Map.entry("dyestuff_reml", 8),
            Map.entry("insteval_crossed", 24),
            Map.entry("insteval_ml", 29),
            Map.entry("orthodont_slopes", 19),
            Map.entry("pastes_nested", 15),
            Map.entry("penicillin_crossed", 20),
            Map.entry("pulp_ml", 6),
            Map.entry("pulp_reml", 9),
            Map.entry("sleepstudy_ml", 14),
            Map.entry("sleepstudy_reml", 14),
            Map.entry("sleepstudy_uncorr", 28));
    /** Growth allowed before the test fails. */
    static final double ALLOWED_GROWTH = 0.10;
    /** The optimum must not move: objective within this of lme4's (relative), or below it. */
    static final double OBJECTIVE_TOLERANCE = 1e-7;

    static Stream<String> references() {
        return MEASURED.keySet().stream().sorted();
    }

    @Test
    void everyReferenceFitHasABudget() throws Exception {
        assertEquals(Lme4ReferenceTest.references().toList(), references().toList(),
                "a reference fit was added or removed: measure its evaluations and add it to MEASURED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void evaluationsStayWithinBudgetAtTheSameOptimum(String id) {
        JsonNode ref = References.reference(id);
        FitResult fit = Lme4ReferenceTest.fit(ref, "java", null);
        int budget = (int) Math.floor(MEASURED.get(id) * (1 + ALLOWED_GROWTH));
        assertTrue(fit.evaluations() <= budget,
                id + ": " + fit.evaluations() + " evaluations, budget " + budget + " (measured " + MEASURED.get(id) + ")");
        double objective = ref.get("objective").asDouble();
        assertTrue(fit.objective() <= objective + OBJECTIVE_TOLERANCE * Math.abs(objective),
                id + ": objective " + fit.objective() + " vs lme4 " + objective);
        assertTrue(fit.converged(), id + ": " + fit.messages());
    }
}
