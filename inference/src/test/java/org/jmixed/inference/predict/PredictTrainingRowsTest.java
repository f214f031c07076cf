package org.jmixed.inference.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conditional predictions on the training rows are the fitted values, whatever the structure:
 * several terms on one factor, nested and crossed factors, interactions of factors, factor(),
 * transformations. This checks that new data is encoded as the training data was and that every
 * BLUP lands on its level and column.
 */
class PredictTrainingRowsTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', value = {
            "sleepstudy.csv; Reaction ~ Days + (Days || Subject)",
            "sleepstudy.csv; log(Reaction) ~ Days + I(Days^2) + (1 + Days | Subject)",
            "Pastes.csv; strength ~ 1 + (1 | batch/cask)",
            "Penicillin.csv; diameter ~ 1 + (1 | plate) + (1 | sample)",
            "cake.csv; angle ~ recipe * temperature + (1 | recipe:replicate)",
            "cake.csv; angle ~ factor(temp) + recipe + (1 | replicate)",
            "Orthodont.csv; distance ~ age * Sex + (0 + Sex | Subject)",
            "irrigation.csv; yield ~ irrigation * variety + (1 | field)"})
    void conditionalPredictionsOfTrainingRowsAreFittedValues(String file, String formula) {
        DataFrame train = CsvReader.read(SharedData.data(file));
        FitResult fit = LinearMixedModel.fit(train, formula, FitOptions.defaults().withBackend("java"));
        Predictions p = PredictionModel.of(train, fit).predict(train, false);
        double[] fitted = fit.fitted();
        assertEquals(fitted.length, p.size());
        for (int i = 0; i < fitted.length; i++) {
            assertEquals(fitted[i], p.value(i), 1e-9 * Math.max(1, Math.abs(fitted[i])), "row " + i);
        }
        assertEquals(0, p.rowsWithNewLevels());
    }
}
