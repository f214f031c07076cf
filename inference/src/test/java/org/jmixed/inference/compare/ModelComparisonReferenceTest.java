package org.jmixed.inference.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link ModelComparison} with lme4's {@code anova()} tables (fixtures from
 * tools/r/compare_reference.R): order of the models, npar, logLik, AIC, BIC and deviance like
 * the lme4 reference tests (1e-6 relative to the objective), χ² to 1e-6 (relative to max(1, χ²)),
 * p to 1e-4.
 */
class ModelComparisonReferenceTest {
    static final double LIKELIHOOD_TOLERANCE = 1e-6;
    static final double CHISQ_TOLERANCE = 1e-6;
    static final double P_TOLERANCE = 1e-4;

    static Stream<Arguments> comparisons() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : CompareFixtures.root().get("comparisons")) {
            out.add(Arguments.of(c.get("id").asText(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparisons")
    void agreesWithLme4Anova(String id, JsonNode ref) {
        List<String> formulas = new ArrayList<>();
        ref.get("formulas").forEach(f -> formulas.add(f.asText()));
        ComparisonTable t = ModelComparison.compare(CsvReader.read(SharedData.data(ref.get("dataset").asText())),
                formulas, ref.get("reml").asBoolean(), FitOptions.defaults().withBackend("java"));
        assertEquals(ref.get("reml").asBoolean(), t.reml(), id + ": criterion");
        int n = t.models().size();
        assertEquals(ref.get("models").size(), n);
        for (int i = 0; i < n; i++) {
            ComparisonTable.Model m = t.models().get(i);
            String what = id + " row " + (i + 1) + " (" + m.formula() + ")";
            assertEquals(ref.get("models").get(i).asText(), m.formula(), what + ": order");
            assertEquals(ref.get("npar").get(i).asInt(), m.npar(), what + ": npar");
            double scale = Math.abs(ref.get("deviance").get(i).asDouble());
            assertEquals(ref.get("logLik").get(i).asDouble(), m.logLik(), LIKELIHOOD_TOLERANCE * scale, what + ": logLik");
            assertEquals(ref.get("deviance").get(i).asDouble(), m.deviance(), LIKELIHOOD_TOLERANCE * scale, what + ": deviance");
            assertEquals(ref.get("AIC").get(i).asDouble(), m.aic(), LIKELIHOOD_TOLERANCE * scale, what + ": AIC");
            assertEquals(ref.get("BIC").get(i).asDouble(), m.bic(), LIKELIHOOD_TOLERANCE * scale, what + ": BIC");
            if (i == 0) {
                assertTrue(ref.get("Chisq").get(0).isNull());
                continue;
            }
            ComparisonTable.Test test = t.tests().get(i - 1);
            double chisq = ref.get("Chisq").get(i).asDouble();
            assertTrue(CompareFixtures.close(chisq, test.chisq(), CHISQ_TOLERANCE),
                    what + ": Chisq " + test.chisq() + " vs lme4 " + chisq);
            assertEquals(ref.get("Df").get(i).asInt(), test.df(), what + ": Df");
            double p = ref.get("p").get(i).asDouble();
            assertEquals(p, test.p(), P_TOLERANCE, what + ": p");
            assertEquals(p, test.p(), 1e-3 * p, what + ": p (relative)");
        }
    }

    @org.junit.jupiter.api.Test
    void boundaryMixtureOnlyWhereVariancesAreTested() {
        JsonNode root = CompareFixtures.root();
        // one variance (pulp: operator), chibar2(01): half the chi2(1) p-value
        ComparisonTable pulp = run(root, "pulp_operator");
        BoundaryMixture b = pulp.tests().get(0).boundary();
        assertNotNull(b);
        assertEquals(1, b.variances());
        assertEquals("chibar2(01)", b.label());
        assertEquals(0.5 * pulp.tests().get(0).p(), b.p(), 1e-15);
        // a slope variance and its covariance: 0.5 chi2(1) + 0.5 chi2(2), exact
        ComparisonTable slopes = run(root, "sleepstudy_intercept_vs_slopes");
        BoundaryMixture s = slopes.tests().get(0).boundary();
        assertEquals(2, s.df());
        assertEquals(1, s.variances());
        assertTrue(s.exact());
        double x = slopes.tests().get(0).chisq();
        assertEquals(0.5 * ChiSquared.upperTail(x, 1) + 0.5 * ChiSquared.upperTail(x, 2), s.p(), 1e-15);
        // only a correlation is added: an interior null, no mixture
        assertNull(run(root, "sleepstudy_uncorrelated_vs_correlated").tests().get(0).boundary());
        // fixed effects differ: no mixture
        assertNull(run(root, "sleepstudy_fixed_days").tests().get(0).boundary());
    }

    private static ComparisonTable run(JsonNode root, String id) {
        for (JsonNode c : root.get("comparisons")) {
            if (c.get("id").asText().equals(id)) {
                List<String> formulas = new ArrayList<>();
                c.get("formulas").forEach(f -> formulas.add(f.asText()));
                return ModelComparison.compare(CsvReader.read(SharedData.data(c.get("dataset").asText())), formulas,
                        c.get("reml").asBoolean(), FitOptions.defaults().withBackend("java"));
            }
        }
        throw new AssertionError("no fixture " + id);
    }
}
