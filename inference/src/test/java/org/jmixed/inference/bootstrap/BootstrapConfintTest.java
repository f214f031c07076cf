package org.jmixed.inference.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.inference.interval.Interval;
import org.jmixed.inference.interval.IntervalTable;
import org.jmixed.inference.interval.ProfileOptions;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;

/** confint(method = "boot"): lme4's names and order, each interval read off its own quantity's replicates. */
class BootstrapConfintTest {
    @Test
    void lme4NamesMapToTheBootstrapQuantitiesInThetaOrder() {
        PreparedModel m = LinearMixedModel.prepare(CsvReader.read(SharedData.data("Penicillin.csv")),
                "diameter ~ 1 + (1 | plate) + (1 | sample)");
        assertEquals(Map.of(".sig01", "sd_(Intercept)|plate", ".sig02", "sd_(Intercept)|sample", ".sigma", "sigma"),
                BootstrapConfint.quantityNames(m));
        PreparedModel slopes = LinearMixedModel.prepare(CsvReader.read(SharedData.data("sleepstudy.csv")),
                "Reaction ~ Days + (Days | Subject)");
        Map<String, String> q = BootstrapConfint.quantityNames(slopes);
        assertEquals("sd_(Intercept)|Subject", q.get(".sig01"));
        assertEquals("cor_Days.(Intercept)|Subject", q.get(".sig02"));
        assertEquals("sd_Days|Subject", q.get(".sig03"));
    }

    @Test
    void intervalsAreThoseOfTheReplicates() {
        PreparedModel m = LinearMixedModel.prepare(CsvReader.read(SharedData.data("sleepstudy.csv")),
                "Reaction ~ Days + (Days | Subject)");
        FitResult fit = LinearMixedModel.fit(m, FitOptions.defaults());
        BootstrapResult r = ParametricBootstrap.run(m, fit, BootstrapOptions.of(200, 7).withThreads(2),
                FitOptions.defaults(), null);
        IntervalTable t = BootstrapConfint.intervals(m, fit, r, BootstrapIntervals.Method.PERCENTILE,
                ProfileOptions.defaults().withLevel(0.9));
        List<String> names = t.intervals().stream().map(Interval::name).toList();
        assertEquals(List.of(".sig01", ".sig02", ".sig03", ".sigma", "(Intercept)", "Days"), names);
        for (String[] pair : new String[][] {{".sig02", "cor_Days.(Intercept)|Subject"}, {".sigma", "sigma"},
                {"Days", "Days"}}) {
            int j = r.indexOf(pair[1]);
            Interval i = t.interval(pair[0]);
            // Equal up to the rounding of (1 − 0.9)/2, which is not exactly 0.05.
            assertEquals(r.quantile(j, 0.05), i.lower(), 1e-12 * Math.abs(i.lower()), pair[0]);
            assertEquals(r.quantile(j, 0.95), i.upper(), 1e-12 * Math.abs(i.upper()), pair[0]);
        }
        assertEquals(fit.sigma(), t.interval(".sigma").estimate(), 1e-12);
        assertEquals(0.9, t.level(), 0.0);
    }
}
