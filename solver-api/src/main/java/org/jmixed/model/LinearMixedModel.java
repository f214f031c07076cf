package org.jmixed.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.spi.BackendChoice;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.jmixed.spi.PlsSolution;

/**
 * Fits a linear mixed model by REML or maximum likelihood from a data frame and an lme4-style
 * formula:
 * <pre>
 *   DataFrame data = CsvReader.read(Path.of("examples/sleepstudy.csv"));
 *   FitResult fit = LinearMixedModel.fit(data, "Reaction ~ Days + (Days | Subject)", FitOptions.defaults());
 * </pre>
 * The steps: evaluate the formula (dropping rows with missing values), drop aliased fixed-effects
 * columns, order the random-effects terms by number of levels (largest first, as lme4 and
 * MixedModels.jl do, so the cheap block-diagonal term is eliminated first), compute the
 * cross-products once, choose a backend, minimize the profiled objective over θ (from lme4's start
 * or a moment-based guess, whichever is better), then solve for
 * β̂, û and the conditional variances at the optimum.
 */
public final class LinearMixedModel {
    private LinearMixedModel() {
    }

    public static FitResult fit(DataFrame data, String formula, FitOptions options) {
        return fit(ModelFrameBuilder.build(data, formula), options);
    }

    /**
     * As {@link #fit(DataFrame, String, FitOptions)}; {@code conditionalVariances = false} skips
     * the conditional variances of the random effects (their {@code condSd} are then NaN), for
     * outputs that do not show them, such as the text summary.
     */
    public static FitResult fit(DataFrame data, String formula, FitOptions options, boolean conditionalVariances) {
        ModelFrame frame = ModelFrameBuilder.build(data, formula);
        PhaseTimer.mark("model frame");
        return fit(prepare(frame), options, conditionalVariances);
    }

    /**
     * The penalized least-squares problem of a model frame, as backends see it: aliased
     * fixed-effects columns removed, random-effects terms ordered by number of levels (largest
     * first, stable). Benchmarks and tools that drive a backend directly start here.
     */
    public static PlsProblem plsProblem(ModelFrame frame) {
        return prepare(frame).problem();
    }

    /** Evaluates the formula on the data and prepares the problem, without fitting. */
    public static PreparedModel prepare(DataFrame data, String formula) {
        return prepare(ModelFrameBuilder.build(data, formula));
    }

    /**
     * Drops aliased fixed-effects columns, orders the random-effects terms and computes the
     * cross-products: everything before the optimization.
     */
    public static PreparedModel prepare(ModelFrame frame) {
        int n = frame.n();
        int[] keep = FixedEffectsRank.independentColumns(frame.x(), n, frame.p());
        List<String> fixedNames = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        double[] x = selectColumns(frame, keep, fixedNames, dropped);
        int p = keep.length;
        if (n <= p) {
            throw new JmixedException("formula '" + frame.formula() + "': " + n + " observations but " + p
                    + " fixed-effects columns; need more observations than columns");
        }
        List<RandomTermData> terms = new ArrayList<>(frame.randomTerms());
        // Stable: terms with equal numbers of levels keep their formula order, as in lme4.
        terms.sort(Comparator.comparingInt(RandomTermData::nLevels).reversed());
        PlsProblemBuilder builder = new PlsProblemBuilder(frame.adjustedResponse(), x, p);
        for (RandomTermData t : terms) {
            builder.addTerm(t.groupName(), t.nLevels(), t.levelOfRow(), t.columns(), t.width());
        }
        return new PreparedModel(frame, builder.build(), terms, fixedNames, dropped, x);
    }

    /** Fits an already evaluated model frame. */
    public static FitResult fit(ModelFrame frame, FitOptions options) {
        return fit(prepare(frame), options);
    }

    /** Fits a prepared model (the same model may be fitted several times, e.g. by REML and by ML). */
    public static FitResult fit(PreparedModel prepared, FitOptions options) {
        return fit(prepared, options, true);
    }

