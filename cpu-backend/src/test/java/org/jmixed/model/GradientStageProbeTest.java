package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BOBYQA's early end by the analytic gradient ({@link GradientStageProbe}): the Newton-step rule
 * itself, and on the reference models searched by BOBYQA the same optimum as the search without
 * the probe (objective and θ), never more evaluations, and the probe's gradient handed on only
 * where it is the gradient at the returned θ.
 */
class GradientStageProbeTest {
    /** The objective may end higher than without the probe by at most this share of it. */
    static final double OBJECTIVE_SHARE = 1e-11;
    /** θ within this of the search without the probe, relative to max(1, |θ|∞). */
    static final double THETA_TOLERANCE = 1e-4;

    @Test
    void aSmallGradientAtAPositiveCurvatureSettles() {
        double[] h = {4.0, 1.0, 1.0, 3.0};
        assertTrue(GradientStageProbe.newtonStepSettles(new double[] {1e-7, -2e-7}, h, 1e-5, 1e-12));
    }

    @Test
    void aStepBeyondTheResolutionDoesNotSettle() {
        double[] h = {4.0, 1.0, 1.0, 3.0};
        // decrease ½g'H⁻¹g ≈ 2.3e-11 (allowed 1e-9), but the step ≈ 2.7e-6 / 0.25 > rho = 1e-6
        assertFalse(GradientStageProbe.newtonStepSettles(new double[] {1e-5, 1e-5}, h, 1e-6, 1e-9));
    }

    @Test
    void aDecreaseBeyondTheShareDoesNotSettle() {
        double[] h = {4.0, 1.0, 1.0, 3.0};
        // step ≈ 2.7e-4 / 0.25 within rho = 1e-2, decrease ≈ 2.3e-7 above 1e-8
        assertFalse(GradientStageProbe.newtonStepSettles(new double[] {1e-3, 1e-3}, h, 1e-2, 1e-8));
    }

    @Test
    void aModelThatIsNotConvexDoesNotSettle() {
        assertFalse(GradientStageProbe.newtonStepSettles(new double[] {0.0, 0.0}, new double[] {1.0, 2.0, 2.0, 1.0},
                1.0, 1.0));
        assertFalse(GradientStageProbe.newtonStepSettles(new double[] {0.0}, new double[] {Double.NaN}, 1.0, 1.0));
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("InstEval REML", "InstEval.csv", "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", true),
                Arguments.of("InstEval ML", "InstEval.csv", "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", false),
                Arguments.of("Penicillin", "Penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)", true),
                Arguments.of("Pastes", "Pastes.csv", "strength ~ 1 + (1 | batch/cask)", true),
                Arguments.of("sleepstudy uncorrelated", "sleepstudy.csv", "Reaction ~ Days + (Days || Subject)", true),
                Arguments.of("sleepstudy", "sleepstudy.csv", "Reaction ~ Days + (Days | Subject)", true),
                Arguments.of("Orthodont", "Orthodont.csv", "distance ~ age * Sex + (age | Subject)", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theProbeEndsAtTheSameOptimumWithNoMoreEvaluations(String name, String file, String formula, boolean reml) {
        PreparedModel prepared = LinearMixedModel.prepare(CsvReader.read(SharedData.data(file)), formula);
        Run plain = new Run(prepared, reml, false);
        Run probed = new Run(prepared, reml, true);
        assertTrue(probed.opt.evaluations() <= plain.opt.evaluations(),
                name + ": " + probed.opt.evaluations() + " evaluations with the probe, " + plain.opt.evaluations() + " without");
        assertTrue(probed.opt.value() <= plain.opt.value() + OBJECTIVE_SHARE * Math.abs(plain.opt.value()),
                name + ": objective " + probed.opt.value() + " with the probe, " + plain.opt.value() + " without");
        double scale = 1.0;
        for (double t : plain.opt.theta()) {
            scale = Math.max(scale, Math.abs(t));
        }
        for (int i = 0; i < plain.opt.theta().length; i++) {
            assertTrue(Math.abs(probed.opt.theta()[i] - plain.opt.theta()[i]) <= THETA_TOLERANCE * scale,
                    name + ": theta " + Arrays.toString(probed.opt.theta()) + " with the probe, "
                            + Arrays.toString(plain.opt.theta()) + " without");
        }
        if (probed.opt.evaluations() < plain.opt.evaluations()) {
            // it ended the search: its gradient is the one at the returned θ, where the evaluator still is
            double[] handed = probed.probe.gradientAt(probed.opt.theta());
            assertNotNull(handed, name + ": the probe ended the search but hands no gradient at its θ");
            ProfiledGradient fresh = new ProfiledGradient(probed.problem, reml);
            double[] g = new double[handed.length];
            fresh.valueAndGradient(probed.evaluator, probed.opt.theta(), g);
            assertArrayEquals(g, handed, 1e-9 * Math.max(1.0, Math.abs(probed.opt.value())), name);
        }
        if (name.equals("InstEval REML")) {
            assertTrue(probed.opt.evaluations() < plain.opt.evaluations(),
                    "InstEval: the probe ends the last stage (" + probed.opt.evaluations() + " against "
                            + plain.opt.evaluations() + " evaluations)");
        }
        plain.evaluator.close();
        probed.evaluator.close();
    }

    @Test
    void noGradientIsHandedOnForAnotherTheta() {
        PreparedModel prepared = LinearMixedModel.prepare(CsvReader.read(SharedData.data("InstEval.csv")),
                "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)");
        Run probed = new Run(prepared, true, true);
        double[] theta = probed.opt.theta();
        assertNotNull(probed.probe.gradientAt(theta));
        double[] other = theta.clone();
        other[0] += 1e-3;
        probed.objective.applyAsDouble(other);
        // the evaluator has moved on: the gradient at θ no longer matches its factorization
        assertTrue(probed.probe.gradientAt(theta) == null);
        probed.evaluator.close();
    }

    /** A BOBYQA search as a fit runs it, with or without the probe, its evaluator left open. */
    private static final class Run {
        final PlsProblem problem;
        final PlsEvaluator evaluator;
        final ToDoubleFunction<double[]> objective;
        final GradientStageProbe probe;
        final ThetaOptimizer.Result opt;

        Run(PreparedModel prepared, boolean reml, boolean withProbe) {
            problem = prepared.problem();
            boolean[] diagonal = prepared.thetaLowerBounded();
            evaluator = Backends.choose("java", problem).backend().open(problem);
            PlsFactorSummary summary = new PlsFactorSummary();
            double[] present = new double[diagonal.length];
            objective = t -> {
                System.arraycopy(t, 0, present, 0, present.length);
                evaluator.factor(t, summary);
                return ProfiledObjective.value(summary, problem.n(), problem.p(), reml);
            };
            ThetaOptimizer optimizer = new ThetaOptimizer(objective, diagonal, 10_000);
            probe = withProbe ? new GradientStageProbe(evaluator, problem, reml, objective, present, summary, diagonal,
                    ThetaOptimizer.SETTLED.decrease()) : null;
            if (probe != null) {
                optimizer.withStageProbe(probe);
            }
            opt = optimizer.minimizeFromMoments(problem);
        }
    }
}
