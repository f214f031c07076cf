package org.jmixed.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.Test;

/**
 * A model whose θ differ by two orders of magnitude (psid: person intercepts, θ ≈ 0.83, and slopes
 * on the raw year, θ ≈ 0.011) reaches lme4's tightly converged optimum
 * (tools/r/unequal_theta_reference.R): BOBYQA's settled stop must judge a stage fine enough
 * beside the smallest θ, not only in absolute terms. With a settled radius of 1e-4 alone this
 * fit stopped 1.8e-8 (relative) above the optimum with θ_1 off by 1.5e-3 and a failed
 * convergence check.
 */
class UnequalThetaFitTest {
    @Test
    void reachesTheTightlyConvergedLme4Optimum() throws IOException {
        JsonNode ref;
        try (InputStream in = UnequalThetaFitTest.class.getResourceAsStream("/optimizer/psid_unequal_theta.json")) {
            assertNotNull(in, "fixture optimizer/psid_unequal_theta.json");
            ref = new ObjectMapper().readTree(in);
        }
        FitResult fit = LinearMixedModel.fit(CsvReader.read(References.data(ref.get("dataset").asText())),
                ref.get("formula").asText(), FitOptions.defaults().withBackend("java").withReml(true));
        double objective = ref.get("objective").asDouble();
        assertTrue(fit.objective() <= objective + 1e-10 * Math.abs(objective),
                "objective " + fit.objective() + " vs lme4 (tight) " + objective);
        assertTrue(fit.converged(), String.valueOf(fit.messages()));
        for (int i = 0; i < 2; i++) {
            double expected = ref.get("theta").get(i).asDouble();
            assertEquals(expected, fit.theta()[i], 1e-4 * expected, "theta[" + i + "]");
        }
    }
}
