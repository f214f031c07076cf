package org.jmixed.model;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.jmixed.JmixedException;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;

/**
 * Where a fit chooses between the derivative-free search ({@link ThetaOptimizer}, BOBYQA) and the
 * gradient-based one ({@link GradientOptimizer} with {@link ProfiledGradient}). The system
 * property {@value #PROPERTY} forces either: {@code bobyqa}, {@code gradient}, or {@code auto} (the
 * default: the gradient whenever the evaluator gives a selected inverse).
 */
final class GradientFit {
    static final String PROPERTY = "jmixed.optimizer";

    /** The optimum, the warnings of the gradient-based convergence check, and the work done. */
    record Outcome(ThetaOptimizer.Result result, List<String> problems, int gradients, int iterations) {
    }

    private GradientFit() {
    }

    /** Whether this fit should optimize with the gradient. */
    static boolean applies(PlsEvaluator evaluator, int thetaLength) {
        String mode = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "bobyqa":
                return false;
            case "gradient":
            case "auto":
                return thetaLength > 0 && evaluator.hasSelectedInverse();
            default:
                throw new JmixedException("system property " + PROPERTY + "=" + mode
                        + ": expected auto, bobyqa or gradient");
        }
    }

    /** Minimizes with the gradient; the evaluator must have a selected inverse. */
    static Outcome minimize(PlsEvaluator evaluator, PlsProblem problem, boolean reml, boolean[] diagonal,
                            int maxEvaluations, EvaluationListener listener, Supplier<double[]> guess) {
        GradientOptimizer optimizer = optimizer(evaluator, problem, reml, diagonal, maxEvaluations, listener);
        ThetaOptimizer.Result result = optimizer.minimize(guess.get());
        return new Outcome(result, optimizer.convergenceProblems(), optimizer.gradients(), optimizer.iterations());
    }

    /** As {@link #minimize}, from a known good start (refits), as {@link ThetaOptimizer#minimizeFrom}. */
    static Outcome minimizeFrom(PlsEvaluator evaluator, PlsProblem problem, boolean reml, boolean[] diagonal,
                                int maxEvaluations, double[] start) {
        GradientOptimizer optimizer = optimizer(evaluator, problem, reml, diagonal, maxEvaluations, null);
        ThetaOptimizer.Result result = optimizer.minimizeFrom(start);
        return new Outcome(result, optimizer.convergenceProblems(), optimizer.gradients(), optimizer.iterations());
    }

    private static GradientOptimizer optimizer(PlsEvaluator evaluator, PlsProblem problem, boolean reml,
                                               boolean[] diagonal, int maxEvaluations, EvaluationListener listener) {
        ProfiledGradient criterion = new ProfiledGradient(problem, reml);
        return new GradientOptimizer(new GradientOptimizer.Objective() {
            @Override
            public double value(double[] theta) {
                return criterion.value(evaluator, theta);
            }

            @Override
            public void gradient(double[] theta, double[] out) {
                if (!criterion.gradientAtLastFactor(evaluator, theta, out)) {
                    throw new IllegalStateException("evaluator lost its selected inverse: " + evaluator.description());
                }
            }
        }, diagonal, maxEvaluations, listener);
    }
}
