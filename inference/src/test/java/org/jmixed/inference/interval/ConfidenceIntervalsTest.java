package org.jmixed.inference.interval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API's behaviour beyond the numbers: selection, traces, bounds, Wald's NA, bad input. */
class ConfidenceIntervalsTest {
    private static final FitOptions JAVA = FitOptions.defaults().withBackend("java");
    private static PreparedModel sleepstudy;
    private static IntervalTable sleepstudyProfile;

    @BeforeAll
    static void profileOnce() throws IOException {
        sleepstudy = LinearMixedModel.prepare(CsvReader.read(SharedData.data("sleepstudy.csv")),
                "Reaction ~ Days + (Days | Subject)");
        sleepstudyProfile = ConfidenceIntervals.profile(sleepstudy, JAVA, ProfileOptions.defaults());
    }

    @Test
    void tracesAreSortedPassThroughTheEstimateAndReachTheEnds() {
        double z = ConfidenceIntervals.quantile(0.95);
        assertEquals(6, sleepstudyProfile.traces().size());
        for (int k = 0; k < sleepstudyProfile.traces().size(); k++) {
            ProfileTrace tr = sleepstudyProfile.traces().get(k);
            Interval in = sleepstudyProfile.intervals().get(k);
            assertEquals(in.name(), tr.name());
            double[] v = tr.value();
            double[] zeta = tr.zeta();
            for (int i = 1; i < v.length; i++) {
                assertTrue(v[i] > v[i - 1], tr.name() + " values increase");
                assertTrue(zeta[i] > zeta[i - 1], tr.name() + " ζ increases (a regular profile)");
            }
            int at = java.util.Arrays.binarySearch(v, in.estimate());
            assertTrue(at >= 0, tr.name() + " holds the estimate");
            assertEquals(0.0, zeta[at], 0.0);
            // The ends lie between trace points (or just beyond), where the trace's chords reach ∓z.
            assertEquals(-z, interpolate(v, zeta, in.lower()), ProfileSearch.ACCEPT);
            assertEquals(z, interpolate(v, zeta, in.upper()), ProfileSearch.ACCEPT);
            // Every point carries all parameters, the profiled one at its value.
            int col = tr.parameterNames().indexOf(tr.name());
            for (int i = 0; i < tr.size(); i++) {
                assertEquals(8 - 2, tr.parameters(i).length);
                assertEquals(v[i], tr.parameters(i)[col], 0.0);
            }
        }
    }

    /** ζ at an end, by the chord of the trace's points around it (or the last two, just beyond them). */
    private static double interpolate(double[] x, double[] y, double at) {
        int i = 1;
        while (i < x.length - 1 && x[i] < at) {
            i++;
        }
        assertTrue(at >= x[0] - 0.01 * (x[x.length - 1] - x[0]) && at <= x[x.length - 1] + 0.01 * (x[x.length - 1] - x[0]),
                at + " far outside the trace");
        return y[i - 1] + (y[i] - y[i - 1]) * (at - x[i - 1]) / (x[i] - x[i - 1]);
    }

    @Test
    void tracesReachFartherOnRequestWithoutMovingTheEnds() {
        IntervalTable t = ConfidenceIntervals.profile(sleepstudy, JAVA,
                ProfileOptions.defaults().withParameters(List.of(".sig01", ".sigma", "Days")).withTraceZeta(3.5));
        for (ProfileTrace tr : t.traces()) {
            double[] zeta = tr.zeta();
            assertTrue(zeta[0] <= -3.5 && zeta[zeta.length - 1] >= 3.5, tr.name() + " reaches ±3.5");
            Interval in = t.interval(tr.name());
            Interval plain = sleepstudyProfile.interval(tr.name());
            assertEquals(plain.lower(), in.lower(), 0.0, tr.name());
            assertEquals(plain.upper(), in.upper(), 0.0, tr.name());
        }
        assertThrows(JmixedException.class, () -> ProfileOptions.defaults().withTraceZeta(-1));
    }

    @Test
    void profileOfRemlFitIsThatOfItsMlRefit() throws IOException {
        IntervalTable ml = ConfidenceIntervals.profile(sleepstudy, JAVA.withReml(false),
                ProfileOptions.defaults().withParameters(List.of(".sigma", "Days")));
        for (Interval in : ml.intervals()) {
            Interval reml = sleepstudyProfile.interval(in.name());
            assertEquals(reml.lower(), in.lower(), 1e-4 * Math.abs(in.lower()), in.name());
            assertEquals(reml.upper(), in.upper(), 1e-4 * Math.abs(in.upper()), in.name());
        }
        assertTrue(sleepstudyProfile.reml());
        assertTrue(sleepstudyProfile.messages().contains(ConfidenceIntervals.REFITTED_BY_ML));
    }

