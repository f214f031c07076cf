package org.jmixed.inference.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wald intervals of the variance parameters of models with residual structures and idn()/cs()
 * terms against nlme's {@code intervals()} on the equivalent gls and lme fits (fixtures of
 * tools/r/structured_variance_intervals_reference.R: corAR1, corCompSymm, corSymm + varIdent,
 * varIdent, corCAR1, pdIdent, pdCompSymm, on Orthodont, sleepstudy and held-out cake and psid; REML
 * and ML). Estimates and both ends to {@value #TOLERANCE} relative of nlme's ends at the same fit with
 * its Hessian's relative steps set to 1e-4 and 2e-4 (of max(|parameter|, 1)) and its covariance
 * extrapolated to step 0 (nlme's Hessian has a first-order error in the step); and
 * within {@value #DEFAULT_STEP_TOLERANCE} of nlme's ends with its default steps (6e-6 × |parameter|,
 * which for a parameter near 0 on its scale are mostly rounding noise).
 */
class StructuredVarianceWaldReferenceTest {
    /** Measured: at most 1.2e-4 (Orthodont, ar1 with a random intercept, REML, ρ's upper end). */
    static final double TOLERANCE = 3e-4;
    /** nlme's own intervals() steps too finely for parameters near 0 on its scale (see the R script). */
    static final double DEFAULT_STEP_TOLERANCE = 2e-2;

    static List<JsonNode> cases() throws IOException {
        return fixture("structured_variance_intervals.json");
    }

    /** The cases of a fixture of tools/r/structured_variance_intervals_reference.R. */
    static List<JsonNode> fixture(String file) throws IOException {
        try (InputStream in = StructuredVarianceWaldReferenceTest.class.getResourceAsStream("/varint/" + file)) {
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).forEach(out::add);
            return out;
        }
    }

    static IntervalTable wald(JsonNode c) {
        FitOptions o = FitOptions.defaults().withBackend("java").withReml(c.get("reml").asBoolean());
        if (c.hasNonNull("residual")) {
            o = o.withResidual(c.get("residual").asText());
        }
        PreparedModel model = LinearMixedModel.prepare(CsvReader.read(SharedData.data(c.get("dataset").asText())),
                c.get("formula").asText());
        FitResult fit = LinearMixedModel.fit(model, o);
        assertEquals(c.get("logLik").asDouble(), fit.logLik(), 1e-6 * Math.abs(c.get("logLik").asDouble()),
                c.get("name").asText() + ": not the same fit as nlme's");
        return ConfidenceIntervals.wald(fit, model, ProfileOptions.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsMatchNlme(JsonNode c) {
        IntervalTable table = wald(c);
        String id = c.get("name").asText();
        for (JsonNode r : c.get("intervals")) {
            String name = r.get("name").asText();
            Interval ours = table.interval(name);
            assertNotNull(ours, id + ": no row " + name);
            check(id, name, "estimate", r.get("est").asDouble(), ours.estimate(), TOLERANCE);
            check(id, name, "lower", r.get("refined_lower").asDouble(), ours.lower(), TOLERANCE);
            check(id, name, "upper", r.get("refined_upper").asDouble(), ours.upper(), TOLERANCE);
            check(id, name, "lower (nlme's default steps)", r.get("lower").asDouble(), ours.lower(), DEFAULT_STEP_TOLERANCE);
            check(id, name, "upper (nlme's default steps)", r.get("upper").asDouble(), ours.upper(), DEFAULT_STEP_TOLERANCE);
        }
    }

    private static void check(String id, String name, String what, double expected, double actual, double tol) {
        assertEquals(expected, actual, tol * Math.abs(expected), id + " " + name + " " + what);
    }

    /** An idn() term's other standard deviations repeat its one; its correlations are 0, with no interval. */
    @Test
    void identityTermRepeatsItsStandardDeviation() throws IOException {
        JsonNode c = cases().stream().filter(n -> n.get("name").asText().equals("sleep_pdident_lme_reml"))
                .findFirst().orElseThrow();
        IntervalTable t = wald(c);
        Interval sd1 = t.interval(".sig01");
        Interval sd2 = t.interval(".sig03");
        assertEquals(sd1.lower(), sd2.lower(), 0.0);
        assertEquals(sd1.upper(), sd2.upper(), 0.0);
        Interval cor = t.interval(".sig02");
        assertEquals(0.0, cor.estimate(), 0.0);
        assertTrue(Double.isNaN(cor.lower()) && Double.isNaN(cor.upper()));
    }

    /** A plain lme4-style model keeps lme4's NA for the variance parameters. */
    @Test
    void unstructuredModelKeepsNa() {
        PreparedModel model = LinearMixedModel.prepare(CsvReader.read(SharedData.data("sleepstudy.csv")),
                "Reaction ~ Days + (Days | Subject)");
        IntervalTable t = ConfidenceIntervals.wald(LinearMixedModel.fit(model, FitOptions.defaults()), model,
                ProfileOptions.defaults());
        assertTrue(Double.isNaN(t.interval(".sigma").lower()));
        assertTrue(Double.isNaN(t.interval(".sig02").upper()));
    }
}
