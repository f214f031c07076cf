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
 * default): the gradient where the evaluator gives a selected inverse and the predicted work,
 * counted in factorizations, is smaller (see {@link #gradientPredictedCheaper}).
 */
final class GradientFit {
    static final String PROPERTY = "jmixed.optimizer";

    /** The optimum, the warnings of the gradient-based convergence check, and the work done. */
    record Outcome(ThetaOptimizer.Result result, List<String> problems, int gradients, int iterations) {
    }

    private GradientFit() {
    }

    /** Whether this fit should optimize with the gradient. */
    static boolean applies(PlsEvaluator evaluator, int thetaLength, int termCount) {
        String mode = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "bobyqa":
                return false;
            case "gradient":
                return thetaLength > 0 && evaluator.hasSelectedInverse();
            case "auto":
                return thetaLength > 0 && evaluator.hasSelectedInverse()
                        && gradientPredictedCheaper(thetaLength, termCount);
            default:
                throw new JmixedException("system property " + PROPERTY + "=" + mode
                        + ": expected auto, bobyqa or gradient");
        }
    }

    /**
     * Which search is predicted to take less time. The gradient search takes about a dozen
     * iterations whatever m = length(θ) (6–33 evaluations on the reference fits, each iteration a
     * factorization plus a gradient); BOBYQA's grows with m (28–58 evaluations for one θ, 31–51 for
     * two, 41–120 for three, plus 2m for the finite-difference convergence check). A gradient costs
     * about one factorization for a single term (no dense trailing block), but with later terms the
     * trailing block's dense inverse and the sparse products beside it cost several: on a quiet
     * machine InstEval (three θ) optimized in 1.9–2.3 s with the gradient (13 iterations) against
     * 1.0–1.3 s with BOBYQA (41 evaluations), and the 400k crossed design (two θ) was slower too. So:
     * the gradient for one random-effects term only.
     */
    static boolean gradientPredictedCheaper(int thetaLength, int termCount) {
        return termCount <= 1;
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
