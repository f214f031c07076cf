package org.jmixed.model;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

import org.jmixed.spi.Backends;
import org.jmixed.data.DataFrame;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;

/**
 * Runs BOBYQA on a model as a fit does and compares its final model's gradient and curvature
 * with lme4's finite differences at the optimum: the measurements behind ModelConvergenceCheckTest.
 */
final class ModelCheckProbe {
    /** One component: model gradient and curvature, finite-difference ones, the model's error bound. */
    record Component(double modelGradient, double modelCurvature, double fdGradient, double fdCurvature,
                     boolean onBound, double analyticGradient) {
    }

    record Probe(double[] theta, double errorBound, Component[] components, ConvergenceCheck.Outcome modelCheck,
                 ConvergenceCheck.Outcome fdCheck, int searchEvaluations, boolean analytic) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("theta=" + Arrays.toString(theta) + " bound=" + errorBound
                    + " search=" + searchEvaluations + " analytic=" + analytic + " checkEvals model/fd=" + modelCheck.evaluations() + "/"
                    + fdCheck.evaluations() + " problems=" + modelCheck.problems() + "/" + fdCheck.problems());
            for (Component c : components) {
                sb.append(String.format("%n   g %.4g vs %.4g (analytic %.4g)  H %.4g vs %.4g%s", c.modelGradient,
                        c.fdGradient, c.analyticGradient, c.modelCurvature, c.fdCurvature, c.onBound ? " (bound)" : ""));
            }
            return sb.toString();
        }
    }

    private ModelCheckProbe() {
    }

    static Probe probe(DataFrame data, String formula, boolean reml, int maxEvaluations) {
        PreparedModel prepared = LinearMixedModel.prepare(data, formula);
        PlsProblem problem = prepared.problem();
        boolean[] diagonal = prepared.thetaLowerBounded();
        try (PlsEvaluator evaluator = Backends.choose("java", problem).backend().open(problem)) {
            PlsFactorSummary summary = new PlsFactorSummary();
            ToDoubleFunction<double[]> objective = theta -> {
                evaluator.factor(theta, summary);
                return ProfiledObjective.value(summary, problem.n(), problem.p(), reml);
            };
            ThetaOptimizer optimizer = new ThetaOptimizer(objective, diagonal, maxEvaluations);
            ThetaOptimizer.Result opt = optimizer.minimizeFromMoments(problem);
            Bobyqa.Model model = optimizer.finalModel();
            double[] theta = opt.theta();
            int[] counter = new int[1];
            ToDoubleFunction<double[]> counted = t -> {
                counter[0]++;
                return objective.applyAsDouble(t);
            };
            OptimumCheck.Result check = OptimumCheck.run(evaluator, problem, reml, counted, theta, opt.value(),
                    diagonal, model);
            ConvergenceCheck.Outcome withModel = check.outcome();
            if (counter[0] != withModel.evaluations()) {
                throw new IllegalStateException("check counted " + withModel.evaluations() + ", made " + counter[0]);
            }
            ConvergenceCheck.Outcome fd = ConvergenceCheck.check(objective, theta, opt.value(), diagonal,
                    java.util.List.of());
            double[] analytic = null;
            if (evaluator.hasSelectedInverse()) {
                ProfiledGradient criterion = new ProfiledGradient(problem, reml);
                analytic = new double[theta.length];
                criterion.value(evaluator, theta);
                criterion.gradientAtLastFactor(evaluator, theta, analytic);
            }
            Component[] components = new Component[theta.length];
            ModelGradientEstimate estimate = model == null ? null : ModelGradientEstimate.at(model, theta, opt.value());
            for (int i = 0; i < theta.length; i++) {
                double h = ConvergenceCheck.STEP * Math.max(Math.abs(theta[i]), 1.0);
                double[] t = theta.clone();
                t[i] += h;
                double up = objective.applyAsDouble(t);
                t[i] = theta[i] - h;
                boolean onBound = diagonal[i] && theta[i] == 0.0;
                double down = onBound ? Double.NaN : objective.applyAsDouble(t);
                double g = onBound ? (up - opt.value()) / h : (up - down) / (2 * h);
                double c = (up - 2 * opt.value() + down) / (h * h);
                components[i] = new Component(estimate == null ? Double.NaN : estimate.gradient[i],
                        estimate == null ? Double.NaN : estimate.curvature[i], g, c, onBound,
                        analytic == null ? Double.NaN : analytic[i]);
            }
            return new Probe(theta, estimate == null ? Double.NaN : estimate.errorBound, components, withModel, fd,
                    opt.evaluations(), check.analytic());
        }
    }
}
