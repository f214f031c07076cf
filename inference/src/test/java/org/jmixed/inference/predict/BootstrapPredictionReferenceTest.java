package org.jmixed.inference.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.inference.bootstrap.BootstrapReference;
import org.jmixed.inference.bootstrap.Quantiles;
import org.jmixed.model.FitOptions;
import org.junit.jupiter.api.Test;

/**
 * Bootstrap prediction errors against the same construction written out in R with lme4's
 * {@code refit} ({@code tools/r/predict_interval_reference.R}, B = 4000 per case and simulation):
 * sleepstudy {@code Reaction ~ Days + (Days | Subject)} (known subjects, one at day 12, a new
 * subject) and Dyestuff {@code Yield ~ 1 + (1 | Batch)} (6 batches: θ̂ uncertain; known and new
 * batch), unconditional and conditional. Two independent simulations agree when, per new row,
 * the errors' mean, SD and quantiles (2.5% ... 97.5%) differ by less than
 * {@link BootstrapReference#Z} standard errors of a difference: mean s·√(1/B1 + 1/B2); SD
 * s·√((κ − 1)/4 · (1/B1 + 1/B2)) with κ the errors' kurtosis; a p-quantile
 * √(p(1 − p)(1/B1 + 1/B2)) / f(q), f the errors' density at q, estimated from our replicates by
 * the spacing of the quantiles at p ± 0.02.
 */
class BootstrapPredictionReferenceTest {
    private static final FitOptions JAVA = FitOptions.defaults().withBackend("java");
    private static final int B = 3000;

    private static JsonNode load() throws IOException {
        try (InputStream in = BootstrapPredictionReferenceTest.class.getResourceAsStream(
                "/predict_interval_reference.json")) {
            if (in == null) {
                throw new IllegalStateException("predict_interval_reference.json missing from the test resources");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    private static DataFrame newdata(JsonNode columns) {
        StringBuilder csv = new StringBuilder();
        int n = columns.get(0).get("values").size();
        for (int c = 0; c < columns.size(); c++) {
            csv.append(c == 0 ? "" : ",").append(columns.get(c).get("name").asText());
        }
        csv.append('\n');
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < columns.size(); c++) {
                csv.append(c == 0 ? "" : ",").append(columns.get(c).get("values").get(i).asText());
            }
            csv.append('\n');
        }
        return CsvReader.parse(csv.toString(), "new.csv");
    }

    @Test
    void errorsAgreeWithLme4RefitsWithinMonteCarloError() throws IOException {
        JsonNode ref = load();
        int compared = 0;
        double worst = 0;
        for (JsonNode c : ref.get("cases")) {
            DataFrame train = CsvReader.read(SharedData.data(c.get("data").asText() + ".csv"));
            BootstrapPredictionIntervalsTest.Fitted f = BootstrapPredictionIntervalsTest.Fitted.of(train,
                    c.get("formula").asText(), JAVA);
            DataFrame nd = newdata(c.get("newdata"));
            for (String simulation : new String[] {"unconditional", "conditional"}) {
                JsonNode r = c.get(simulation);
                String where = c.get("data").asText() + " " + simulation;
                double[] fit = f.model().predict(nd, false).values();
                double[][] errors = BootstrapPredictionIntervals.errors(f.prepared(), f.fit(), f.model(), nd, false,
                        new BootstrapOptions(B, 20261201, 2, simulation.equals("conditional")), JAVA, null);
                int rb = r.get("B").asInt();
                double scale = Math.sqrt(1.0 / B + 1.0 / rb);
                for (int j = 0; j < fit.length; j++) {
                    String row = where + " row " + j;
                    assertEquals(r.get("fit").get(j).asDouble(), fit[j], 1e-5 * Math.abs(fit[j]), row + ": prediction");
                    double[] e = new double[errors.length];
                    for (int i = 0; i < e.length; i++) {
                        e[i] = errors[i][j];
                    }
                    double mean = Arrays.stream(e).average().orElseThrow();
                    double m2 = Arrays.stream(e).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
                    double m4 = Arrays.stream(e).map(v -> Math.pow(v - mean, 4)).average().orElseThrow();
                    double sd = Math.sqrt(m2);
                    double kurtosis = m4 / (m2 * m2);
                    double z = BootstrapReference.Z;
                    assertEquals(r.get("error_mean").get(j).asDouble(), mean, z * sd * scale, row + ": mean");
                    assertEquals(r.get("error_sd").get(j).asDouble(), sd,
                            z * sd * Math.sqrt((kurtosis - 1) / 4) * scale, row + ": sd");
                    JsonNode probs = r.get("probs");
                    for (int k = 0; k < probs.size(); k++) {
                        double p = probs.get(k).asDouble();
                        double h = 0.02;
                        double density = 2 * h / (Quantiles.type6(e, Math.min(p + h, 1))
                                - Quantiles.type6(e, Math.max(p - h, 0)));
                        double tol = z * Math.sqrt(p * (1 - p)) * scale / density;
                        double expected = r.get("error_quantiles").get(j).get(k).asDouble();
                        assertEquals(expected, Quantiles.type6(e, p), tol, row + ": quantile " + p);
                        worst = Math.max(worst, Math.abs(Quantiles.type6(e, p) - expected) / (tol / z));
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared >= 70, compared + " quantiles compared");
        System.out.printf("%d quantiles compared; largest difference %.2f standard errors%n", compared, worst);
    }
}
