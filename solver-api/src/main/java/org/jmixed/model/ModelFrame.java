package org.jmixed.model;

import java.util.List;

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
 */
public record ModelFrame(String formula, String responseName, double[] y, double[] x, List<String> fixedNames,
                         List<RandomTermData> randomTerms, int rowsDropped, int rowsRead) {
    public int n() {
        return y.length;
    }

    public int p() {
        return fixedNames.size();
    }
}
