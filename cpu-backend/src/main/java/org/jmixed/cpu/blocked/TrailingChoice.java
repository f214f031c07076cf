package org.jmixed.cpu.blocked;

import java.util.List;
import java.util.Locale;

import org.jmixed.JmixedException;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.TermStructure;

/**
 * The trailing block's factorization for one problem, chosen once by estimated time: the dense
 * Cholesky costs order³/3 flops at the dense kernels' rate; the supernodal one the factor's flops at
 * a lower rate (smaller calls) plus a fixed cost per supernode and per element scattered (the
 * model and its measured constants are in {@link TrailingAnalysis}). Its
 * description says which one and why, for the {@code Backend:} line of a fit.
 */
final class TrailingChoice {
    static final String PROPERTY = "jmixed.trailing";

    /** Below this order the dense block costs well under a millisecond: no analysis. */
    static final int MIN_ORDER = 256;
    /**
     * A trailing block whose pattern is fuller than this before any fill (a randomly crossed
     * design) keeps the dense factorization without ordering it: no order can make its factor much
     * sparser, and the analysis of a nearly complete pattern costs a few dense factorizations.
     */
    static final double MAX_PATTERN_DENSITY = 0.5;
    /**
     * The supernodal factorization is chosen only when its factor needs at most this share of the
     * dense flops. The time model's dense rate is that of an order around 1,000 (45 GFLOP/s); at
     * larger orders OpenBLAS's dense Cholesky runs faster (about 80 GFLOP/s at order 10,000 on this
     * 2-core machine) while the supernodes' small calls stay on one core, so a saving of a fifth of
     * the flops is no saving: the 1M-row crossed design (100,000 × 10,000, 81% of the dense flops)
     * took 117 s to optimize supernodally against 114 s dense, plus 1.7 s of analysis.
     */
    static final double MAX_FLOP_SHARE = 0.5;

    private final TrailingAnalysis analysis;
    private final String description;

    private TrailingChoice(TrailingAnalysis analysis, String description) {
        this.analysis = analysis;
        this.description = description;
    }

    static TrailingChoice choose(List<TermStructure> terms, CrossProducts cross, TrailingFactorization mode) {
        int q2 = 0;
        for (int k = 1; k < terms.size(); k++) {
            q2 += terms.get(k).q();
        }
        TrailingFactorization effective = mode == TrailingFactorization.AUTO ? fromProperty() : mode;
        String dense = "dense trailing block of order " + q2;
        if (q2 == 0 || effective == TrailingFactorization.DENSE) {
            return new TrailingChoice(null, dense + (effective == TrailingFactorization.DENSE ? " (forced)" : ""));
        }
        if (effective == TrailingFactorization.AUTO && q2 < MIN_ORDER) {
            return new TrailingChoice(null, dense);
        }
        boolean forced = effective == TrailingFactorization.SUPERNODAL;
        TrailingPattern pattern = TrailingPattern.of(terms, cross, forced ? 1.0 : MAX_PATTERN_DENSITY);
        if (pattern.full()) {
            return new TrailingChoice(null, dense + String.format(Locale.ROOT, " (its pattern is over %.0f%% full)",
                    100 * MAX_PATTERN_DENSITY));
        }
        TrailingAnalysis analysis = new TrailingAnalysis(pattern);
        String flops = String.format(Locale.ROOT, "AMD, %.0f%% of dense flops", 100 * analysis.flops
                / analysis.denseFlops());
        String sparse = String.format(Locale.ROOT, "sparse trailing block of order %d (%s; %d supernodes + dense tail of %d",
                q2, flops, analysis.supernodes() - (analysis.tailOrder > 0 ? 1 : 0), analysis.tailOrder);
        if (forced) {
            return new TrailingChoice(analysis, sparse + ", forced)");
        }
        if (supernodalPays(analysis.flops, analysis.denseFlops(), analysis.estimatedSeconds,
                TrailingAnalysis.denseSeconds(q2))) {
            return new TrailingChoice(analysis, sparse + ")");
        }
        return new TrailingChoice(null, dense + " (sparse: " + flops + ", not estimated faster)");
    }

    /** The automatic rule: few enough flops, and faster by the time model. */
    static boolean supernodalPays(double flops, double denseFlops, double estimatedSeconds, double denseSeconds) {
        return flops <= MAX_FLOP_SHARE * denseFlops && estimatedSeconds < denseSeconds;
    }

    private static TrailingFactorization fromProperty() {
        String value = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "auto":
                return TrailingFactorization.AUTO;
            case "dense":
                return TrailingFactorization.DENSE;
            case "supernodal":
                return TrailingFactorization.SUPERNODAL;
            default:
                throw new JmixedException("system property " + PROPERTY + "=" + value
                        + ": expected auto, dense or supernodal");
        }
    }

    boolean sparse() {
        return analysis != null;
    }

    TrailingAnalysis analysis() {
        return analysis;
    }

    String description() {
        return description;
    }

    /** Where level ℓ of term k ≥ 1 starts in the trailing block as the chosen factorization stores it. */
    int[][] levelStarts(List<TermStructure> terms, int[] trailingOffset) {
        int[][] starts = new int[Math.max(terms.size(), 1)][];
        starts[0] = new int[0];
        for (int k = 1; k < terms.size(); k++) {
            TermStructure tk = terms.get(k);
            starts[k] = new int[tk.nLevels()];
            for (int l = 0; l < tk.nLevels(); l++) {
                starts[k][l] = analysis == null ? trailingOffset[k] + l * tk.width()
                        : analysis.start[analysis.pattern.nodeOffset[k] + l];
            }
        }
        return starts;
    }
}
