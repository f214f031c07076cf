package org.jmixed.spi;

import java.util.Optional;

/**
 * A provider of PLS factorizations, found through {@link java.util.ServiceLoader}. Backends are
 * named ({@code java}, {@code cholmod}, {@code cuda}) and chosen by name or automatically.
 */
public interface PlsBackend {

    /** Short name used by {@code --backend}. */
    String name();

    /** One line describing the implementation, e.g. which dense kernels are active. */
    String description();

    /** Empty when the backend can run here, else why not (missing library, no device). */
    Optional<String> unavailableReason();

    /**
     * For automatic selection: the backend's estimate of the cost of one evaluation of this
     * problem in seconds, or empty when it would rather not take it or knows it cannot run here.
     * Called before {@link #unavailableReason()}, which automatic selection asks only of the
     * cheapest candidates: an estimate that needs no native code should not load any.
     */
    default Optional<Double> estimatedSecondsPerEvaluation(PlsProblem problem) {
        return Optional.empty();
    }

    /**
     * Loads what the backend needs before its first problem (e.g. a native BLAS), so that callers
     * can overlap it with reading data; selection and {@link #open} do it anyway when needed.
     * Backends whose loading is costly and often wasted (a library that automatic selection may
     * never pick) leave this empty.
     */
    default void preload() {
    }

    /** Analyses the problem once and returns an evaluator for repeated factorizations. */
    PlsEvaluator open(PlsProblem problem);
}
