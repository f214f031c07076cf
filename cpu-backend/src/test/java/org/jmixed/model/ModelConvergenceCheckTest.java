package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convergence check without finite differences (issue 14): at the end of BOBYQA, its final
 * model and the analytic gradient against lme4's finite differences, on the reference models with
 * two or more θ (searched by BOBYQA) and on simulated crossed, nested and vector-valued designs.
 */
class ModelConvergenceCheckTest {
    /**
     * The analytic gradient and the finite differences must agree on lme4's measure: the gradient
     * difference, scaled as lme4 scales (by √H where H > 1), within this share of the tolerance.
     */
    static final double MEASURE_AGREEMENT = 0.05;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("InstEval REML", shared("InstEval.csv"), "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", true),
                Arguments.of("InstEval ML", shared("InstEval.csv"), "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", false),
                Arguments.of("Penicillin", shared("Penicillin.csv"), "diameter ~ 1 + (1 | plate) + (1 | sample)", true),
                Arguments.of("Pastes", shared("Pastes.csv"), "strength ~ 1 + (1 | batch/cask)", true),
                Arguments.of("sleepstudy uncorrelated", shared("sleepstudy.csv"), "Reaction ~ Days + (Days || Subject)", true),
                Arguments.of("sleepstudy", shared("sleepstudy.csv"), "Reaction ~ Days + (Days | Subject)", true),
                Arguments.of("sleepstudy ML", shared("sleepstudy.csv"), "Reaction ~ Days + (Days | Subject)", false),
                Arguments.of("Orthodont", shared("Orthodont.csv"), "distance ~ age * Sex + (age | Subject)", true),
                Arguments.of("simulated crossed", crossed(1), "y ~ 1 + x + (1 | user) + (1 | item)", true),
                Arguments.of("simulated nested", nested(2), "y ~ 1 + x + (1 | district/school)", true),
                Arguments.of("simulated slopes", slopes(3), "y ~ 1 + x + (1 + x | g)", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void modelAndAnalyticEstimatesAgreeWithFiniteDifferences(String name, DataFrame data, String formula, boolean reml) {
        ModelCheckProbe.Probe probe = ModelCheckProbe.probe(data, formula, reml, 10_000);
        // the same verdict, here a pass, at a fraction of the evaluations
        assertEquals(List.of(), probe.fdCheck().problems(), name + ": " + probe);
        assertEquals(List.of(), probe.modelCheck().problems(), name + ": " + probe);
        assertTrue(probe.modelCheck().evaluations() < probe.fdCheck().evaluations(), name + ": " + probe);
        for (ModelCheckProbe.Component c : probe.components()) {
            double scale = Math.max(1.0, Math.sqrt(Math.max(c.fdCurvature(), 0.0)));
            // the model's gradient within its stated bound of the finite differences' (plus the
            // finite differences' own error, bounded by the analytic gradient's distance from them)
            double fdError = Double.isNaN(c.analyticGradient()) ? 0.0
                    : Math.abs(c.analyticGradient() - c.fdGradient());
            assertTrue(Math.abs(c.modelGradient() - c.fdGradient()) <= probe.errorBound() + 2 * fdError + 1e-9,
                    name + ": model gradient outside its bound: " + probe);
            // the curvature assumption behind the scaled measure
            if (!c.onBound()) {
                assertTrue(c.fdCurvature() >= ConvergenceCheck.CURVATURE_SHARE * c.modelCurvature(),
                        name + ": curvature below the assumed share of the model's: " + probe);
            }
            if (!Double.isNaN(c.analyticGradient()) && !c.onBound()) {
                assertTrue(Math.abs(c.analyticGradient() - c.fdGradient()) / scale
                                <= MEASURE_AGREEMENT * ConvergenceCheck.GRADIENT_TOLERANCE,
                        name + ": analytic and finite-difference gradients differ: " + probe);
            }
        }
    }

    @Test
    void theCheckCostsNoEvaluationWhereTheAnalyticGradientSettlesIt() {
        // InstEval: three θ, six finite-difference evaluations before; the blocked evaluator's
        // analytic gradient with the model's curvature settles every component
        ModelCheckProbe.Probe probe = ModelCheckProbe.probe(shared("InstEval.csv"),
                "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", true, 10_000);
        assertTrue(probe.analytic(), probe.toString());
        assertEquals(0, probe.modelCheck().evaluations(), probe.toString());
        assertEquals(6, probe.fdCheck().evaluations(), probe.toString());
    }

    @Test
    void theModelAloneSettlesWhatItsBoundAllows() {
        // sleepstudy (Days | Subject) by BOBYQA: the model settles two of three components; the
        // third costs two evaluations, less than an analytic gradient (about three)
        ModelCheckProbe.Probe probe = ModelCheckProbe.probe(shared("sleepstudy.csv"),
                "Reaction ~ Days + (Days | Subject)", true, 10_000);
        assertFalse(probe.analytic(), probe.toString());
        assertEquals(2, probe.modelCheck().modelComponents(), probe.toString());
        assertEquals(2, probe.modelCheck().evaluations(), probe.toString());
    }

    @Test
    void aPointThatIsNotTheOptimumStillFailsByFiniteDifferences() {
        List<String> problems = checkAwayFromTheOptimum("Penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)",
                0, 1.2);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("model failed to converge"), problems.toString());
    }

