package org.jmixed.model;

import java.util.List;

import org.jmixed.data.DataFrame;

/**
 * The numeric form of a formula evaluated on a data frame, after rows with missing values were
 * dropped: the response, the full fixed-effects matrix (before any aliased column is removed)
 * and the random-effects terms in formula order (after {@code ||} and {@code /} expansion).
 *
 * @param formula        the formula text as given
 * @param responseName   the response as written, e.g. {@code Reaction} or {@code log(y)}
 * @param y              response, length n
 * @param x              fixed-effects model matrix, n × p, column-major
 * @param fixedNames     column names of x as lme4 names them ({@code (Intercept)}, {@code sexM}, {@code age:SexMale})
 * @param randomTerms    random-effects terms in the order written
 * @param rowsDropped    rows dropped because a variable the formula uses was missing
 * @param rowsRead       rows in the data frame before dropping
 * @param offset         the sum of the formula's {@code offset(...)} terms per row, or null when it has none
 * @param data           the data frame the formula was evaluated on (for options that name further
 *                       columns: prior weights, residual structures), or null
 * @param rows           the data-frame rows kept, increasing, or null with {@code data}
 */
public record ModelFrame(String formula, String responseName, double[] y, double[] x, List<String> fixedNames,
                         List<RandomTermData> randomTerms, int rowsDropped, int rowsRead, double[] offset,
                         DataFrame data, int[] rows) {

    /** A frame without offsets and without its source. */
    public ModelFrame(String formula, String responseName, double[] y, double[] x, List<String> fixedNames,
                      List<RandomTermData> randomTerms, int rowsDropped, int rowsRead) {
        this(formula, responseName, y, x, fixedNames, randomTerms, rowsDropped, rowsRead, null, null, null);
    }

    /** The response less the offset: what the penalized least-squares problem fits. */
    public double[] adjustedResponse() {
        if (offset == null) {
            return y;
        }
        double[] r = y.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] -= offset[i];
        }
        return r;
    }

    public int n() {
        return y.length;
    }

    public int p() {
        return fixedNames.size();
    }
}
