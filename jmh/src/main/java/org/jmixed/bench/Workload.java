package org.jmixed.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.ModelFrame;
import org.jmixed.model.ModelFrameBuilder;
import org.jmixed.model.ProfiledObjective;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsBackend;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * What a benchmark trial needs, built once per trial: the model frame, the backend-level problem,
 * lme4's start θ (1 on the diagonals of every template, 0 elsewhere) and the chosen backend, after
 * checking that the backend can run here and agrees with the pure-Java backend at that θ.
 */
public final class Workload {
    /** Largest relative difference of the REML criterion between a backend and {@code java}. */
    public static final double AGREEMENT_TOLERANCE = 1e-9;
    /** The reference backend of the agreement check. */
    public static final String REFERENCE_BACKEND = "java";

    public final String problemName;
    public final ModelFrame frame;
    public final PlsProblem problem;
    public final double[] theta;
    public final PlsBackend backend;
    /** REML criterion at {@link #theta} by the backend under test (checked against java). */
    public final double objective;

    private Workload(String problemName, ModelFrame frame, PlsProblem problem, double[] theta, PlsBackend backend,
                     double objective) {
        this.problemName = problemName;
        this.frame = frame;
        this.problem = problem;
        this.theta = theta;
        this.backend = backend;
        this.objective = objective;
    }

    /**
     * Finds the backend (or throws {@link BackendSkipped}), builds the problem and checks agreement
     * (or throws {@link IllegalStateException}).
     */
    public static Workload prepare(String problemName, String backendName) {
        PlsBackend backend = backend(backendName);
        Problems.Problem p = Problems.get(problemName);
        ModelFrame frame = ModelFrameBuilder.build(p.data().get(), p.formula());
        PlsProblem problem = LinearMixedModel.plsProblem(frame);
        double[] theta = startTheta(problem);
        double value = objectiveAt(backend, problem, theta);
        if (!backend.name().equals(REFERENCE_BACKEND)) {
            double reference = objectiveAt(backend(REFERENCE_BACKEND), problem, theta);
            double rel = Math.abs(value - reference) / Math.max(Math.abs(reference), Double.MIN_NORMAL);
            if (!(rel <= AGREEMENT_TOLERANCE)) {
                throw new IllegalStateException(String.format(
                        "refusing to benchmark: backend '%s' disagrees with '%s' on problem '%s' at lme4's start θ: "
                                + "REML criterion %.17g vs %.17g (relative difference %.3g > %.0e)",
                        backend.name(), REFERENCE_BACKEND, problemName, value, reference, rel, AGREEMENT_TOLERANCE));
            }
        }
        return new Workload(problemName, frame, problem, theta, backend, value);
    }

    /** The backend of this name when it is on the class path and available, else {@link BackendSkipped}. */
    public static PlsBackend backend(String name) {
        List<PlsBackend> all = Backends.all();
        List<String> names = new ArrayList<>();
        for (PlsBackend b : all) {
            names.add(b.name());
            if (b.name().equals(name)) {
                Optional<String> why = b.unavailableReason();
                if (why.isPresent()) {
                    throw new BackendSkipped("backend '" + name + "' is unavailable here: " + why.get());
                }
                return b;
            }
        }
        throw new BackendSkipped("backend '" + name + "' is not on the class path (found: " + String.join(", ", names) + ")");
    }

    /** lme4's start: 1 on the diagonal of each term's template, 0 below it. */
    public static double[] startTheta(PlsProblem problem) {
        double[] theta = new double[problem.thetaLength()];
        for (TermStructure t : problem.terms()) {
            for (int i = 0; i < t.thetaLength(); i++) {
                theta[t.thetaOffset() + i] = t.isDiagonal(i) ? 1.0 : 0.0;
            }
        }
        return theta;
    }

    /** The profiled REML criterion from one factorization: log|L|² + log|RX|² + (n−p)(1 + log(2π r²/(n−p))). */
    public static double reml(PlsFactorSummary s, int n, int p) {
        return ProfiledObjective.value(s, n, p, true);
    }

    private static double objectiveAt(PlsBackend backend, PlsProblem problem, double[] theta) {
        try (PlsEvaluator ev = backend.open(problem)) {
            PlsFactorSummary s = new PlsFactorSummary();
            ev.factor(theta.clone(), s);
            return reml(s, problem.n(), problem.p());
        }
    }

    /** Thrown in a trial's setup when the backend cannot run here: ./bench reports it as skipped. */
    public static final class BackendSkipped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BackendSkipped(String message) {
            super("SKIPPED: " + message);
        }
    }
}
