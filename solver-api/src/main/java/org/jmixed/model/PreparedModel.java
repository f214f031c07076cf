package org.jmixed.model;

import java.util.List;

import org.jmixed.spi.PlsProblem;

/**
 * A model frame made ready for a backend: aliased fixed-effects columns removed, random-effects
 * terms ordered by number of levels (largest first, stable), cross-products computed. Everything
 * that evaluates the model away from its optimum (profiles, degrees of freedom, simulation) starts
 * here, opening an evaluator of {@link #problem()} through {@link org.jmixed.spi.Backends}.
 *
 * @param frame      the evaluated formula, before aliased columns were dropped
 * @param problem    the penalized least-squares problem, terms in {@link #terms()} order
 * @param terms      the random-effects terms in the problem's order (by number of levels)
 * @param fixedNames the fixed-effects columns kept
 * @param dropped    the fixed-effects columns dropped as linear combinations of others
 * @param x          the kept fixed-effects matrix, n × fixedNames.size(), column-major
 */
public record PreparedModel(ModelFrame frame, PlsProblem problem, List<RandomTermData> terms,
                            List<String> fixedNames, List<String> dropped, double[] x) {
    public PreparedModel {
        terms = List.copyOf(terms);
        fixedNames = List.copyOf(fixedNames);
        dropped = List.copyOf(dropped);
    }

    /** Whether each element of θ is a diagonal element of its term's template (bounded below by 0). */
    public boolean[] thetaLowerBounded() {
        boolean[] diagonal = new boolean[problem.thetaLength()];
        for (org.jmixed.spi.TermStructure t : problem.terms()) {
            for (int i = 0; i < t.thetaLength(); i++) {
                diagonal[t.thetaOffset() + i] = t.isDiagonal(i);
            }
        }
        return diagonal;
    }
}
