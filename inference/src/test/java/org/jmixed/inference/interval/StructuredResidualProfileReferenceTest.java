package org.jmixed.inference.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Profile intervals of σ and of residual parameters (ar1, car1, diag, cs; gls and lme; held-out psid)
 * against nlme fits with the parameter held, ζ inverted by uniroot (fixtures of
 * tools/r/structured_variance_intervals_reference.R), to {@value #TOLERANCE} relative.
 */
class StructuredResidualProfileReferenceTest {
    static final double TOLERANCE = 3e-5;

    static List<JsonNode> cases() throws IOException {
        return StructuredVarianceWaldReferenceTest.fixture("structured_variance_intervals_profile.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsMatchNlmeHeldFits(JsonNode c) {
        String id = c.get("name").asText();
        List<String> parm = new ArrayList<>();
        c.get("profiles").fieldNames().forEachRemaining(parm::add);
        PreparedModel model = LinearMixedModel.prepare(CsvReader.read(SharedData.data(c.get("dataset").asText())),
                c.get("formula").asText());
        FitOptions o = FitOptions.defaults().withBackend("java").withReml(false)
                .withResidual(c.get("residual").asText());
        IntervalTable t = ConfidenceIntervals.profile(model, o, ProfileOptions.defaults().withParameters(parm));
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("profiles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Interval ours = t.interval(e.getKey());
            assertTrue(ours.notes().isEmpty(), id + " " + e.getKey() + " was not profiled: " + ours.notes());
            double lo = e.getValue().get(0).asDouble();
            double hi = e.getValue().get(1).asDouble();
            assertEquals(lo, ours.lower(), TOLERANCE * Math.abs(lo), id + " " + e.getKey() + " lower");
            assertEquals(hi, ours.upper(), TOLERANCE * Math.abs(hi), id + " " + e.getKey() + " upper");
        }
    }
}
