package org.jmixed.inference.ddf;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The R reference numbers of tools/r/ddf_reference.R and the data they were computed on. */
final class DdfFixtures {
    static final double DDF_REL = 1e-3;
    static final double STAT_REL = 1e-4;

    private DdfFixtures() {
    }

    static Path dir() {
        try {
            return Path.of(DdfFixtures.class.getResource("/ddf").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> ids() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir())) {
            s.filter(p -> p.toString().endsWith(".json")).sorted()
                    .forEach(p -> out.add(p.getFileName().toString().replace(".json", "")));
        }
        return out;
    }

    static JsonNode load(String id) throws IOException {
        try (InputStream in = Files.newInputStream(dir().resolve(id + ".json"))) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** The case's data: a file beside the fixtures (subsets, unbalanced designs) or a shared data set. */
    static DataFrame data(JsonNode c) throws IOException {
        String name = c.get("data").asText();
        Path local = dir().resolve(name);
        return CsvReader.read(Files.exists(local) ? local : SharedData.data(name));
    }

    /** R's jsonlite writes a vector of length 1 as a scalar (auto_unbox): read both as a list. */
    static List<JsonNode> list(JsonNode a) {
        List<JsonNode> out = new ArrayList<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (a.isArray()) {
            a.forEach(out::add);
        } else {
            out.add(a);
        }
        return out;
    }

    static double[] doubles(JsonNode a) {
        return list(a).stream().mapToDouble(JsonNode::asDouble).toArray();
    }

    static List<String> strings(JsonNode a) {
        return list(a).stream().map(JsonNode::asText).toList();
    }

    /** |actual − expected| within rel·|expected| (or abs, whichever is larger). */
    static void close(double expected, double actual, double rel, double abs, String what) {
        double tol = Math.max(rel * Math.abs(expected), abs);
        assertTrue(Math.abs(actual - expected) <= tol,
                what + ": expected " + expected + " but got " + actual + " (tolerance " + tol + ")");
    }

    static void sameLength(int expected, int actual, String what) {
        assertEquals(expected, actual, what);
    }
}
