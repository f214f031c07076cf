package org.jmixed.inference.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The R reference numbers of tools/r/compare_reference.R (test resource compare/compare_reference.json). */
public final class CompareFixtures {
    private static JsonNode root;

    private CompareFixtures() {
    }

    public static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = CompareFixtures.class.getResourceAsStream("/compare/compare_reference.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** Relative-or-absolute closeness: |a − b| ≤ tol · max(1, |b|). */
    public static boolean close(double expected, double actual, double tol) {
        return Math.abs(expected - actual) <= tol * Math.max(1.0, Math.abs(expected));
    }
}
