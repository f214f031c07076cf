package org.jmixed.inference.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad new data and bad model files give one-line messages that name what is wrong. */
class PredictionErrorsTest {
    static PredictionModel model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fit() {
        DataFrame train = CsvReader.read(SharedData.data("Orthodont.csv"));
        FitResult fit = LinearMixedModel.fit(train, "distance ~ age * Sex + I(age^2) + (1 | Subject)",
                FitOptions.defaults().withBackend("java"));
        model = PredictionModel.of(train, fit);
    }

    private static DataFrame csv(String text) {
        return CsvReader.parse(text, "new.csv");
    }

    private static String message(DataFrame d, boolean population) {
        JmixedException e = assertThrows(JmixedException.class, () -> model.predict(d, population));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void unseenLevelOfAFixedFactorNamesColumnAndLine() {
        String m = message(csv("age,Sex,Subject\n8,\"Male\",\"M01\"\n9,\"Other\",\"M01\"\n"), true);
        assertEquals("new.csv line 3, column 'Sex': level 'Other' did not occur in the training data"
                + " (levels: Female, Male)", m);
    }

    @Test
    void missingValueNamesColumnAndLine() {
        String m = message(csv("age,Sex,Subject\n8,\"Male\",\"M01\"\nNA,\"Male\",\"M01\"\n"), true);
        assertEquals("new.csv line 3, column 'age': missing value; prediction needs every variable the model uses", m);
        assertTrue(message(csv("age,Sex,Subject\n8,\"Male\",NA\n"), false).contains("column 'Subject': missing value"));
    }

    @Test
    void missingColumn() {
        assertTrue(message(csv("Sex,Subject\n\"Male\",\"M01\"\n"), true).startsWith("new.csv: no column 'age'"));
    }

    @Test
    void notANumber() {
        assertTrue(message(csv("age,Sex,Subject\nold,\"Male\",\"M01\"\n"), true)
                .contains("line 2, column 'age': 'old' is not a finite number"));
    }

    @Test
    void typingComesFromTraining() {
        // Sex written unquoted and age quoted: still a factor and a number
        Predictions a = model.predict(csv("age,Sex,Subject\n\"10\",Male,\"M01\"\n"), false);
        Predictions b = model.predict(csv("age,Sex,Subject\n10,\"Male\",\"M01\"\n"), false);
        assertEquals(a.value(0), b.value(0), 0.0);
        // a grouping factor missing from the new data is not needed at the population level
        Predictions p = model.predict(csv("age,Sex\n10,\"Male\"\n"), true);
        RandomPart subject = model.random().get(0);
        assertEquals(a.value(0) - subject.values()[subject.levels().indexOf("M01")][0], p.value(0), 1e-12);
    }

    @Test
    void otherVersionRefused() throws Exception {
        Path f = tmp.resolve("m.json");
        SavedModel.write(model, f);
        Files.writeString(f, Files.readString(f).replace("\"version\": 1,", "\"version\": 2,"));
        JmixedException e = assertThrows(JmixedException.class, () -> SavedModel.read(f));
        assertEquals("model file '" + f + "' has format version 2; this jmixed reads version 1"
                + " (fit the model again with this version's 'fit --save')", e.getMessage());
    }

    @Test
    void changedContentRefused() throws Exception {
        Path f = tmp.resolve("m.json");
        SavedModel.write(model, f);
        String text = Files.readString(f);
        Files.writeString(f, text.replace("\"Male\"", "\"Mále\""));
        JmixedException e = assertThrows(JmixedException.class, () -> SavedModel.read(f));
        assertTrue(e.getMessage().contains("is corrupted: its content does not match its checksum"), e.getMessage());
    }

    @Test
    void truncatedAndForeignFilesRefused() throws Exception {
        Path f = tmp.resolve("m.json");
        SavedModel.write(model, f);
        String text = Files.readString(f);
        Files.writeString(f, text.substring(0, text.length() / 2));
        assertTrue(assertThrows(JmixedException.class, () -> SavedModel.read(f)).getMessage()
                .contains("is corrupted or not a jmixed model: not valid JSON"));
        Files.writeString(f, "{\"a\": 1}");
        assertTrue(assertThrows(JmixedException.class, () -> SavedModel.read(f)).getMessage()
                .contains("is not a jmixed model"));
        assertTrue(assertThrows(JmixedException.class, () -> SavedModel.read(tmp.resolve("none.json"))).getMessage()
                .contains("not found"));
    }

    @Test
    void savedFileIsVersionedJson() throws Exception {
        Path f = tmp.resolve("m.json");
        SavedModel.write(model, f);
        String text = Files.readString(f);
        assertTrue(text.startsWith("{\n  \"format\": \"jmixed-model\",\n  \"version\": 1,\n"), text);
        assertTrue(text.contains("\"label\": \"I(age^2)\""), text);
        assertTrue(text.contains("\"levels\": [\"Female\", \"Male\"]"), text);
    }
}
