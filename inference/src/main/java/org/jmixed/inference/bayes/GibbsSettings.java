package org.jmixed.inference.bayes;

import org.jmixed.JmixedException;

/**
 * How long and how many chains to run.
 *
 * @param iterations iterations per chain, burn-in included
 * @param burnIn     iterations dropped at the start of each chain
 * @param chains     independent chains, each with its own random stream split from the seed
 * @param seed       the seed; the draws depend on it alone, not on the number of threads
 * @param threads    threads to run chains on (≤ 0: one per chain up to the number of processors)
 * @param scheme     the update order
 */
public record GibbsSettings(int iterations, int burnIn, int chains, long seed, int threads, GibbsScheme scheme) {
    /** The seed notes' componentwise scheme. */
    public GibbsSettings(int iterations, int burnIn, int chains, long seed, int threads) {
        this(iterations, burnIn, chains, seed, threads, GibbsScheme.COMPONENTWISE);
    }

    public GibbsSettings {
        if (scheme == null) {
            throw new IllegalArgumentException("scheme");
        }
        if (chains < 1) {
            throw new JmixedException("--chains must be at least 1, not " + chains);
        }
        if (burnIn < 0) {
            throw new JmixedException("--burn-in must not be negative, not " + burnIn);
        }
        if (iterations - burnIn < 4) {
            throw new JmixedException("--iterations (" + iterations + ") must exceed --burn-in (" + burnIn
                    + ") by at least 4, so that the diagnostics have draws to split");
        }
    }

    /** The kept draws per chain. */
    public int kept() {
        return iterations - burnIn;
    }
}
