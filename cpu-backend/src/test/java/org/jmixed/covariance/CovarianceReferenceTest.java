package org.jmixed.covariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.VarianceComponent;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fit of tools/r/covariance_reference.R (fixture covariance/reference.json) agrees with R:
 * lme4 with prior weights and offsets; nlme's gls and lme with varIdent, corCompSymm, corAR1,
 * corCAR1, corSymm + varIdent, pdIdent and pdCompSymm; ML and REML. The log-likelihood to 1e-6
 * relative (or higher than R's: R stopped short), fixed effects, σ, residual parameters and
 * random-effects covariances to 1e-4.
 */
class CovarianceReferenceTest {
    static final double LOGLIK_TOLERANCE = 1e-6;
    static final double PARAMETER_TOLERANCE = 1e-4;
    /** Where our likelihood is higher than R's by more than LOGLIK_TOLERANCE, R stopped early. */
    static final double EARLY_STOP_TOLERANCE = 1e-2;

    static Stream<Named<JsonNode>> fits() throws IOException {
        try (InputStream in = CovarianceReferenceTest.class.getResourceAsStream("/covariance/reference.json")) {
            assertNotNull(in, "fixture covariance/reference.json");
            JsonNode all = new ObjectMapper().readTree(in);
            List<Named<JsonNode>> out = new ArrayList<>();
            all.forEach(f -> out.add(Named.of(f.get("name").asText(), f)));
            return out.stream();
        }
    }

    static Path dataFile(String name) {
        if (name.startsWith("shared:")) {
            return SharedData.data(name.substring("shared:".length()));
        }
        try {
            return Path.of(CovarianceReferenceTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static FitResult fit(JsonNode ref) {
        FitOptions options = FitOptions.defaults().withBackend("java").withReml(ref.get("reml").asBoolean());
        if (!ref.get("weights").isNull()) {
            options = options.withWeights(ref.get("weights").asText());
        }
        if (ref.hasNonNull("residual")) {
            options = options.withResidual(ref.get("residual").asText());
        }
        return LinearMixedModel.fit(CsvReader.read(dataFile(ref.get("data").asText())), ref.get("formula").asText(),
                options);
    }

    private static double[] array(JsonNode n) {
        if (n == null || n.isNull()) {
            return new double[0];
        }
        if (!n.isArray()) {
            return new double[] {n.asDouble()};
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    private static void close(String what, double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double allowed = tol * Math.max(1.0, Math.max(Math.abs(expected[i]), 1e-2 * scale));
            assertEquals(expected[i], actual[i], allowed, what + "[" + i + "]");
        }
    }

    /** The random-effects covariance matrix of the only term, column-major, from VarCorr. */
    private static double[] reCov(FitResult fit) {
        List<VarianceComponent> terms = new ArrayList<>();
        for (VarianceComponent v : fit.varcorr()) {
            if (!v.group().equals("Residual")) {
                terms.add(v);
            }
        }
        int w = 0;
        while (w < terms.size() && terms.get(w).var2() == null) {
            w++;
        }
        double[] m = new double[w * w];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < w; i++) {
            m[i + i * w] = terms.get(i).vcov();
            names.add(terms.get(i).var1());
        }
        for (int i = w; i < terms.size(); i++) {
            int a = names.indexOf(terms.get(i).var1());
            int b = names.indexOf(terms.get(i).var2());
            m[a + b * w] = terms.get(i).vcov();
            m[b + a * w] = terms.get(i).vcov();
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("fits")
    void agreesWithR(JsonNode ref) {
        FitResult fit = fit(ref);
        double expected = ref.get("logLik").asDouble();
        double allowed = LOGLIK_TOLERANCE * Math.abs(expected);
        assertTrue(fit.logLik() >= expected - allowed,
                "logLik " + fit.logLik() + " below R's " + expected);
        double tol = fit.logLik() <= expected + allowed ? PARAMETER_TOLERANCE : EARLY_STOP_TOLERANCE;
        assertTrue(fit.converged(), "converged: " + fit.messages());

        List<String> names = new ArrayList<>();
        ref.get("fixefNames").forEach(n -> names.add(n.asText()));
        assertEquals(names, fit.fixef().names());
        close("fixef", array(ref.get("fixef")), fit.fixef().estimate(), tol);
        if (ref.has("identifiable") && !ref.get("identifiable").asBoolean()) {
            return; // only the marginal covariance is identified: likelihood and fixed effects
        }
        close("sigma", new double[] {ref.get("sigma").asDouble()}, new double[] {fit.sigma()}, tol);

        if (ref.get("source").asText().equals("lme4")) {
            close("theta", array(ref.get("theta")), fit.theta(), tol);
            double[] fitted = fit.fitted();
            double[] resid = fit.residuals();
            double[] ef = array(ref.get("fitted"));
            double[] er = array(ref.get("residuals"));
            close("fitted", ef, java.util.Arrays.copyOf(fitted, ef.length), tol);
            close("residuals", er, java.util.Arrays.copyOf(resid, er.length), tol);
            if (!ref.get("weights").isNull()) {
                double[] ep = array(ref.get("pearson"));
                close("Pearson residuals", ep, java.util.Arrays.copyOf(fit.normalizedResiduals(), ep.length), tol);
            }
            assertEquals(ref.get("weights").isNull() ? null : ref.get("weights").asText(), fit.weights());
        } else {
            double[] rp = array(ref.get("residualParameters"));
            if (ref.hasNonNull("residual")) {
                assertNotNull(fit.residualStructure(), "residual structure reported");
                close("residual parameters", rp, fit.residualStructure().values(), tol);
            }
            if (ref.hasNonNull("residual") && ref.get("residual").asText().startsWith("diag(")) {
                // nlme's normalized residuals, whitened and divided by σ; unique for a diagonal Λ
                // only (for a correlated block the square root of Λ_g is a choice: ours is the
                // lower Cholesky factor in row order, nlme's another)
                double[] en = array(ref.get("normalized"));
                double[] normalized = java.util.Arrays.copyOf(fit.normalizedResiduals(), en.length);
                for (int i = 0; i < normalized.length; i++) {
                    normalized[i] /= fit.sigma();
                }
                close("normalized residuals", en, normalized, tol);
            }
            double[] cov = array(ref.get("reCov"));
            if (cov.length > 0) {
                close("random-effects covariance", cov, reCov(fit), tol);
            }
        }
    }
}