    /** As {@link #fit(PreparedModel, FitOptions)}, with or without the conditional variances. */
    public static FitResult fit(PreparedModel prepared, FitOptions options, boolean conditionalVariances) {
        PhaseTimer.mark("cross-products");
        if (StructuredFit.needed(prepared, options)) {
            return StructuredFit.fit(prepared, options);
        }
        ModelFrame frame = prepared.frame();
        PlsProblem problem = prepared.problem();
        // the problem's n: a frame whose rows stay elsewhere (Spark) holds no rows itself
        int n = problem.n();
        int p = problem.p();
        BackendChoice choice = Backends.choose(options.backend(), problem);

        boolean[] diagonal = prepared.thetaLowerBounded();
        boolean reml = options.reml();
        long start = System.nanoTime();
        try (PlsEvaluator evaluator = choice.backend().open(problem)) {
            PlsFactorSummary summary = new PlsFactorSummary();
            PhaseTimer.mark("backend choice and open");
            // θ of the evaluator's present factorization, so that the check can use it in place
            double[] lastTheta = new double[diagonal.length];
            java.util.function.ToDoubleFunction<double[]> objective = theta -> {
                System.arraycopy(theta, 0, lastTheta, 0, lastTheta.length);
                evaluator.factor(theta, summary);
                return ProfiledObjective.value(summary, n, p, reml);
            };
            ThetaOptimizer.Result opt;
            Bobyqa.Model bobyqaModel = null;
            GradientStageProbe probe = null;
            List<String> gradientProblems = null;
            List<String> messages = new ArrayList<>();
            if (options.fixedTheta() != null) {
                double[] theta = checkedFixedTheta(options.fixedTheta(), diagonal);
                opt = new ThetaOptimizer.Result(theta, objective.applyAsDouble(theta), 1, false);
                messages.add("evaluated at the given theta; not optimized");
            } else if (GradientFit.applies(evaluator, diagonal.length, problem.terms().size())) {
                GradientFit.Outcome outcome = GradientFit.minimize(evaluator, problem, reml, diagonal,
                        options.maxEvaluations(), options.listener(), () -> StartingValues.moments(problem));
                opt = outcome.result();
                gradientProblems = outcome.problems();
            } else {
                ThetaOptimizer optimizer = new ThetaOptimizer(objective, diagonal, options.maxEvaluations(),
                        options.listener());
                if (evaluator.hasSelectedInverse() && OptimumCheck.memoryAllows(problem)) {
                    probe = new GradientStageProbe(evaluator, problem, reml, objective, lastTheta, summary, diagonal,
                            ThetaOptimizer.SETTLED.decrease());
                    optimizer.withStageProbe(probe);
                }
                opt = optimizer.minimizeFromMoments(problem);
                bobyqaModel = optimizer.finalModel();
            }
            PhaseTimer.mark("optimizing (" + opt.evaluations() + " evaluations)");
            boolean converged = !opt.hitEvaluationLimit();
            String checkNote = "none";
            PlsFactorSummary factoredAtOptimum = null;
            if (options.fixedTheta() != null) {
                converged = false;
            } else if (!converged) {
                messages.add("optimizer stopped after the evaluation limit (" + options.maxEvaluations()
                        + ") without converging");
            } else {
                // The gradient path checks its own projected gradient: no finite-difference evaluations;
                // after BOBYQA, its final model and the analytic gradient spare what they can.
                List<String> problems = gradientProblems;
                if (problems != null) {
                    checkNote = "the optimizer's projected gradient";
                } else {
                    PlsFactorSummary present = java.util.Arrays.equals(lastTheta, opt.theta()) ? summary : null;
                    double[] known = probe == null ? null : probe.gradientAt(opt.theta());
                    OptimumCheck.Result check = OptimumCheck.run(evaluator, problem, reml, objective, opt.theta(),
                            opt.value(), diagonal, bobyqaModel, present, known);
                    problems = check.outcome().problems();
                    factoredAtOptimum = check.summary();
                    checkNote = "check " + check.outcome().evaluations() + " evaluations"
                            + (known != null ? " and the optimizer's analytic gradient"
                            : check.analytic() ? " and an analytic gradient" : "");
                }
                if (!problems.isEmpty()) {
                    converged = false;
                    messages.addAll(problems);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            PhaseTimer.mark("convergence check (" + checkNote + ")");

            if (factoredAtOptimum != null) {
                // the analytic gradient of the convergence check left the evaluator factored at the optimum
                summary.copyFrom(factoredAtOptimum);
            } else {
                evaluator.factor(opt.theta(), summary);
            }
            PlsSolution solution = evaluator.solve(conditionalVariances);
            PhaseTimer.mark(conditionalVariances ? "final solve with cond. var." : "final solve");
            double objectiveValue = ProfiledObjective.value(summary, n, p, reml);
            double sigma2 = ProfiledObjective.sigmaSquared(summary, n, p, reml);
            FitResult result = new ResultAssembler(frame, problem, prepared.terms(), prepared.fixedNames(),
                    prepared.x()).assemble(opt.theta(), objectiveValue, sigma2, solution, reml, diagonal, converged,
                    messages, prepared.dropped(), opt.evaluations(), seconds, choice, evaluator.description());
            PhaseTimer.mark("result (fitted values, residuals)");
            return result;
        }
    }

    private static double[] checkedFixedTheta(double[] theta, boolean[] diagonal) {
        if (theta.length != diagonal.length) {
            throw new JmixedException("theta has " + theta.length + " values but the model has " + diagonal.length);
        }
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i]) || (diagonal[i] && theta[i] < 0)) {
                throw new JmixedException("theta[" + (i + 1) + "] = " + theta[i]
                        + " is outside its bounds (diagonal elements must be >= 0)");
            }
        }
        return theta;
    }

    private static double[] selectColumns(ModelFrame frame, int[] keep, List<String> names, List<String> dropped) {
        int n = frame.n();
        double[] x = new double[n * keep.length];
        int next = 0;
        for (int j = 0; j < frame.p(); j++) {
            if (next < keep.length && keep[next] == j) {
                System.arraycopy(frame.x(), j * n, x, next * n, n);
                names.add(frame.fixedNames().get(j));
                next++;
            } else {
                dropped.add(frame.fixedNames().get(j));
            }
        }
        return x;
    }
}
