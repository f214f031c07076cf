package org.jmixed.inference.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The R reference numbers of tools/r/bootstrap_reference.R (PBmodcomp, exactRLRT, bootMer) and
 * the Monte-Carlo tolerances the tests compare them with: two independent simulations of sizes
 * B1 and B2 agree when their difference is within {@link #Z} standard errors of a difference.
 */
public final class BootstrapReference {
    /** Standard errors allowed: with a dozen comparisons, a false alarm is about 1 in 1000 runs of the suite. */
    public static final double Z = 4.0;

    private BootstrapReference() {
    }

    public static JsonNode load() {
        try (InputStream in = BootstrapReference.class.getResourceAsStream("/bootstrap_reference.json")) {
            if (in == null) {
                throw new IllegalStateException("bootstrap_reference.json missing from the test resources");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tolerance for two simulated proportions near p: Z · sqrt(p (1 − p) (1/B1 + 1/B2)). */
    public static double proportionTolerance(double p, int b1, int b2) {
        return Z * Math.sqrt(p * (1 - p) * (1.0 / b1 + 1.0 / b2));
    }

    /** Tolerance for two simulated means with standard deviations s1, s2. */
    public static double meanTolerance(double s1, int b1, double s2, int b2) {
        return Z * Math.sqrt(s1 * s1 / b1 + s2 * s2 / b2);
    }
}