    @Test
    void parmSelectsByNameAndGroupKeepingLme4sOrder() {
        List<String> names = List.of(".sig01", ".sig02", ".sigma", "(Intercept)", "x");
        assertArrayEquals(new boolean[] {true, true, true, false, false},
                ConfidenceIntervals.select(List.of("theta_"), names, 3));
        assertArrayEquals(new boolean[] {false, false, false, true, true},
                ConfidenceIntervals.select(List.of("beta_"), names, 3));
        assertArrayEquals(new boolean[] {false, false, true, false, true},
                ConfidenceIntervals.select(List.of("x", ".sigma"), names, 3));
        assertArrayEquals(new boolean[] {true, true, true, true, true}, ConfidenceIntervals.select(List.of(), names, 3));
        JmixedException e = assertThrows(JmixedException.class,
                () -> ConfidenceIntervals.select(List.of(".sig09"), names, 3));
        assertTrue(e.getMessage().contains("'.sig09'") && e.getMessage().contains(".sigma"), e.getMessage());
    }

    @Test
    void onlyTheParametersAskedForAreProfiled() {
        IntervalTable t = ConfidenceIntervals.profile(sleepstudy, JAVA,
                ProfileOptions.defaults().withParameters(List.of("Days", ".sig02")));
        assertEquals(List.of(".sig02", "Days"), t.intervals().stream().map(Interval::name).toList());
        assertEquals(2, t.traces().size());
        assertTrue(t.evaluations() < sleepstudyProfile.evaluations());
    }

    @Test
    void waldHasNoIntervalsForVarianceParameters() {
        IntervalTable w = ConfidenceIntervals.wald(LinearMixedModel.fit(sleepstudy, JAVA), sleepstudy,
                ProfileOptions.defaults().withLevel(0.9));
        assertEquals("Wald", w.method());
        assertTrue(w.traces().isEmpty());
        for (String v : List.of(".sig01", ".sig02", ".sig03", ".sigma")) {
            assertTrue(Double.isNaN(w.interval(v).lower()) && Double.isNaN(w.interval(v).upper()), v);
        }
        Interval days = w.interval("Days");
        assertEquals(days.estimate(), (days.lower() + days.upper()) / 2, 1e-12);
        assertTrue(days.upper() - days.lower() < sleepstudyProfile.interval("Days").upper()
                - sleepstudyProfile.interval("Days").lower(), "90% Wald narrower than 95% profile");
    }

    @Test
    void aZeroVarianceGivesTheBoundAndSaysSo() throws IOException {
        PreparedModel m = LinearMixedModel.prepare(CsvReader.read(SharedData.data("Dyestuff2.csv")),
                "Yield ~ 1 + (1 | Batch)");
        IntervalTable t = ConfidenceIntervals.profile(m, JAVA, ProfileOptions.defaults().withParameters(
                List.of("theta_")));
        Interval sd = t.interval(".sig01");
        assertEquals(0.0, sd.estimate(), 0.0);
        assertEquals(0.0, sd.lower(), 0.0);
        assertTrue(sd.upper() > 0);
        assertTrue(sd.notes().get(0).startsWith("lower end at the bound 0"), sd.notes().toString());
        assertTrue(t.interval(".sigma").notes().isEmpty());
    }

    @Test
    void aCorrelationWhoseProfileStaysInsideTheQuantileEndsAtPlusMinusOne() throws IOException {
        PreparedModel m = LinearMixedModel.prepare(CsvReader.read(SharedData.data("Orthodont.csv")),
                "distance ~ age * Sex + (age | Subject)");
        IntervalTable t = ConfidenceIntervals.profile(m, JAVA, ProfileOptions.defaults().withParameters(
                List.of(".sig02")));
        Interval cor = t.interval(".sig02");
        assertEquals(-1.0, cor.lower(), 0.0);
        assertEquals(1.0, cor.upper(), 0.0);
        assertEquals(List.of("lower end at the bound -1: the profile does not reach the quantile",
                "upper end at the bound 1: the profile does not reach the quantile"), cor.notes());
        for (double zeta : t.traces().get(0).zeta()) {
            assertTrue(Math.abs(zeta) < ConfidenceIntervals.quantile(0.95));
        }
    }

    @Test
    void percentLabelsAreRs() {
        assertArrayEquals(new String[] {"2.5 %", "97.5 %"}, sleepstudyProfile.percentLabels());
        IntervalTable t = new IntervalTable("Wald", 0.9, "y ~ 1", false, List.of(), List.of(), List.of(), 0, 0);
        assertArrayEquals(new String[] {"5 %", "95 %"}, t.percentLabels());
    }

    @Test
    void levelOutsideTheUnitIntervalIsRejected() {
        assertThrows(JmixedException.class, () -> ProfileOptions.defaults().withLevel(1.0));
        assertThrows(JmixedException.class, () -> ProfileOptions.defaults().withLevel(0));
    }

    @Test
    void aModelWithoutRandomEffectsCannotBeProfiled() throws IOException {
        PreparedModel lm = LinearMixedModel.prepare(CsvReader.read(SharedData.data("sleepstudy.csv")),
                "Reaction ~ Days");
        JmixedException e = assertThrows(JmixedException.class,
                () -> ConfidenceIntervals.profile(lm, JAVA, ProfileOptions.defaults()));
        assertTrue(e.getMessage().contains("no random-effects terms"), e.getMessage());
    }
}
