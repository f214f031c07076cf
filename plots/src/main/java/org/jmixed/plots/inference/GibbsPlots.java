package org.jmixed.plots.inference;

import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jmixed.inference.bayes.GibbsResult;
import org.jmixed.plots.ChartStyle;
import org.jmixed.plots.Curve;
import org.jmixed.plots.Figure;
import org.jmixed.plots.NamedFigure;
import org.jmixed.plots.XYChartBuilder;

/**
 * The Gibbs sampler's diagnostic pictures ({@code gibbs --plots DIR}), the ones the seed notes
 * check their sampler with, per parameter: the trace of every chain (one colour each), the
 * autocorrelation of each chain up to lag 50 with the ±1.96/√n band of white noise, and the
 * posterior density of all chains' draws together with each chain's own (thin), which should
 * agree when the chains have mixed, drawn over the central 99% of the draws ({@link TrimmedDensity}).
 */
public final class GibbsPlots {
    private GibbsPlots() {
    }

    /** Iterations after burn-in: burn-in + 1, burn-in + 2, ..., for the trace's x axis. */
    static double[] iterations(int burnIn, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = burnIn + i + 1;
        }
        return x;
    }

    /** Trace: dataset c is chain c's draws against the iteration. */
    public static JFreeChart trace(GibbsResult r, int param) {
        String name = r.names().get(param);
        double[][] chains = r.draws(param);
        XYChartBuilder b = new XYChartBuilder("Trace of " + name, "iteration", name).legend(chains.length > 1);
        for (int c = 0; c < chains.length; c++) {
            b.line("chain " + (c + 1), iterations(r.settings().burnIn(), chains[c].length), chains[c],
                    InferenceFigures.chain(c, 170), 0.6f);
        }
        JFreeChart chart = b.build();
        InferenceFigures.linesAsPaths(chart);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    /** Autocorrelation: dataset c is chain c's ACF at lags 0..{@link Autocorrelation#DEFAULT_LAGS}. */
    public static JFreeChart autocorrelation(GibbsResult r, int param) {
        String name = r.names().get(param);
        double[][] chains = r.draws(param);
        XYChartBuilder b = new XYChartBuilder("Autocorrelation of " + name, "lag", "autocorrelation")
                .legend(chains.length > 1).includeZeroY(true).horizontalLine(0);
        int n = chains.length == 0 ? 0 : chains[0].length;
        if (n > 0) {
            double band = 1.96 / Math.sqrt(n);
            b.horizontalLine(band).horizontalLine(-band);
        }
        for (int c = 0; c < chains.length; c++) {
            double[] acf = Autocorrelation.of(chains[c], Autocorrelation.DEFAULT_LAGS);
            b.line("chain " + (c + 1), Autocorrelation.lags(acf.length), acf, InferenceFigures.chain(c), 1.4f);
        }
        return InferenceFigures.linesAsPaths(b.build());
    }

    /** Posterior density: datasets 0.. one per chain (thin), the last all chains pooled, drawn on top. */
    public static JFreeChart density(GibbsResult r, int param) {
        String name = r.names().get(param);
        double[][] chains = r.draws(param);
        int total = 0;
        for (double[] c : chains) {
            total += c.length;
        }
        double[] all = new double[total];
        int k = 0;
        for (double[] c : chains) {
            System.arraycopy(c, 0, all, k, c.length);
            k += c.length;
        }
        XYChartBuilder b = new XYChartBuilder("Posterior density of " + name, name, "density")
                .includeZeroY(true).legend(chains.length > 1);
        for (int c = 0; c < chains.length && chains.length > 1; c++) {
            Curve d = TrimmedDensity.estimate(chains[c], 256);
            b.line("chain " + (c + 1), d.x(), d.y(), InferenceFigures.chain(c), 0.9f);
        }
        Curve pooled = TrimmedDensity.estimate(all, 256);
        b.line("all chains", pooled.x(), pooled.y(), ChartStyle.LINE, 2.2f);
        return InferenceFigures.plainDecimalsOnY(InferenceFigures.linesAsPaths(b.build()));
    }

    /** Three figures per parameter: {@code gibbs-trace-P}, {@code gibbs-acf-P}, {@code gibbs-density-P}. */
    public static List<NamedFigure> figures(GibbsResult r) {
        List<NamedFigure> out = new ArrayList<>();
        int chains = r.settings().chains();
        for (int p = 0; p < r.names().size(); p++) {
            String name = r.names().get(p);
            String file = InferenceFigures.fileName(name);
            out.add(new NamedFigure("gibbs-trace-" + file,
                    "Kept draws of " + name + " against the iteration, " + chains + " chain(s) in colours.",
                    Figure.of(trace(r, p), 760, 420)));
            out.add(new NamedFigure("gibbs-acf-" + file,
                    "Autocorrelation of the draws of " + name + " per chain, lags 0 to " + Autocorrelation.DEFAULT_LAGS
                            + "; dashed: 0 and ±1.96/√n.",
                    Figure.of(autocorrelation(r, p), 560, 420)));
            out.add(new NamedFigure("gibbs-density-" + file,
                    "Posterior density of " + name + " (kernel estimate, drawn over the central 99% of the draws):"
                            + " all chains (red) and each chain (thin).",
                    Figure.of(density(r, p), 560, 420)));
        }
        return out;
    }
}
