package org.jmixed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ThetaOptimizerListenerTest {
    @Test
    void toldOncePerEvaluationWithTheBestSoFar() {
        List<Long> counts = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        ThetaOptimizer.Result r = new ThetaOptimizer(t -> {
            double v = 5 + (t[0] - 0.7) * (t[0] - 0.7) + 2 * (t[1] + 0.3) * (t[1] + 0.3);
            values.add(v);
            return v;
        }, new boolean[] {true, false}, 10_000, (c, b) -> {
            counts.add(c);
            best.add(b);
        }).minimize();
        assertEquals(r.evaluations(), counts.size());
        double running = Double.POSITIVE_INFINITY;
        for (int i = 0; i < counts.size(); i++) {
            assertEquals(i + 1, counts.get(i));
            running = Math.min(running, values.get(i));
            assertEquals(running, best.get(i));
        }
        assertEquals(r.value(), best.get(best.size() - 1));
        assertTrue(counts.size() > 5);
    }
}
