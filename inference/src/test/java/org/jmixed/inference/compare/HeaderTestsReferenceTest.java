package org.jmixed.inference.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stata's header tests against R: the Wald χ² from {@code vcov(m)}, and the LR test against
 * {@code lm()} by the fit's criterion ({@code logLik(lm, REML = TRUE)} for REML fits).
 */
class HeaderTestsReferenceTest {
    static Stream<Arguments> headers() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : CompareFixtures.root().get("headers")) {
            out.add(Arguments.of(c.get("id").asText(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void agreesWithR(String id, JsonNode ref) {
        DataFrame data = CsvReader.read(SharedData.data(ref.get("dataset").asText()));
        FitOptions options = FitOptions.defaults().withBackend("java").withReml(ref.get("reml").asBoolean());
        FitResult fit = LinearMixedModel.fit(data, ref.get("formula").asText(), options);
        HeaderTests t = HeaderTests.of(data, fit, options);
        if (ref.get("wald_chisq").isNull()) {
            assertNull(t.wald(), id);
        } else {
            // the Wald statistic depends on θ̂, known to about 1e-5: compare it to 1e-4 relative
            assertTrue(CompareFixtures.close(ref.get("wald_chisq").asDouble(), t.wald().chisq(), 1e-4),
                    id + ": Wald " + t.wald().chisq() + " vs " + ref.get("wald_chisq").asDouble());
            assertEquals(ref.get("wald_df").asInt(), t.wald().df());
            assertEquals(ref.get("wald_p").asDouble(), t.wald().p(), 1e-4, id + ": Wald p");
        }
        HeaderTests.LinearModelTest lr = t.linear();
        double lmLogLik = ref.get("lm_logLik").asDouble();
        assertEquals(lmLogLik, lr.linearLogLik(), 1e-9 * Math.abs(lmLogLik), id + ": linear model logLik");
        assertTrue(CompareFixtures.close(ref.get("lr_chisq").asDouble(), lr.chisq(), 1e-6),
                id + ": LR " + lr.chisq() + " vs " + ref.get("lr_chisq").asDouble());
        assertEquals(ref.get("lr_df").asInt(), lr.df());
        assertEquals(ref.get("lr_p_chisq").asDouble(), lr.p(), 1e-4);
        assertEquals(ref.get("lr_p_mixture").asDouble(), lr.boundary().p(), 1e-4);
        assertEquals(ref.get("lr_p_mixture").asDouble(), lr.boundary().p(), 1e-3 * ref.get("lr_p_mixture").asDouble());
    }

    @Test
    void textAndJson() throws Exception {
        DataFrame data = CsvReader.read(SharedData.data("pulp.csv"));
        FitOptions ml = FitOptions.defaults().withBackend("java").withReml(false);
        FitResult fit = LinearMixedModel.fit(data, "bright ~ 1 + (1 | operator)", ml);
        HeaderTests t = HeaderTests.of(data, fit, ml);
        String text = HeaderTestsReport.text(t);
        assertTrue(text.contains("LR test vs. linear model: chibar2(01) = 2.57, Prob >= chibar2 = 0.0545"), text);
        assertTrue(text.contains("Wald chi2: no fixed effects besides the intercept"), text);
        JsonNode json = new ObjectMapper().readTree(HeaderTestsReport.appendTo("{\n  \"a\": 1\n}\n", t));
        assertEquals(1, json.get("a").asInt());
        assertTrue(json.get("header_tests").get("wald").isNull());
        assertEquals(0.0545099597038522, json.get("header_tests").get("lr_vs_linear").get("boundary_p").asDouble(), 1e-4);
    }

    @Test
    void noRandomEffectsNoLinearModelTest() {
        DataFrame data = CsvReader.read(SharedData.data("sleepstudy.csv"));
        FitOptions o = FitOptions.defaults().withBackend("java");
        FitResult fit = LinearMixedModel.fit(data, "Reaction ~ Days", o);
        HeaderTests t = HeaderTests.of(data, fit, o);
        assertNull(t.linear());
        assertEquals(1, t.wald().df());
    }
}
