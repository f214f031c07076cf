package org.jmixed.inference.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;

class BootstrapComparisonTest {
    @Test
    void pulpOperatorTermAgreesWithPbmodcompWithinMonteCarloError() {
        JsonNode ref = BootstrapReference.load().get("pbmodcomp_pulp");
        DataFrame pulp = CsvReader.read(SharedData.data("pulp.csv"));
        PreparedModel small = LinearMixedModel.prepare(pulp, ref.get("small").asText());
        PreparedModel large = LinearMixedModel.prepare(pulp, ref.get("large").asText());
        int b = 1000;
        BootstrapComparison.Result r = BootstrapComparison.run(small, large, new BootstrapOptions(b, 7, 2, false),
                FitOptions.defaults().withBackend("java"), null);
        assertEquals(ref.get("lrt").asDouble(), r.lrt(), 1e-6);
        assertEquals(2.568, r.lrt(), 5e-4);
        assertEquals(1, r.df());
        int bR = ref.get("nsim").asInt();
        double pR = ref.get("p_plain").asDouble();
        assertEquals(pR, r.pValue(), BootstrapReference.proportionTolerance(pR, b, bR));
        assertEquals(Math.sqrt(r.pValue() * (1 - r.pValue()) / b), r.pValueSe(), 1e-12);
        // pbkrtest's p counts only positive LRT* (above 1e-8 on both sides): its sample size is the positive share of B.
        double share = ref.get("share_positive_tol").asDouble();
        assertEquals(share, r.positive() / (double) b, BootstrapReference.proportionTolerance(share, b, bR));
        double pPosR = ref.get("p_pbkrtest_tol").asDouble();
        assertEquals(pPosR, r.pValuePositive(),
                BootstrapReference.proportionTolerance(pPosR, (int) (share * b), (int) (share * bR)));
    }

    @Test
    void refusesModelsOfDifferentRowsOrTheWrongOrder() {
        DataFrame pulp = CsvReader.read(SharedData.data("pulp.csv"));
        PreparedModel small = LinearMixedModel.prepare(pulp, "bright ~ 1");
        PreparedModel large = LinearMixedModel.prepare(pulp, "bright ~ 1 + (1 | operator)");
        BootstrapOptions o = new BootstrapOptions(5, 1, 1, false);
        assertThrows(JmixedException.class, () -> BootstrapComparison.run(large, small, o, FitOptions.defaults(), null));
        PreparedModel other = LinearMixedModel.prepare(CsvReader.read(SharedData.data("Dyestuff.csv")), "Yield ~ 1");
        assertThrows(JmixedException.class, () -> BootstrapComparison.run(other, large, o, FitOptions.defaults(), null));
    }
}
