package org.jmixed.inference.ddf;

/**
 * A row of a type III anova table: a model term and the F test of its hypothesis.
 *
 * @param term the term as R labels it ({@code irrigation:variety})
 * @param test the F test
 */
public record TermTest(String term, ContrastTest test) {
}
