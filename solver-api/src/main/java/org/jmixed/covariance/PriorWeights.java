package org.jmixed.covariance;

import org.jmixed.JmixedException;
import org.jmixed.data.Column;
import org.jmixed.data.DataFrame;

/**
 * Prior weights (lme4's {@code weights=}): row i has residual variance σ²/w_i. Weights must be
 * finite and positive: lme4 accepts a zero weight but then reports an infinite deviance, so a zero
 * is refused here, with the line it is on.
 */
public final class PriorWeights {
    private PriorWeights() {
    }

    /** The weights of the model rows {@code rows} from {@code column}. */
    public static double[] read(DataFrame data, int[] rows, String column) {
        if (!data.hasColumn(column)) {
            throw new JmixedException("weights: unknown column '" + column + "' (columns: "
                    + String.join(", ", data.names()) + ")");
        }
        Column c = data.column(column);
        double[] w = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (c.isMissing(r)) {
                throw new JmixedException("weights column '" + column + "' is missing on line " + c.lineOfRow(r));
            }
            double v = c.allNumeric() ? c.numericValue(r) : Double.NaN;
            if (!Double.isFinite(v)) {
                throw new JmixedException("weights column '" + column + "' is not a finite number on line "
                        + c.lineOfRow(r) + " ('" + c.stringValue(r) + "')");
            }
            if (v <= 0) {
                throw new JmixedException("weights column '" + column + "' has the value " + c.stringValue(r)
                        + " on line " + c.lineOfRow(r) + "; weights must be positive");
            }
            w[i] = v;
        }
        return w;
    }
}
