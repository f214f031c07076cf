package org.jmixed.inference.structured;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The R reference numbers of tools/r/structured_inference_reference.R and the data they were computed on. */
final class StructuredFixtures {
    private StructuredFixtures() {
    }

    static Path dir() {
        try {
            return Path.of(StructuredFixtures.class.getResource("/structured").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode load(String id) throws IOException {
        try (InputStream in = Files.newInputStream(dir().resolve(id + ".json"))) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** A data file beside the fixtures (derived data) or a shared data set. */
    static DataFrame data(String name) {
        Path local = dir().resolve(name);
        return CsvReader.read(Files.exists(local) ? local : SharedData.data(name));
    }

    static DataFrame data(JsonNode c) {
        return data(c.get("dataset").asText());
    }

    /** REML or ML, the Java backend, the case's weights and residual structure. */
    static FitOptions options(JsonNode c) {
        FitOptions o = FitOptions.defaults().withBackend("java").withReml(c.get("reml").asBoolean());
        if (c.hasNonNull("weights")) {
            o = o.withWeights(c.get("weights").asText());
        }
        if (c.hasNonNull("residual") && c.get("residual").isTextual()) {
            o = o.withResidual(c.get("residual").asText());
        }
        return o;
    }

    /** jsonlite writes a vector of length one as a scalar: element i of either. */
    static double at(JsonNode a, int i) {
        JsonNode v = a.isArray() ? a.get(i) : a;
        return v.asDouble();
    }

    static void assertRelative(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.max(1.0, Math.abs(expected)), what);
    }
}
