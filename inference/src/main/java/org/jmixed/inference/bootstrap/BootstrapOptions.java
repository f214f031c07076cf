package org.jmixed.inference.bootstrap;

/**
 * How to run a parametric bootstrap.
 *
 * @param replicates  B, at least 1
 * @param seed        the run's seed; with it the replicates are the same bit for bit whatever
 *                    the number of threads
 * @param threads     worker threads (each with its own evaluator), at least 1
 * @param conditional simulate around the fitted values (random effects held at their BLUPs, new
 *                    noise only) instead of drawing new random effects
 */
public record BootstrapOptions(int replicates, long seed, int threads, boolean conditional) {
    public BootstrapOptions {
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be at least 1, not " + replicates);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
    }

    /** B replicates, all cores, new random effects. */
    public static BootstrapOptions of(int replicates, long seed) {
        return new BootstrapOptions(replicates, seed, ReplicateRunner.defaultThreads(), false);
    }

    public BootstrapOptions withThreads(int v) {
        return new BootstrapOptions(replicates, seed, v, conditional);
    }

    public BootstrapOptions withConditional(boolean v) {
        return new BootstrapOptions(replicates, seed, threads, v);
    }
}
