package org.jmixed.cli;

import static org.jmixed.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real command line, end to end: reference models as JSON, and bad input as one-line errors. */
class CliEndToEndTest {
    /** Reference fields that describe how the reference was made rather than the fit. */
    private static final Set<String> PROVENANCE = Set.of("id", "dataset", "note", "lme4_version",
            "deviance_or_reml_criterion", "lme4_seconds");

    static Path shared() {
        return SharedData.dir();
    }

    static Stream<String> references() throws IOException {
        try (Stream<Path> files = Files.list(shared().resolve("reference"))) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    /** Every field of the reference appears in our JSON with the same shape (scalar, array, object, length). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void jsonHasTheReferenceLayout(String file) throws IOException {
        JsonNode ref = new ObjectMapper().readTree(shared().resolve("reference").resolve(file).toFile());
        String data = shared().resolve("data").resolve(ref.get("dataset").asText()).toString();
        CliRun r = ref.get("reml").asBoolean()
                ? run("fit", "--data", data, "--formula", ref.get("formula").asText(), "--format", "json")
                : run("fit", "--data", data, "--formula", ref.get("formula").asText(), "--format", "json", "--ml");
        assertEquals(0, r.code(), r.err());
        JsonNode ours = new ObjectMapper().readTree(r.out());
        Iterator<String> names = ref.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!PROVENANCE.contains(name)) {
                assertSameShape(ref.get(name), ours.get(name), file + ": " + name);
            }
        }
        assertEquals("java", ours.get("backend").asText());
        assertTrue(ours.get("optimizer").get("evaluations").asInt() > 0);
        assertEquals(ref.get("objective").asDouble(), ours.get("objective").asDouble(),
                1e-6 * Math.abs(ref.get("objective").asDouble()), file);
    }

    private static void assertSameShape(JsonNode expected, JsonNode actual, String where) {
        assertTrue(actual != null, where + " is missing");
        if (expected.isNull()) {
            assertTrue(actual.isNull(), where + " should be null");
        } else if (expected.isArray()) {
            assertTrue(actual.isArray(), where + " should be an array");
            assertEquals(expected.size(), actual.size(), where + " length");
            for (int i = 0; i < expected.size(); i++) {
                assertSameShape(expected.get(i), actual.get(i), where + "[" + i + "]");
            }
        } else if (expected.isObject()) {
            assertTrue(actual.isObject(), where + " should be an object");
            Iterator<String> it = expected.fieldNames();
            while (it.hasNext()) {
                String k = it.next();
                assertSameShape(expected.get(k), actual.get(k), where + "." + k);
            }
        } else {
            assertEquals(expected.getNodeType(), actual.getNodeType(), where + " type");
        }
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("missing.csv", null, "y ~ x", "not found"),
                Arguments.of("empty.csv", "", "y ~ x", "empty"),
                Arguments.of("header.csv", "y,x,g\n", "y ~ x", "no data rows"),
                Arguments.of("ragged.csv", "y,x,g\n1,2,a\n3,4\n", "y ~ x", "line 3"),
                Arguments.of("inf.csv", "y,x,g\n1,2,a\n2,Inf,b\n3,1,a\n4,2,b\n", "y ~ x + (1|g)", "line 3, column 'x'"),
                Arguments.of("onelevel.csv", "y,x,g\n1,2,a\n2,3,a\n3,1,a\n", "y ~ x + (1|g)", "only 1 level"),
                Arguments.of("nonnum.csv", "y,x,g\na,2,a\nb,3,b\nc,1,a\n", "y ~ x + (1|g)", "not numeric"),
                Arguments.of("unknown.csv", "y,x,g\n1,2,a\n2,3,b\n3,1,a\n", "y ~ x + (1|zz)", "unknown column 'zz'"),
                Arguments.of("syntax.csv", "y,x,g\n1,2,a\n2,3,b\n3,1,a\n", "y ~ x + (1|g", "column 12"),
                Arguments.of("toomany.csv", "y,x,g\n1,2,a\n2,3,b\n3,1,c\n4,2,a\n5,1,b\n6,3,c\n",
                        "y ~ x + (x|g)", "random effects"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsOneLineAndNonZeroExit(String name, String content, String formula, String expected,
                                         @TempDir Path dir) throws IOException {
        Path file = dir.resolve(name);
        if (content != null) {
            Files.writeString(file, content);
        }
        CliRun r = run("fit", "--data", file.toString(), "--formula", formula);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("jmixed: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void droppedRowsAreReportedInTextAndJson(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("na.csv");
        Files.writeString(file, "y,x,g\n1,2,a\nNA,3,b\n3,,a\n4,2,b\n5,3,a\n6,1,b\n7,2,a\n");
        CliRun text = run("fit", "--data", file.toString(), "--formula", "y ~ x + (1|g)");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("2 of 7 rows dropped because of missing values"), text.out());
        CliRun json = run("fit", "--data", file.toString(), "--formula", "y ~ x + (1|g)", "--format", "json");
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertEquals(2, j.get("rows_dropped").asInt());
        assertEquals(5, j.get("nobs").asInt());
    }
}
