package org.jmixed.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.inference.bayes.GibbsData;
import org.jmixed.inference.bayes.GibbsResult;
import org.jmixed.inference.bayes.GibbsSampler;
import org.jmixed.inference.bayes.GibbsSettings;
import org.jmixed.inference.bayes.RandomInterceptPrior;
import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.inference.bootstrap.BootstrapResult;
import org.jmixed.inference.bootstrap.ParametricBootstrap;
import org.jmixed.inference.bootstrap.ReplicateProgress;
import org.jmixed.inference.interval.ConfidenceIntervals;
import org.jmixed.inference.interval.Interval;
import org.jmixed.inference.interval.IntervalTable;
import org.jmixed.inference.interval.ProfileOptions;
import org.jmixed.inference.interval.ProfileTrace;
import org.jmixed.inference.lmlist.LmList;
import org.jmixed.inference.lmlist.LmListResult;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.plots.inference.Autocorrelation;
import org.jmixed.plots.inference.BootstrapPlots;
import org.jmixed.plots.inference.GibbsPlots;
import org.jmixed.plots.inference.InferenceFigures;
import org.jmixed.plots.inference.LmListPlots;
import org.jmixed.plots.inference.TrimmedDensity;
import org.jmixed.plots.inference.ZetaPlots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pictures of the inference commands: written as valid PNG and SVG of their stated sizes,
 * and the numbers drawn are the results' (profile traces, replicate counts, chains, ACFs, per-group
 * coefficients).
 */
class InferencePlotsTest {
    private static final FitOptions JAVA = FitOptions.defaults().withBackend("java");

    @TempDir
    Path dir;

    private static DataFrame data(String file) {
        return CsvReader.read(SharedData.data(file));
    }

