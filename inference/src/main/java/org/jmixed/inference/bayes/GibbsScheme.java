package org.jmixed.inference.bayes;

/** The order in which the sampler updates the fixed and random effects. */
public enum GibbsScheme {
    /**
     * The seed notes' scheme: σ²_b, σ²_e, then β given b, then each b_j given β. Simple, but β's
     * intercept and the b_j are strongly correlated a posteriori, so the intercept mixes slowly
     * when the groups are large or σ²_b is large.
     */
    COMPONENTWISE,
    /**
     * σ²_b, σ²_e, then (β, b) jointly: β from its conditional with b integrated out
     * ({@link FullConditionals#betaMarginal}), then b given β. The same posterior, much better mixing.
     */
    BLOCKED
}
