package org.jmixed.inference.predict;

import java.util.List;

/**
 * How the training data encoded one formula variable, which new data must follow: numeric, or
 * categorical with the training levels (their order fixes the contrasts: the first is the
 * reference level).
 *
 * @param label  the variable as the formula writes it ({@code Sex}, {@code factor(g)}, {@code I(age^2)})
 * @param levels the training levels in order when categorical, else null
 */
public record VariableEncoding(String label, List<String> levels) {
    public VariableEncoding {
        levels = levels == null ? null : List.copyOf(levels);
    }

    public static VariableEncoding numeric(String label) {
        return new VariableEncoding(label, null);
    }

    public static VariableEncoding categorical(String label, List<String> levels) {
        return new VariableEncoding(label, levels);
    }

    public boolean categorical() {
        return levels != null;
    }
}
