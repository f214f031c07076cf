package org.jmixed.inference.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Profile and Wald intervals against lme4's {@code confint()} (fixtures written by
 * tools/r/confint_reference.R): profile ends to 1e-3, Wald ends to 1e-6, relative to the
 * parameter's scale (the larger of |end| and the interval's width), where lme4's end is a crossing
 * of ζ by lme4's own deviance; where it is not, ours must lie on the side where the crossing is (see
 * {@link #assertProfileEnd} and src/test/README.md).
 */
class ConfidenceIntervalsReferenceTest {
    static final double PROFILE_TOLERANCE = 1e-3;
    static final double WALD_TOLERANCE = 1e-6;
    static final String[] FIXTURES = {"sleepstudy_reml", "sleepstudy_ml", "sleepstudy_uncorr_90", "dyestuff_reml",
        "dyestuff2_singular", "penicillin_crossed", "pastes_nested", "pulp_reml", "orthodont_slopes", "eggs_nested3",
        "irrigation_splitplot", "cake_block", "psid_slopes_ml", "sleepstudy_quadratic_ml"};

    static Stream<String> fixtures() {
        return Stream.of(FIXTURES);
    }

    static JsonNode fixture(String id) throws IOException {
        try (InputStream in = ConfidenceIntervalsReferenceTest.class.getResourceAsStream("/confint/" + id + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static PreparedModel model(JsonNode ref) throws IOException {
        DataFrame data = CsvReader.read(SharedData.data(ref.get("dataset").asText()));
        return LinearMixedModel.prepare(data, ref.get("formula").asText());
    }

    static FitOptions options(JsonNode ref) {
        return FitOptions.defaults().withBackend("java").withReml(ref.get("reml").asBoolean());
    }

    static List<String> names(JsonNode ref) {
        List<String> names = new ArrayList<>();
        ref.get("names").forEach(n -> names.add(n.asText()));
        return names;
    }

    static void assertEnd(String what, JsonNode expected, double actual, double size, double tolerance) {
        if (expected.isNull()) {
            assertTrue(Double.isNaN(actual), what + ": lme4 gives NA, we give " + actual);
            return;
        }
        double e = expected.asDouble();
        double scale = Math.max(Math.abs(e), size);
        assertEquals(e, actual, tolerance * scale, what);
    }

    /**
     * An end against lme4's, knowing ζ at lme4's end by lme4's own deviance, tightly optimized
     * (null for fixed effects and bounds). Where that ζ is ±z to 1e-3, lme4's end is a crossing and
     * ours must match it to {@link #PROFILE_TOLERANCE}. Where it is not (lme4's spline misread a
     * rough profile), ours must lie on the side of lme4's end where the crossing is: nearer the
     * estimate when lme4's |ζ| exceeds z, farther when it falls short; and within 1e-2.
     */
    static void assertProfileEnd(String what, JsonNode expected, JsonNode zetaAtExpected, double actual,
                                 double estimate, double size, double z) {
        if (zetaAtExpected.isNull() || Math.abs(Math.abs(zetaAtExpected.asDouble()) - z) <= 1e-3) {
            assertEnd(what, expected, actual, size, PROFILE_TOLERANCE);
            return;
        }
        double e = expected.asDouble();
        boolean lme4Beyond = Math.abs(zetaAtExpected.asDouble()) > z;
        assertEquals(lme4Beyond, Math.abs(actual - estimate) < Math.abs(e - estimate),
                what + ": lme4's end " + e + " has ζ " + zetaAtExpected.asDouble() + "; ours " + actual);
        assertEnd(what, expected, actual, size, 10 * PROFILE_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void profileEndsMatchLme4(String id) throws IOException {
        JsonNode ref = fixture(id);
        PreparedModel model = model(ref);
        double level = ref.get("level").asDouble();
        IntervalTable t = ConfidenceIntervals.profile(model, options(ref), ProfileOptions.defaults().withLevel(level));
        List<String> names = names(ref);
        assertEquals(names, t.intervals().stream().map(Interval::name).toList());
        JsonNode p = ref.get("profile");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Interval in = t.intervals().get(i);
            // The ML estimate, to the accuracy of two optimizers.
            assertEquals(p.get("estimate").get(i).asDouble(), in.estimate(),
                    1e-3 * Math.max(1e-2, Math.abs(p.get("estimate").get(i).asDouble())), id + " " + name + " estimate");
            double size = Math.abs(p.get("upper").get(i).asDouble() - p.get("lower").get(i).asDouble());
            double z = ConfidenceIntervals.quantile(level);
            assertProfileEnd(id + " " + name + " lower", p.get("lower").get(i), p.get("zeta_at_lower").get(i),
                    in.lower(), in.estimate(), size, z);
            assertProfileEnd(id + " " + name + " upper", p.get("upper").get(i), p.get("zeta_at_upper").get(i),
                    in.upper(), in.estimate(), size, z);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void waldEndsMatchLme4(String id) throws IOException {
        JsonNode ref = fixture(id);
        PreparedModel model = model(ref);
        double level = ref.get("level").asDouble();
        IntervalTable t = ConfidenceIntervals.wald(LinearMixedModel.fit(model, options(ref)), model,
                ProfileOptions.defaults().withLevel(level));
        List<String> names = names(ref);
        assertEquals(names, t.intervals().stream().map(Interval::name).toList());
        JsonNode w = ref.get("wald");
        for (int i = 0; i < names.size(); i++) {
            double size = w.get("lower").get(i).isNull() ? 0
                    : Math.abs(w.get("upper").get(i).asDouble() - w.get("lower").get(i).asDouble());
            assertEnd(id + " " + names.get(i) + " lower", w.get("lower").get(i), t.intervals().get(i).lower(), size,
                    WALD_TOLERANCE);
            assertEnd(id + " " + names.get(i) + " upper", w.get("upper").get(i), t.intervals().get(i).upper(), size,
                    WALD_TOLERANCE);
        }
    }
}
