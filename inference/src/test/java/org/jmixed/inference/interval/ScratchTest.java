package org.jmixed.inference.interval;

import com.fasterxml.jackson.databind.JsonNode;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.model.FitOptions;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void report() throws Exception {
        for (String id : ConfidenceIntervalsReferenceTest.FIXTURES) {
            JsonNode ref = ConfidenceIntervalsReferenceTest.fixture(id);
            PreparedModel model = ConfidenceIntervalsReferenceTest.model(ref);
            IntervalTable t = ConfidenceIntervals.profile(model, ConfidenceIntervalsReferenceTest.options(ref),
                    ProfileOptions.defaults().withLevel(ref.get("level").asDouble()));
            JsonNode p = ref.get("profile");
            double worst = 0;
            for (int i = 0; i < t.intervals().size(); i++) {
                Interval in = t.intervals().get(i);
                double lo = p.get("lower").get(i).asDouble(), hi = p.get("upper").get(i).asDouble();
                double e1 = Math.abs(in.lower() - lo) / Math.max(Math.abs(lo), hi - lo);
                double e2 = Math.abs(in.upper() - hi) / Math.max(Math.abs(hi), hi - lo);
                System.out.printf("%s %s [%.6g %.6g] lme4 [%.6g %.6g] err %.1e %.1e %s pts %d%n", id, in.name(), in.lower(), in.upper(), lo, hi, e1, e2, in.notes(), t.traces().get(i).size());
                worst = Math.max(worst, Math.max(e1, e2));
            }
            System.out.printf("%s: worst %.2e evals %d %.3f s %s%n", id, worst, t.evaluations(), t.seconds(), t.messages());
        }
    }

    @Test
    void ortho() throws Exception {
        JsonNode ref = ConfidenceIntervalsReferenceTest.fixture("orthodont_slopes");
        PreparedModel model = ConfidenceIntervalsReferenceTest.model(ref);
        IntervalTable t = ConfidenceIntervals.profile(model, ConfidenceIntervalsReferenceTest.options(ref),
                ProfileOptions.defaults().withParameters(java.util.List.of(".sig01")));
        ProfileTrace tr = t.traces().get(0);
        for (int i = 0; i < tr.size(); i++) System.out.println(tr.value()[i] + " " + tr.zeta()[i] + " " + java.util.Arrays.toString(tr.parameters(i)));
    }

    @Test
    void instEval() throws Exception {
        var data = CsvReader.read(SharedData.data("InstEval.csv"));
        PreparedModel model = LinearMixedModel.prepare(data, "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)");
        long t0 = System.nanoTime();
        IntervalTable t = ConfidenceIntervals.profile(model, FitOptions.defaults().withBackend("java"), ProfileOptions.defaults());
        for (Interval in : t.intervals()) System.out.println(in);
        System.out.printf("InstEval evals %d %.3f s (%.3f s)%n", t.evaluations(), t.seconds(), (System.nanoTime() - t0) / 1e9);
    }
}
