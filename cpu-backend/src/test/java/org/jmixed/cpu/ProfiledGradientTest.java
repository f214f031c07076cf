package org.jmixed.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.cpu.blocked.BlockedPlsEvaluator;
import org.jmixed.cpu.dense.DenseKernelsProvider;
import org.jmixed.data.CsvReader;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.ProfiledGradient;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analytic gradient of the profiled criterion (blocked evaluator) against central finite
 * differences, on every lme4 reference model, REML and ML, at lme4's θ, at lme4's start, at a
 * point away from both (negative off-diagonals, unequal diagonals) and at that point with its first
 * diagonal element on the bound 0; both ways of getting the log-determinant's derivative (the
 * selected inverse on the whole pattern of Z'Z, and the diagonal blocks of M⁻¹, or their sums per
 * term, where every template's diagonal is at least {@link ProfiledGradient#IDENTITY_THRESHOLD}).
 */
class ProfiledGradientTest {
    /** Agreement, relative to the largest component of the finite-difference gradient. */
    static final double TOLERANCE = 1e-5;
    /**
     * The evaluator's ways to the diagonal blocks the identity needs (where a model's first term is
     * not scalar, "summed" falls back to auto's choice).
     */
    static final List<String> IDENTITY_WAYS = List.of("diagonal", "summed");

    static Stream<Arguments> cases() throws IOException {
        return Lme4ReferenceTest.references().flatMap(id -> Stream.of(Arguments.of(id, true), Arguments.of(id, false)));
    }

    @ParameterizedTest(name = "{0} reml={1}")
    @MethodSource("cases")
    void matchesFiniteDifferences(String id, boolean reml) {
        JsonNode ref = References.reference(id);
        PreparedModel model = LinearMixedModel.prepare(CsvReader.read(References.data(ref.get("dataset").asText())),
                ref.get("formula").asText());
        PlsProblem problem = model.problem();
        boolean[] diagonal = model.thetaLowerBounded();
        double[] lme4Theta = References.theta(ref);
        double[] start = new double[diagonal.length];
        double[] away = new double[diagonal.length];
        for (int i = 0; i < diagonal.length; i++) {
            start[i] = diagonal[i] ? 1.0 : 0.0;
            away[i] = diagonal[i] ? 0.3 + 0.4 * i : -0.2;
        }
        ProfiledGradient criterion = new ProfiledGradient(problem, reml);
        try (BlockedPlsEvaluator evaluator = new BlockedPlsEvaluator(problem, DenseKernelsProvider.best())) {
            double[] onBound = away.clone();
            onBound[0] = 0.0;
            List<double[]> points = List.of(lme4Theta, start, away, onBound);
            List<double[]> analytic = new ArrayList<>();
            List<double[]> full = new ArrayList<>();
            List<double[]> numeric = new ArrayList<>();
            // The gradient's scale in this model: at lme4's optimum it nearly vanishes, and there
            // the differences are limited by the rounding of f (up to 2.4e5 for InstEval).
            double scale = 0;
            for (double[] theta : points) {
                double[] g = new double[theta.length];
                criterion.useDiagonalIdentity(false);
                criterion.valueAndGradient(evaluator, theta, g);
                full.add(g);
                criterion.useDiagonalIdentity(true);
                double f = 0;
                for (String way : IDENTITY_WAYS) {
                    g = new double[theta.length];
                    System.setProperty("jmixed.gradient.inverse", way);
                    try {
                        f = criterion.valueAndGradient(evaluator, theta, g);
                    } finally {
                        System.clearProperty("jmixed.gradient.inverse");
                    }
                    analytic.add(g);
                }
                double[] fd = finiteDifferences(criterion, evaluator, theta);
                numeric.add(fd);
                scale = Math.max(scale, 1e-9 * Math.abs(f));
                for (double v : fd) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            for (int k = 0; k < points.size(); k++) {
                for (int i = 0; i < diagonal.length; i++) {
                    double fd = numeric.get(k)[i];
                    double[] ways = new double[IDENTITY_WAYS.size() + 1];
                    for (int w = 0; w < IDENTITY_WAYS.size(); w++) {
                        ways[w] = analytic.get(k * IDENTITY_WAYS.size() + w)[i];
                    }
                    ways[IDENTITY_WAYS.size()] = full.get(k)[i];
                    for (double a : ways) {
                        assertTrue(Math.abs(a - fd) <= TOLERANCE * scale,
                                id + " reml=" + reml + " theta=" + java.util.Arrays.toString(points.get(k)) + " component "
                                        + i + ": analytic " + a + " vs finite differences " + fd + " (scale " + scale + ")");
                    }
                }
            }
        }
    }

    /** Fourth-order central differences: (8(f(+h) − f(−h)) − (f(+2h) − f(−2h))) / 12h. */
    static double[] finiteDifferences(ProfiledGradient criterion, BlockedPlsEvaluator evaluator, double[] theta) {
        double[] out = new double[theta.length];
        double[] t = theta.clone();
        for (int i = 0; i < theta.length; i++) {
            double h = 1e-3 * Math.max(1.0, Math.abs(theta[i]));
            double[] v = new double[4];
            double[] steps = {h, -h, 2 * h, -2 * h};
            for (int k = 0; k < 4; k++) {
                t[i] = theta[i] + steps[k];
                v[k] = criterion.value(evaluator, t);
            }
            t[i] = theta[i];
            out[i] = (8 * (v[0] - v[1]) - (v[2] - v[3])) / (12 * h);
        }
        return out;
    }
}
