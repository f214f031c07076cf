package org.jmixed.inference.rlrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.bootstrap.BootstrapReference;
import org.jmixed.model.FitOptions;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against RLRsim's exactRLRT (nsim = 1e5): statistic to fit accuracy, p and the null distribution within Monte-Carlo error. */
class ExactRlrtTest {
    private static final int NSIM = 20_000;

    @TempDir
    Path tmp;

    private DataFrame data(String label) throws IOException {
        switch (label) {
            case "pulp":
                return CsvReader.read(SharedData.data("pulp.csv"));
            case "Dyestuff":
                return CsvReader.read(SharedData.data("Dyestuff.csv"));
            default: {
                // sleepstudy rows with Days <= 2, as the R script selects them.
                List<String> lines = Files.readAllLines(SharedData.data("sleepstudy.csv"));
                List<String> kept = new ArrayList<>();
                kept.add(lines.get(0));
                List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
                int days = header.indexOf("Days");
                for (String l : lines.subList(1, lines.size())) {
                    if (Double.parseDouble(l.split(",")[days]) <= 2) {
                        kept.add(l);
                    }
                }
                Path f = tmp.resolve("sleep3.csv");
                Files.write(f, kept);
                return CsvReader.read(f);
            }
        }
    }

    @Test
    void agreesWithRlrsim() throws IOException {
        for (JsonNode ref : BootstrapReference.load().get("exact_rlrt")) {
            String label = ref.get("label").asText();
            PreparedModel model = LinearMixedModel.prepare(data(label), ref.get("formula").asText());
            String term = model.terms().get(0).groupName();
            ExactRlrt.Result r = ExactRlrt.test(model, term, NSIM, 42, FitOptions.defaults().withBackend("java"));
            double stat = ref.get("statistic").asDouble();
            assertEquals(stat, r.statistic(), 1e-5 * Math.max(1, stat), label + " statistic");
            int nR = ref.get("nsim").asInt();
            double pR = ref.get("p").asDouble();
            assertEquals(pR, r.pValue(), BootstrapReference.proportionTolerance(Math.max(pR, 1e-3), NSIM, nR), label + " p");
            double zero = ref.get("share_zero").asDouble();
            double[] sample = r.sample();
            int zeros = 0;
            double sum = 0;
            double sumSq = 0;
            for (double s : sample) {
                zeros += s == 0 ? 1 : 0;
                sum += s;
                sumSq += s * s;
            }
            assertEquals(zero, zeros / (double) NSIM, BootstrapReference.proportionTolerance(zero, NSIM, nR), label + " mass at 0");
            double mean = sum / NSIM;
            double sd = Math.sqrt(sumSq / NSIM - mean * mean);
            assertEquals(ref.get("sample_mean").asDouble(), mean, BootstrapReference.meanTolerance(sd, NSIM, sd, nR), label + " mean");
        }
    }

    @Test
    void sameSeedSameSample() {
        PreparedModel model = LinearMixedModel.prepare(CsvReader.read(SharedData.data("pulp.csv")), "bright ~ 1 + (1 | operator)");
        ExactRlrt.Result a = ExactRlrt.test(model, "(1 | operator)", 500, 3, FitOptions.defaults());
        ExactRlrt.Result b = ExactRlrt.test(model, "operator", 500, 3, FitOptions.defaults());
        assertEquals(a.pValue(), b.pValue(), 0.0);
        assertEquals(a.sample()[499], b.sample()[499], 0.0);
        assertTrue(a.k() == 3, "4 operators, one direction in the span of the intercept: k = " + a.k());
    }

    @Test
    void unsupportedFormsAreRefusedInOneLine() {
        DataFrame sleep = CsvReader.read(SharedData.data("sleepstudy.csv"));
        PreparedModel slopes = LinearMixedModel.prepare(sleep, "Reaction ~ Days + (Days | Subject)");
        JmixedException e = assertThrows(JmixedException.class, () -> ExactRlrt.test(slopes, "Subject", 10, 1, FitOptions.defaults()));
        assertTrue(e.getMessage().contains("2 columns"), e.getMessage());
        PreparedModel two = LinearMixedModel.prepare(sleep, "Reaction ~ Days + (1 | Subject) + (0 + Days | Subject)");
        e = assertThrows(JmixedException.class, () -> ExactRlrt.test(two, "Subject", 10, 1, FitOptions.defaults()));
        assertTrue(e.getMessage().contains("2 random-effects terms"), e.getMessage());
        PreparedModel one = LinearMixedModel.prepare(sleep, "Reaction ~ Days + (1 | Subject)");
        e = assertThrows(JmixedException.class, () -> ExactRlrt.test(one, "Days", 10, 1, FitOptions.defaults()));
        assertTrue(e.getMessage().contains("--term 'Days'"), e.getMessage());
    }

    @Test
    void chiSquareDrawsHaveTheirMeanAndVariance() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (double df : new double[] {1, 2.5, 17}) {
            int m = 200_000;
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < m; i++) {
                double x = ChiSquareDraws.next(rnd, df);
                s += x;
                s2 += x * x;
            }
            double mean = s / m;
            double var = s2 / m - mean * mean;
            assertEquals(df, mean, 4 * Math.sqrt(2 * df / m), "df " + df);
            assertEquals(2 * df, var, 0.05 * 2 * df, "df " + df);
        }
    }
}