    @Test
    void aBoundaryPointWhereTheObjectiveFallsInsideGetsTheBoundaryWarning() {
        List<String> problems = checkAwayFromTheOptimum("Pastes.csv", "strength ~ 1 + (1 | batch/cask)", 0, 0.0);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("objective decreases away from the boundary at theta[")),
                problems.toString());
    }

    /**
     * The check (model, analytic gradient, finite differences) at the optimum with θ_i multiplied
     * by factor; asserts that its warnings are those of finite differences alone, and returns them.
     */
    private static List<String> checkAwayFromTheOptimum(String file, String formula, int i, double factor) {
        try (Search s = search(shared(file), formula, true)) {
            double[] theta = s.opt.theta().clone();
            theta[i] *= factor;
            double value = s.objective.applyAsDouble(theta);
            OptimumCheck.Result check = OptimumCheck.run(s.evaluator, s.problem, true, s.objective, theta, value,
                    s.diagonal, s.model);
            assertEquals(ConvergenceCheck.check(s.objective, theta, value, s.diagonal), check.outcome().problems());
            return check.outcome().problems();
        }
    }

    @Test
    void thePresentFactorizationAtTheOptimumGivesTheSameCheckAsARefactorization() {
        // InstEval's best point is BOBYQA's last evaluation: the fit hands the check the evaluator's
        // present factor summary instead of factoring at θ again; verdict and summary must not change
        try (Search s = search(shared("InstEval.csv"), "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", true)) {
            double[] theta = s.opt.theta();
            PlsFactorSummary present = new PlsFactorSummary();
            s.evaluator.factor(theta, present);
            OptimumCheck.Result reused = OptimumCheck.run(s.evaluator, s.problem, true, s.objective, theta,
                    s.opt.value(), s.diagonal, s.model, present);
            OptimumCheck.Result refactored = OptimumCheck.run(s.evaluator, s.problem, true, s.objective, theta,
                    s.opt.value(), s.diagonal, s.model);
            assertTrue(reused.analytic() && refactored.analytic());
            assertEquals(refactored.outcome().problems(), reused.outcome().problems());
            assertEquals(refactored.outcome().evaluations(), reused.outcome().evaluations());
            assertEquals(refactored.summary().logDetL, reused.summary().logDetL, 0.0);
            assertEquals(refactored.summary().logDetRX, reused.summary().logDetRX, 0.0);
            assertEquals(refactored.summary().pwrss, reused.summary().pwrss, 0.0);
            assertEquals(present.pwrss, reused.summary().pwrss, 0.0);
        }
    }

    @Test
    void aSingularFitAtTheBoundaryPassesAsBefore() {
        // a crossed design whose second term has no variance: θ lands on its bound
        DataFrame data = crossedWithoutItemVariance(5);
        String formula = "y ~ 1 + x + (1 | user) + (1 | item)";
        FitResult fit = LinearMixedModel.fit(data, formula, FitOptions.defaults());
        assertTrue(fit.singular(), fit.messages().toString());
        assertTrue(fit.converged(), fit.messages().toString());
        ModelCheckProbe.Probe probe = ModelCheckProbe.probe(data, formula, true, 10_000);
        assertEquals(probe.fdCheck().problems(), probe.modelCheck().problems(), probe.toString());
    }

    @Test
    void aFitStoppedEarlyStillGetsTheWarning() {
        FitResult fit = LinearMixedModel.fit(shared("InstEval.csv"), "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)",
                FitOptions.defaults().withMaxEvaluations(8));
        assertFalse(fit.converged());
        assertTrue(fit.messages().stream().anyMatch(m -> m.contains("without converging")), fit.messages().toString());
    }

    // -------------------------------------------------------------------------------------------

    private static DataFrame shared(String file) {
        return CsvReader.read(SharedData.data(file));
    }

    /** A BOBYQA search as a fit runs it, with its evaluator left open. */
    private static final class Search implements AutoCloseable {
        final PlsProblem problem;
        final boolean[] diagonal;
        final PlsEvaluator evaluator;
        final ToDoubleFunction<double[]> objective;
        final ThetaOptimizer.Result opt;
        final Bobyqa.Model model;

        Search(PreparedModel prepared, boolean reml) {
            problem = prepared.problem();
            diagonal = prepared.thetaLowerBounded();
            evaluator = Backends.choose("java", problem).backend().open(problem);
            PlsFactorSummary summary = new PlsFactorSummary();
            objective = t -> {
                evaluator.factor(t, summary);
                return ProfiledObjective.value(summary, problem.n(), problem.p(), reml);
            };
            ThetaOptimizer optimizer = new ThetaOptimizer(objective, diagonal, 10_000);
            opt = optimizer.minimizeFromMoments(problem);
            model = optimizer.finalModel();
        }

        @Override
        public void close() {
            evaluator.close();
        }
    }

    private static Search search(DataFrame data, String formula, boolean reml) {
        return new Search(LinearMixedModel.prepare(data, formula), reml);
    }

    private static DataFrame crossed(long seed) {
        return crossedDesign(seed, 0.8, 0.5);
    }

    private static DataFrame crossedWithoutItemVariance(long seed) {
        return crossedDesign(seed, 0.8, 0.0);
    }

    /** Users × items, each pair observed with probability ½, random intercepts of the given sds. */
    private static DataFrame crossedDesign(long seed, double userSd, double itemSd) {
        Random r = new Random(seed);
        int users = 60;
        int items = 25;
        double[] ue = normals(r, users, userSd);
        double[] ie = normals(r, items, itemSd);
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (r.nextBoolean()) {
                    double x = r.nextGaussian();
                    rows.add(new double[] {1 + 0.5 * x + ue[u] + ie[i] + r.nextGaussian(), x, u, i});
                }
            }
        }
        return frame(rows, "user", "u", "item", "i");
    }

    /** Districts / schools (unbalanced), random intercepts at both levels. */
    private static DataFrame nested(long seed) {
        Random r = new Random(seed);
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        int school = 0;
        for (int d = 0; d < 12; d++) {
            double de = 0.7 * r.nextGaussian();
            int schools = 2 + r.nextInt(4);
            for (int s = 0; s < schools; s++, school++) {
                double se = 0.4 * r.nextGaussian();
                int pupils = 3 + r.nextInt(10);
                for (int k = 0; k < pupils; k++) {
                    double x = r.nextGaussian();
                    rows.add(new double[] {2 + 0.3 * x + de + se + r.nextGaussian(), x, d, school});
                }
            }
        }
        return frame(rows, "district", "d", "school", "s");
    }

    /** Correlated random intercepts and slopes in 30 groups. */
    private static DataFrame slopes(long seed) {
        Random r = new Random(seed);
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        for (int g = 0; g < 30; g++) {
            double a = r.nextGaussian();
            double b = 0.5 * a + 0.4 * r.nextGaussian();
            for (int k = 0; k < 8; k++) {
                double x = k - 3.5;
                rows.add(new double[] {1 + 0.2 * x + a + b * x + r.nextGaussian(), x, g, 0});
            }
        }
        DataFrame.Builder b = DataFrame.builder("simulated-slopes");
        b.numeric("y", column(rows, 0)).numeric("x", column(rows, 1)).categorical("g", labels(rows, 2, "g"));
        return b.build();
    }

    private static DataFrame frame(java.util.List<double[]> rows, String first, String firstPrefix, String second,
                                   String secondPrefix) {
        return DataFrame.builder("simulated").numeric("y", column(rows, 0)).numeric("x", column(rows, 1))
                .categorical(first, labels(rows, 2, firstPrefix)).categorical(second, labels(rows, 3, secondPrefix))
                .build();
    }

    private static double[] normals(Random r, int count, double sd) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = sd * r.nextGaussian();
        }
        return out;
    }

    private static double[] column(java.util.List<double[]> rows, int c) {
        return rows.stream().mapToDouble(row -> row[c]).toArray();
    }

    private static String[] labels(java.util.List<double[]> rows, int c, String prefix) {
        return rows.stream().map(row -> prefix + (int) row[c]).toArray(String[]::new);
    }
}
