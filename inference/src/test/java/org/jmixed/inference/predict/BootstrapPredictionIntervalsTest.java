package org.jmixed.inference.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;

/** Bootstrap prediction intervals: reproducibility, the construction's parts, and bad input. */
class BootstrapPredictionIntervalsTest {
    private static final FitOptions JAVA = FitOptions.defaults().withBackend("java");

    /** A fit and the pieces the bootstrap takes. */
    record Fitted(PreparedModel prepared, FitResult fit, PredictionModel model) {
        static Fitted of(DataFrame train, String formula, FitOptions options) {
            PreparedModel prepared = LinearMixedModel.prepare(train, formula);
            FitResult fit = LinearMixedModel.fit(prepared, options);
            return new Fitted(prepared, fit, PredictionModel.of(train, fit));
        }

        BootstrapPredictionIntervals.Result intervals(DataFrame newdata, boolean population, double level,
                                                      BootstrapOptions options) {
            return BootstrapPredictionIntervals.compute(prepared, fit, model, newdata, population, level, options,
                    JAVA, null);
        }
    }

    private static Fitted sleepstudy() {
        return Fitted.of(CsvReader.read(SharedData.data("sleepstudy.csv")), "Reaction ~ Days + (Days | Subject)", JAVA);
    }

    private static final DataFrame SLEEP_NEW = CsvReader.parse("Days,Subject\n3,308\n12,308\n3,999\n", "new.csv");

    @Test
    void sameSeedSameIntervalsBitForBitWhateverTheThreads() {
        Fitted f = sleepstudy();
        BootstrapOptions one = new BootstrapOptions(120, 42, 1, false);
        BootstrapPredictionIntervals.Result a = f.intervals(SLEEP_NEW, false, 0.95, one);
        BootstrapPredictionIntervals.Result b = f.intervals(SLEEP_NEW, false, 0.95, one.withThreads(2));
        assertArrayEquals(a.intervals().lower(), b.intervals().lower(), 0);
        assertArrayEquals(a.intervals().upper(), b.intervals().upper(), 0);
        assertArrayEquals(a.intervals().sd(), b.intervals().sd(), 0);
        BootstrapPredictionIntervals.Result c = f.intervals(SLEEP_NEW, false, 0.95,
                new BootstrapOptions(120, 43, 2, false));
        assertFalse(c.intervals().lower()[0] == a.intervals().lower()[0], "another seed, other replicates");
        BootstrapPredictionIntervals.Result cond = f.intervals(SLEEP_NEW, false, 0.95, one.withConditional(true));
        BootstrapPredictionIntervals.Result cond2 = f.intervals(SLEEP_NEW, false, 0.95,
                one.withConditional(true).withThreads(2));
        assertArrayEquals(cond.intervals().lower(), cond2.intervals().lower(), 0);
        assertEquals(0, a.failed());
    }

    @Test
    void intervalsSurroundThePredictionAndFollowTheirConstruction() {
        Fitted f = sleepstudy();
        BootstrapPredictionIntervals.Result r = f.intervals(SLEEP_NEW, false, 0.9,
                new BootstrapOptions(200, 7, 2, false));
        PredictionIntervals pi = r.intervals();
        assertArrayEquals(f.model().predict(SLEEP_NEW, false).values(), pi.fit(), 0);
        for (int i = 0; i < 3; i++) {
            assertTrue(pi.lower()[i] < pi.fit()[i] && pi.fit()[i] < pi.upper()[i], "row " + i);
        }
        // A new subject carries the subject variance; extrapolating to day 12 widens a known one's.
        assertTrue(pi.upper()[2] - pi.lower()[2] > pi.upper()[0] - pi.lower()[0]);
        assertTrue(pi.upper()[1] - pi.lower()[1] > pi.upper()[0] - pi.lower()[0]);
        assertEquals(0.9, pi.level(), 0);
        // Population level: the prediction is x'beta, every row as in a new subject.
        PredictionIntervals pop = f.intervals(SLEEP_NEW, true, 0.9, new BootstrapOptions(200, 7, 2, false)).intervals();
        assertEquals(pop.fit()[0], pop.fit()[2], 0);
        assertEquals(pop.upper()[0] - pop.lower()[0], pi.upper()[2] - pi.lower()[2],
                0.25 * (pi.upper()[2] - pi.lower()[2]));
    }

    @Test
    void quantilesOfTheErrorsAroundThePrediction() {
        double[][] errors = {{-2, 10}, {Double.NaN, Double.NaN}, {0, 20}, {2, 30}, {4, 40}, {6, 50}};
        BootstrapPredictionIntervals.Result r = BootstrapPredictionIntervals.summarize(new double[] {100, 200}, errors,
                0.5, new BootstrapOptions(6, 1, 1, false), 0);
        assertEquals(1, r.failed());
        // type 6 over 5 values: q(0.25) at order statistic 1.5, q(0.75) at 4.5.
        assertArrayEquals(new double[] {99, 215}, r.intervals().lower(), 0);
        assertArrayEquals(new double[] {105, 245}, r.intervals().upper(), 0);
        assertEquals(Math.sqrt(10), r.intervals().sd()[0], 1e-12);
        assertEquals("bootstrap", r.describe().get("method"));
        assertEquals(6, r.describe().get("B"));
        assertThrows(IllegalArgumentException.class, () -> sleepstudy().intervals(SLEEP_NEW, false, 1.0,
                new BootstrapOptions(10, 1, 1, false)));
    }
}
