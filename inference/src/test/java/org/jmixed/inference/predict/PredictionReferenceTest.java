package org.jmixed.inference.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.compare.CompareFixtures;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Predictions against lme4's {@code predict(m, newdata, allow.new.levels = TRUE)} and
 * {@code predict(m, newdata, re.form = NA)} (fixtures from tools/r/compare_reference.R), to 1e-6
 * relative; the same through a saved model file, to the last bit.
 */
class PredictionReferenceTest {
    static final double TOLERANCE = 1e-6;

    @TempDir
    Path tmp;

    static Stream<Arguments> predictions() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : CompareFixtures.root().get("predictions")) {
            out.add(Arguments.of(c.get("id").asText(), c));
        }
        return out.stream();
    }

    static DataFrame resource(String name) {
        try {
            return CsvReader.read(Path.of(PredictionReferenceTest.class.getResource("/compare/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("predictions")
    void agreesWithLme4Predict(String id, JsonNode ref) {
        DataFrame train = CsvReader.read(SharedData.data(ref.get("dataset").asText()));
        DataFrame newdata = resource(ref.get("newdata").asText());
        FitResult fit = LinearMixedModel.fit(train, ref.get("formula").asText(),
                FitOptions.defaults().withBackend("java").withReml(ref.get("reml").asBoolean()));
        PredictionModel model = PredictionModel.of(train, fit);

        Predictions conditional = model.predict(newdata, false);
        Predictions population = model.predict(newdata, true);
        assertClose(ref.get("conditional"), conditional.values(), id + " conditional");
        assertClose(ref.get("population"), population.values(), id + " population");
        assertTrue(conditional.rowsWithNewLevels() > 0, id + ": the new data has an unseen level");
        assertEquals(0, population.rowsWithNewLevels());

        // the training rows themselves: conditional predictions are the fitted values
        Predictions onTraining = model.predict(train, false);
        double[] fitted = fit.fitted();
        for (int i = 0; i < 5; i++) {
            assertEquals(fitted[i], onTraining.value(i), 1e-9 * Math.max(1, Math.abs(fitted[i])), id + " fitted " + i);
            assertEquals(ref.get("fitted_head").get(i).asDouble(), onTraining.value(i),
                    TOLERANCE * Math.abs(fitted[i]), id + " lme4 fitted " + i);
        }

        // through a model file: the same numbers exactly
        Path file = tmp.resolve(id + ".jmixed.json");
        SavedModel.write(model, file);
        PredictionModel read = SavedModel.read(file);
        double[] again = read.predict(newdata, false).values();
        for (int i = 0; i < again.length; i++) {
            assertEquals(conditional.value(i), again[i], 0.0, id + " saved model, row " + i);
        }
        assertEquals(conditional.newLevels(), read.predict(newdata, false).newLevels());
    }

    private static void assertClose(JsonNode expected, double[] actual, String what) {
        assertEquals(expected.size(), actual.length, what);
        for (int i = 0; i < actual.length; i++) {
            double e = expected.get(i).asDouble();
            assertEquals(e, actual[i], TOLERANCE * Math.abs(e), what + ", row " + (i + 1));
        }
    }
}
