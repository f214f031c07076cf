package org.jmixed.model;

import org.jmixed.data.Factor;

/**
 * A formula variable evaluated on the model's rows: either numbers or a factor.
 *
 * @param label   the variable as R names it ({@code age}, {@code log(x)}, {@code factor(g)})
 * @param numbers the values when numeric, else null
 * @param factor  the factor when categorical, else null
 */
public record DesignVariable(String label, double[] numbers, Factor factor) {
    public static DesignVariable numeric(String label, double[] v) {
        return new DesignVariable(label, v, null);
    }

    public static DesignVariable categorical(String label, Factor f) {
        return new DesignVariable(label, null, f);
    }

    public boolean isFactor() {
        return factor != null;
    }
}
