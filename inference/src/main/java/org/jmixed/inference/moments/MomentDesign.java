package org.jmixed.inference.moments;

/** The layouts the method-of-moments estimators are derived for. */
public enum MomentDesign {
    /** {@code y ~ 1 + (1 | a)}, equal group sizes: σ²_a = (MSA − MSE)/n. */
    ONE_WAY_BALANCED("one-way, balanced"),
    /** {@code y ~ 1 + (1 | a)}, unequal group sizes: σ²_a = (MSA − MSE)/n₀, n₀ = (N − Σnᵢ²/N)/(a − 1). */
    ONE_WAY_UNBALANCED("one-way, unbalanced (n0 formula)"),
    /** {@code y ~ 1 + (1 | a/b/...)}: each factor nested in the one before, equal numbers throughout. */
    NESTED_BALANCED("nested, balanced"),
    /** {@code y ~ 1 + (1 | a) + (1 | b)}: every a × b cell with the same number of rows. */
    CROSSED_ADDITIVE("two-way crossed, no interaction, balanced"),
    /** {@code y ~ 1 + (1 | a) + (1 | b) + (1 | a:b)}: every cell with the same number (≥ 2) of rows. */
    CROSSED_INTERACTION("two-way crossed with interaction, balanced");

    private final String description;

    MomentDesign(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
