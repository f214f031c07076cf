package org.jmixed.formula;

import java.util.List;

import org.jmixed.covariance.CovarianceKind;

/**
 * One random-effects term after {@code ||} and {@code /} expansion.
 *
 * @param text            the term as it reads in messages, e.g. {@code (Days | Subject)}
 * @param lhs             the term's model: its columns are built like a fixed-effects matrix
 * @param groupingFactors the factors whose interaction groups the rows, e.g. {@code [cask, batch]}
 * @param correlated      false for the pieces produced by {@code ||}
 * @param pos             0-based offset of the term in the formula
 * @param covariance      the covariance structure: unstructured, or from {@code idn(...)} / {@code cs(...)}
 */
public record RandomTermSpec(String text, FixedTerms lhs, List<String> groupingFactors, boolean correlated, int pos,
                             CovarianceKind covariance) {
    public RandomTermSpec {
        groupingFactors = List.copyOf(groupingFactors);
    }

    /** An unstructured term. */
    public RandomTermSpec(String text, FixedTerms lhs, List<String> groupingFactors, boolean correlated, int pos) {
        this(text, lhs, groupingFactors, correlated, pos, CovarianceKind.UNSTRUCTURED);
    }

    /** The grouping factor's name as lme4 gives it: the factors joined by {@code :}. */
    public String groupName() {
        return String.join(":", groupingFactors);
    }
}