    private static double[] xs(XYDataset d, int series) {
        double[] v = new double[d.getItemCount(series)];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.getXValue(series, i);
        }
        return v;
    }

    private static double[] ys(XYDataset d, int series) {
        double[] v = new double[d.getItemCount(series)];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.getYValue(series, i);
        }
        return v;
    }

    private static List<Double> markers(XYPlot plot, boolean domain) {
        List<Double> out = new ArrayList<>();
        var ms = domain ? plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)
                : plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        if (ms != null) {
            for (Object m : ms) {
                out.add(((ValueMarker) m).getValue());
            }
        }
        return out;
    }

    private void checkFiles(List<NamedFigure> figures) throws Exception {
        InferenceFigures.write(figures, dir);
        Set<String> names = new HashSet<>();
        for (NamedFigure f : figures) {
            assertTrue(names.add(f.name()), "unique file name " + f.name());
            FigureFilesTest.checkPng(dir.resolve(f.name() + ".png"), f.figure().width(), f.figure().height());
            FigureFilesTest.checkSvg(dir.resolve(f.name() + ".svg"), f.figure().width(), f.figure().height());
        }
    }

    @Test
    void autocorrelationStartsAtOneAndMatchesTheDefinition() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = new double[3000];
        for (int t = 1; t < x.length; t++) {
            x[t] = 0.8 * x[t - 1] + rng.nextGaussian();
        }
        double[] acf = Autocorrelation.of(x, 50);
        assertEquals(51, acf.length);
        assertEquals(1.0, acf[0], 0);
        // Direct: R's acf, the whole series' mean and the lag-0 sum as denominator.
        double m = java.util.Arrays.stream(x).average().orElseThrow();
        double c0 = 0;
        for (double v : x) {
            c0 += (v - m) * (v - m);
        }
        for (int k : new int[] {1, 2, 10, 50}) {
            double s = 0;
            for (int t = 0; t + k < x.length; t++) {
                s += (x[t] - m) * (x[t + k] - m);
            }
            assertEquals(s / c0, acf[k], 1e-12, "lag " + k);
        }
        // An AR(1) with φ = 0.8: ρ_k = 0.8^k, within sampling error of 3000 draws.
        assertEquals(0.8, acf[1], 0.05);
        assertEquals(0.64, acf[2], 0.07);
        assertEquals(3, Autocorrelation.of(new double[] {1, 2, 3}, 50).length, "lags stop at n − 1");
    }

    @Test
    void trimmedDensityIsTheKernelDensityOverTheCentralRange() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] heavy = new double[4000];
        for (int i = 0; i < heavy.length; i++) {
            heavy[i] = 1 / Math.pow(rng.nextDouble(), 2);     // a Pareto tail: quantile 99.5% = 40000
        }
        Curve trimmed = TrimmedDensity.estimate(heavy, 256);
        double[] sorted = heavy.clone();
        java.util.Arrays.sort(sorted);
        double h = KernelDensity.bandwidth(heavy);
        double hi = trimmed.x()[255];
        assertTrue(hi < sorted[sorted.length - 1], "the far tail is left out");
        double q995 = sorted[(int) (0.995 * (sorted.length - 1))];
        double q005 = sorted[(int) (0.005 * (sorted.length - 1))];
        assertEquals(q995 + Math.max(3 * h, 0.2 * (q995 - q005)), hi, 0.05 * hi);
        // Same values as the kernel density over the whole range at a common point.
        double x0 = trimmed.x()[40];
        double direct = 0;
        for (double v : heavy) {
            direct += Math.exp(-0.5 * Math.pow((x0 - v) / h, 2));
        }
        direct /= heavy.length * h * Math.sqrt(2 * Math.PI);
        assertEquals(direct, trimmed.y()[40], 1e-12 * direct);
        Curve normal = TrimmedDensity.estimate(new double[] {1, 2, 3, 4, 5}, 50);
        assertEquals(KernelDensity.estimate(new double[] {1, 2, 3, 4, 5}, 50).x()[0], normal.x()[0], 0.05,
                "a short light-tailed sample keeps the three-bandwidth margin");
    }

    @Test
    void zetaPlotsDrawTheProfileTraceAndTheIntervalEnds() throws Exception {
        PreparedModel m = LinearMixedModel.prepare(data("Dyestuff.csv"), "Yield ~ 1 + (1 | Batch)");
        IntervalTable ci = ConfidenceIntervals.profile(m, JAVA, ProfileOptions.defaults().withTraceZeta(3));
        List<NamedFigure> figures = ZetaPlots.figures(ci);
        assertEquals(ci.traces().size(), figures.size());
        assertEquals(3, figures.size(), ".sig01, .sigma, (Intercept)");
        double z = ZetaPlots.z(0.95);
        assertEquals(1.959964, z, 1e-6);
        for (ProfileTrace t : ci.traces()) {
            Interval iv = ci.interval(t.name());
            XYPlot plot = ZetaPlots.chart(t, iv, ci.level()).getXYPlot();
            assertArrayEquals(t.value(), xs(plot.getDataset(0), 0), 0, t.name());
            assertArrayEquals(t.zeta(), ys(plot.getDataset(0), 0), 0, t.name());
            assertArrayEquals(new double[] {iv.lower(), iv.upper()}, xs(plot.getDataset(1), 0), 0);
            assertArrayEquals(new double[] {-z, z}, ys(plot.getDataset(1), 0), 1e-12);
            assertEquals(List.of(0.0, -z, z), markers(plot, false));
            assertEquals(List.of(iv.lower(), iv.upper()), markers(plot, true));
            // --trace-zeta 3 extends the trace beyond both ends, or below to a standard deviation's bound 0.
            double[] zeta = t.zeta();
            assertTrue(zeta[zeta.length - 1] >= 3 - 1e-6, t.name());
            assertTrue(zeta[0] <= -3 + 1e-6 || t.value()[0] == 0, t.name() + " from " + t.value()[0]);
        }
        checkFiles(figures);
    }

    @Test
    void bootstrapHistogramsCountEveryReplicateAndMarkTheEstimate() throws Exception {
        PreparedModel m = LinearMixedModel.prepare(data("Dyestuff.csv"), "Yield ~ 1 + (1 | Batch)");
        FitResult fit = LinearMixedModel.fit(m, JAVA);
        BootstrapResult r = ParametricBootstrap.run(m, fit, BootstrapOptions.of(60, 3).withThreads(1), JAVA,
                new ReplicateProgress(new PrintStream(OutputStream.nullOutputStream()), "bootstrap", false));
        List<NamedFigure> figures = BootstrapPlots.figures(r);
        assertEquals(r.names().size(), figures.size());
        for (int j = 0; j < r.names().size(); j++) {
            JFreeChart chart = BootstrapPlots.chart(r, j);
            XYPlot plot = chart.getXYPlot();
            // Dataset 1: the bars; their heights sum to the successful replicates.
            double[] counts = ys(plot.getDataset(1), 0);
            double sum = 0;
            for (double c : counts) {
                sum += c;
            }
            assertEquals(r.replicates() - r.failed(), sum, 0, r.names().get(j));
            assertEquals(BootstrapPlots.histogram(r, j).total(), (long) sum);
            assertEquals(List.of(r.original()[j]), markers(plot, true), r.names().get(j));
            // Dataset 0: the density on the count scale integrates to about the number of replicates.
            double[] x = xs(plot.getDataset(0), 0);
            double[] y = ys(plot.getDataset(0), 0);
            Histogram h = BootstrapPlots.histogram(r, j);
            double area = 0;
            for (int i = 1; i < x.length; i++) {
                area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
            }
            assertEquals(sum * (h.edges()[1] - h.edges()[0]), area, 0.02 * area, r.names().get(j));
        }
        checkFiles(figures);
    }

    @Test
    void gibbsPicturesDrawEachChainItsAcfAndDensity() throws Exception {
        GibbsResult r = GibbsSampler.run(GibbsData.of(data("pulp.csv"), "bright ~ 1 + (1 | operator)"),
                RandomInterceptPrior.DIFFUSE, new GibbsSettings(600, 100, 3, 5, 1));
        List<NamedFigure> figures = GibbsPlots.figures(r);
        assertEquals(3 * r.names().size(), figures.size());
        for (int p = 0; p < r.names().size(); p++) {
            XYPlot trace = GibbsPlots.trace(r, p).getXYPlot();
            XYPlot acf = GibbsPlots.autocorrelation(r, p).getXYPlot();
            XYPlot density = GibbsPlots.density(r, p).getXYPlot();
            assertEquals(3, trace.getDatasetCount());
            for (int c = 0; c < 3; c++) {
                double[] chain = r.chain(p, c);
                assertArrayEquals(chain, ys(trace.getDataset(c), 0), 0);
                assertEquals(101, xs(trace.getDataset(c), 0)[0], 0, "iterations count from after the burn-in");
                double[] a = ys(acf.getDataset(c), 0);
                assertEquals(Autocorrelation.DEFAULT_LAGS + 1, a.length);
                assertEquals(1.0, a[0], 0);
                assertArrayEquals(Autocorrelation.of(chain, 50), a, 0);
            }
            double band = 1.96 / Math.sqrt(500);
            assertEquals(List.of(0.0, band, -band), markers(acf, false));
            assertEquals(4, density.getDatasetCount(), "one per chain and pooled");
            double[] all = java.util.stream.DoubleStream.concat(java.util.stream.DoubleStream.concat(
                    java.util.Arrays.stream(r.chain(p, 0)), java.util.Arrays.stream(r.chain(p, 1))),
                    java.util.Arrays.stream(r.chain(p, 2))).toArray();
            Curve pooled = TrimmedDensity.estimate(all, 256);
            assertArrayEquals(pooled.x(), xs(density.getDataset(3), 0), 0);
            assertArrayEquals(pooled.y(), ys(density.getDataset(3), 0), 0);
        }
        checkFiles(figures);
    }

    @Test
    void lmlistScatterPlotsEachGroupsIntercepctAgainstItsSlope() throws Exception {
        LmListResult r = LmList.fit(data("sleepstudy.csv"), "Reaction ~ Days | Subject");
        List<NamedFigure> figures = LmListPlots.figures(r);
        assertEquals(1, figures.size());
        assertEquals("lmlist-Intercept-vs-Days", figures.get(0).name());
        XYPlot plot = LmListPlots.scatter(r, 0, 1).getXYPlot();
        assertArrayEquals(r.coefficient(0), xs(plot.getDataset(0), 0), 0);
        assertArrayEquals(r.coefficient(1), ys(plot.getDataset(0), 0), 0);
        checkFiles(figures);
        // Intercept only: a histogram of the per-group means.
        LmListResult means = LmList.fit(data("sleepstudy.csv"), "Reaction ~ 1 | Subject");
        List<NamedFigure> one = LmListPlots.figures(means);
        assertEquals(List.of("lmlist-Intercept"), one.stream().map(NamedFigure::name).toList());
        checkFiles(one);
    }
}
