package org.jmixed.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.jmixed.model.FitResult;
import org.jmixed.model.RandomEffects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The numbers each picture plots, checked against the fit they come from. */
class PlotDataTest {
    private static final NormalDistribution N01 = new NormalDistribution(0, 1);

    @ParameterizedTest
    @ValueSource(strings = {TestFits.SLEEPSTUDY, TestFits.PENICILLIN, TestFits.INSTEVAL})
    void caterpillarIntervalsAreBlupPlusMinus196ConditionalSdSortedByValue(String name) {
        FitResult fit = TestFits.fit(name);
        List<Caterpillar> cats = FitPlots.caterpillars(fit);
        assertEquals(fit.ranef().size(), cats.size());
        for (int g = 0; g < cats.size(); g++) {
            Caterpillar c = cats.get(g);
            RandomEffects re = fit.ranef().get(g);
            assertEquals(re.group(), c.group());
            assertEquals(re.levels().size(), c.size());
            int[] seen = c.order().clone();
            Arrays.sort(seen);
            for (int i = 0; i < seen.length; i++) {
                assertEquals(i, seen[i], "every level plotted once");
            }
            for (int r = 0; r < c.size(); r++) {
                int l = c.order()[r];
                assertEquals(re.levels().get(l), c.levels().get(r));
                if (r > 0) {
                    assertTrue(c.value()[0][r - 1] <= c.value()[0][r], "sorted by the first term");
                }
                for (int t = 0; t < re.terms().size(); t++) {
                    double v = re.value(l, t);
                    double sd = re.condSd(l, t);
                    assertEquals(v, c.value()[t][r], 0.0);
                    assertEquals(v - 1.96 * sd, c.lower()[t][r], 1e-4 * sd + 1e-12);
                    assertEquals(v + 1.96 * sd, c.upper()[t][r], 1e-4 * sd + 1e-12);
                    assertTrue(c.lower()[t][r] <= v && v <= c.upper()[t][r]);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestFits.SLEEPSTUDY, TestFits.PENICILLIN, TestFits.INSTEVAL})
    void residualQqPlotsSortedScaledResidualsAtNormalQuantilesOfPpoints(String name) {
        FitResult fit = TestFits.fit(name);
        NormalQq qq = FitPlots.residualQq(fit);
        double[] resid = fit.residuals();
        int n = resid.length;
        assertEquals(fit.nobs(), n);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = resid[i] / fit.sigma();
        }
        Arrays.sort(expected);
        assertArrayEquals(expected, qq.sample(), 1e-12);
        double a = n <= 10 ? 3.0 / 8 : 0.5;
        for (int i = 0; i < n; i += Math.max(1, n / 500)) {
            double p = (i + 1 - a) / (n + 1 - 2 * a);
            assertEquals(N01.inverseCumulativeProbability(p), qq.theoretical()[i], 1e-9);
            assertEquals(resid[qq.order()[i]] / fit.sigma(), qq.sample()[i], 1e-12);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestFits.SLEEPSTUDY, TestFits.PENICILLIN, TestFits.INSTEVAL})
    void blupQqOnePerTermWithTheTermsValues(String name) {
        FitResult fit = TestFits.fit(name);
        List<FitPlots.TermQq> qqs = FitPlots.ranefQq(fit);
        int k = 0;
        for (RandomEffects re : fit.ranef()) {
            for (int t = 0; t < re.terms().size(); t++) {
                FitPlots.TermQq q = qqs.get(k++);
                assertEquals(re.group(), q.group());
                assertEquals(re.terms().get(t), q.term());
                double[] v = new double[re.levels().size()];
                for (int l = 0; l < v.length; l++) {
                    v[l] = re.value(l, t);
                }
                Arrays.sort(v);
                assertArrayEquals(v, q.qq().sample(), 0.0);
                int n = v.length;
                for (int i = 0; i < n; i++) {
                    assertEquals(N01.inverseCumulativeProbability(NormalQq.plottingPosition(i + 1, n)),
                            q.qq().theoretical()[i], 1e-9);
                }
            }
        }
        assertEquals(k, qqs.size());
    }

    @org.junit.jupiter.api.Test
    void ppointsFollowsR() {
        // R: ppoints(5) = (1:5 - 3/8) / (5 + 1 - 3/4); ppoints(11) = (1:11 - 1/2) / 11.
        assertEquals((1 - 0.375) / 5.25, NormalQq.plottingPosition(1, 5), 1e-15);
        assertEquals((5 - 0.375) / 5.25, NormalQq.plottingPosition(5, 5), 1e-15);
        assertEquals(0.5 / 11, NormalQq.plottingPosition(1, 11), 1e-15);
        // qqline through the quartiles of 1..9 against the normal quartiles: slope = 4 / (2 · 0.6744898).
        NormalQq qq = NormalQq.of(new double[] {9, 1, 8, 2, 7, 3, 6, 4, 5});
        assertEquals(4 / (2 * 0.6744897501960817), qq.slope(), 1e-12);
        assertEquals(5, qq.intercept(), 1e-12);
    }

    @org.junit.jupiter.api.Test
    void sleepstudyPanelsHoldEachSubjectsDaysReactionAndFittedValues() {
        FitResult fit = TestFits.fit(TestFits.SLEEPSTUDY);
        List<GroupPanels> all = GroupPanels.of(fit);
        assertEquals(1, all.size());
        GroupPanels g = all.get(0);
        assertEquals("Subject", g.group());
        assertEquals("Days", g.covariate());
        assertEquals("Reaction", g.response());
        assertEquals(18, g.totalLevels());
        assertEquals(18, g.panels().size());
        double[] fitted = fit.fitted();
        double[] resid = fit.residuals();
        double[] days = fit.frame().randomTerms().get(0).columns();
        int n = fit.nobs();
        int rows = 0;
        for (GroupPanels.Panel p : g.panels()) {
            assertEquals(10, p.x().length);
            for (int k = 0; k < p.x().length; k++) {
                int row = p.rows()[k];
                assertEquals(k, p.x()[k], 0.0, "Days 0..9 in order");
                assertEquals(days[n + row], p.x()[k], 0.0);
                assertEquals(fitted[row] + resid[row], p.y()[k], 1e-9, "the response");
                assertEquals(fitted[row], p.fitted()[k], 0.0);
            }
            rows += p.x().length;
        }
        assertEquals(n, rows);
        assertEquals(fit.ranef().get(0).levels().get(0), g.panels().get(0).level());
    }
}
