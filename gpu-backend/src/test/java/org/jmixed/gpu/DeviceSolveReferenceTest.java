package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.cpu.References;
import org.jmixed.data.CsvReader;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.ModelFrame;
import org.jmixed.model.ModelFrameBuilder;
import org.jmixed.model.RandomTermData;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;
import org.jmixed.spi.TermStructure;
import org.junit.jupiter.api.Test;

/**
 * The emulated device solve on real data against lme4 itself: InstEval's crossed model (students
 * block-diagonal, a dense block of order 1,142 + 3 spanning 18 tiles) at lme4's θ. β̂ against
 * {@code fixef}, b = θ_k û against {@code ranef}, σ θ_k √condVar against lme4's conditional
 * standard deviations ({@code condsd}); fixtures from {@code shared/reference}.
 */
class DeviceSolveReferenceTest {

    @Test
    void instEvalCrossedAtLme4sThetaGivesLme4sEstimatesEffectsAndConditionalSds() {
        JsonNode ref = References.reference("insteval_crossed");
        ModelFrame frame = ModelFrameBuilder.build(CsvReader.read(References.data(ref.get("dataset").asText())),
                ref.get("formula").asText());
        PlsProblem pr = LinearMixedModel.plsProblem(frame);
        double[] theta = References.theta(ref);
        PackedProblem pp = new PackedProblem(pr);
        assertTrue(pp.q2 > 2 * DeviceSolve.NB, "several tiles: q2 = " + pp.q2);
        KernelEmulator em = new KernelEmulator(pp);
        em.factor(theta, new PlsFactorSummary());
        PlsSolution s = DeviceSolve.run(new SolveEmulator(em, pp), pp, true);

        JsonNode fixef = ref.get("fixef").get("estimate");
        for (int i = 0; i < fixef.size(); i++) {
            assertEquals(fixef.get(i).asDouble(), s.beta()[i], 1e-7 * Math.max(1, Math.abs(fixef.get(i).asDouble())),
                    "fixef " + i);
        }
        double sigma = ref.get("sigma").asDouble();
        int uOffset = 0;
        for (int k = 0; k < pr.terms().size(); k++) {
            TermStructure t = pr.terms().get(k);
            assertEquals(1, t.width(), "InstEval's terms are scalar");
            double th = theta[t.thetaOffset()];
            JsonNode r = ranefOf(ref, t.groupName());
            List<String> ours = levelsOf(frame, t.groupName());
            List<String> lme4 = new ArrayList<>();
            r.get("levels").forEach(v -> lme4.add(v.asText()));
            double worstB = 0;
            double worstSd = 0;
            for (int l = 0; l < t.nLevels(); l++) {
                int j = lme4.indexOf(ours.get(l));
                double b = th * s.u()[uOffset + l];
                double sd = sigma * th * Math.sqrt(s.condVarU().get(k)[l]);
                worstB = Math.max(worstB, Math.abs(b - r.get("values").get(j).get(0).asDouble()));
                worstSd = Math.max(worstSd, Math.abs(sd / r.get("condsd").get(j).get(0).asDouble() - 1));
            }
            assertTrue(worstB < 1e-6, t.groupName() + ": largest |b - lme4's| " + worstB);
            assertTrue(worstSd < 1e-6, t.groupName() + ": largest relative condsd difference " + worstSd);
            uOffset += t.nLevels();
        }
        assertEquals(uOffset, s.u().length);
    }

    private static JsonNode ranefOf(JsonNode ref, String group) {
        for (JsonNode r : ref.get("ranef")) {
            if (r.get("group").asText().equals(group)) {
                return r;
            }
        }
        throw new AssertionError("no ranef for " + group);
    }

    private static List<String> levelsOf(ModelFrame frame, String group) {
        for (RandomTermData t : frame.randomTerms()) {
            if (t.groupName().equals(group)) {
                return t.levels();
            }
        }
        throw new AssertionError("no term " + group);
    }
}
