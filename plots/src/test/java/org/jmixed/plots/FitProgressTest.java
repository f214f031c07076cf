package org.jmixed.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.report.ProgressLine;
import org.junit.jupiter.api.Test;

/** The optimizer's listener hook, seen through a real fit (the plots module's tests have a backend). */
class FitProgressTest {
    @Test
    void aFitTellsItsListenerEveryEvaluation() {
        List<Long> counts = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        FitOptions options = FitOptions.defaults().withBackend("java").withListener((c, b) -> {
            counts.add(c);
            best.add(b);
        });
        FitResult fit = LinearMixedModel.fit(CsvReader.read(TestFits.data(TestFits.SLEEPSTUDY)),
                TestFits.formula(TestFits.SLEEPSTUDY), options);
        assertEquals(fit.evaluations(), counts.size());
        for (int i = 1; i < best.size(); i++) {
            assertEquals(counts.get(i - 1) + 1, counts.get(i));
            assertTrue(best.get(i) <= best.get(i - 1), "the best objective never rises");
        }
        assertEquals(fit.objective(), best.get(best.size() - 1), 1e-9 * Math.abs(fit.objective()));
        assertEquals(TestFits.fit(TestFits.SLEEPSTUDY).objective(), fit.objective(), 0.0, "the listener changes nothing");
    }

    @Test
    void progressLineOnAFit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), "fit",
                "evaluations", 0, 0)) {
            FitResult fit = LinearMixedModel.fit(CsvReader.read(TestFits.data(TestFits.PENICILLIN)),
                    TestFits.formula(TestFits.PENICILLIN), FitOptions.defaults().withBackend("java").withListener(line));
            String shown = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(shown.contains("\rfit: " + fit.evaluations() + " evaluations, best objective "), shown);
        }
    }
}
