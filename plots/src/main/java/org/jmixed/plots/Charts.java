package org.jmixed.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Chart builders for the pictures of a fit and of the inference around it: residual plots, normal
 * QQ plots, caterpillar (interval) plots, histograms with a density, traces and small-multiple
 * panels. Each returns a JFreeChart; {@link Figure#of} sizes it and {@link FigureFiles} writes it.
 */
public final class Charts {
    /** Width of the tick-label area left of each small-multiple panel, in pixels. */
    static final double PANEL_AXIS_SPACE = 30;

    private Charts() {
    }

    /** Residuals against fitted values, with the zero line and a LOWESS smoother. */
    public static JFreeChart residualsVsFitted(double[] fitted, double[] residuals, Curve smooth) {
        return new XYChartBuilder("Residuals vs fitted values", "fitted value", "residual")
                .horizontalLine(0)
                .points("residuals", fitted, residuals)
                .line("lowess", smooth)
                .build();
    }

    /** Sample quantiles against standard normal quantiles, with R's quartile reference line. */
    public static JFreeChart normalQq(String title, String sampleLabel, NormalQq qq) {
        XYChartBuilder b = new XYChartBuilder(title, "standard normal quantile", sampleLabel)
                .points("sample", qq.theoretical(), qq.sample());
        if (qq.size() >= 2 && Double.isFinite(qq.slope())) {
            double lo = qq.theoretical()[0];
            double hi = qq.theoretical()[qq.size() - 1];
            b.line("reference", new double[] {lo, hi},
                    new double[] {qq.intercept() + qq.slope() * lo, qq.intercept() + qq.slope() * hi},
                    ChartStyle.REFERENCE, 1.2f);
        }
        return b.build();
    }

    /**
     * Counts in bins as bars; with a density (may be null) drawn over them on the count scale
     * (density · n · bin width). For bootstrap replicates and posterior draws.
     */
    public static JFreeChart histogram(String title, String xLabel, Histogram h, Curve density) {
        XYChartBuilder b = new XYChartBuilder(title, xLabel, "count").includeZeroY(true);
        if (density != null) {
            double scale = h.total() * (h.edges()[1] - h.edges()[0]);
            double[] y = density.y().clone();
            for (int i = 0; i < y.length; i++) {
                y[i] *= scale;
            }
            b.line("density", density.x(), y, ChartStyle.LINE, 1.8f);
        }
        JFreeChart chart = b.build();
        XYPlot plot = chart.getXYPlot();
        XYIntervalSeries bars = new XYIntervalSeries("counts");
        for (int i = 0; i < h.bins(); i++) {
            double lo = h.edges()[i];
            double hi = h.edges()[i + 1];
            bars.add((lo + hi) / 2, lo, hi, h.counts()[i], 0, h.counts()[i]);
        }
        XYIntervalSeriesCollection ds = new XYIntervalSeriesCollection();
        ds.addSeries(bars);
        XYBarRenderer r = ChartStyle.keep(new XYBarRenderer());
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(true);
        r.setSeriesPaint(0, ChartStyle.BARS);
        r.setSeriesOutlinePaint(0, new Color(70, 100, 140));
        r.setSeriesVisibleInLegend(0, false);
        // Bars under the density: REVERSE draws the highest dataset index first.
        int index = plot.getDatasetCount();
        plot.setDataset(index, ds);
        plot.setRenderer(index, r);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        return chart;
    }

    /** Values in order (an MCMC chain, the optimizer's path): value against iteration 1, 2, .... */
    public static JFreeChart trace(String title, String yLabel, double[] values) {
        double[] x = new double[values.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        JFreeChart chart = new XYChartBuilder(title, "iteration", yLabel)
                .line("trace", x, values, ChartStyle.POINTS, 1f)
                .build();
        // Iterations are whole numbers: no tick at 2.5 on a short chain.
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    /**
     * A caterpillar plot: for each term a panel of horizontal intervals, one row per level, levels
     * sorted by the first term's value and shared by the panels; labels thinned by the axis.
     */
    public static JFreeChart caterpillar(Caterpillar c) {
        int n = c.size();
        NumberAxis levels = new NumberAxis(c.group());
        levels.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        levels.setNumberFormatOverride(new LevelFormat(c.levels()));
        levels.setAutoRange(false);
        levels.setRange(-0.5, n - 0.5);
        levels.setTickMarksVisible(false);
        CombinedRangeXYPlot combined = new CombinedRangeXYPlot(levels);
        combined.setGap(12);
        java.awt.Shape mark = n > 1000 ? ChartStyle.mark(n) : ChartStyle.disc(n > 100 ? 1.8 : 3.0);
        float barWidth = n > 1000 ? 0.4f : n > 100 ? 0.7f : 1.2f;
        int alpha = n > 1000 ? 110 : 230;
        for (int t = 0; t < c.terms().size(); t++) {
            XYIntervalSeries s = new XYIntervalSeries(c.terms().get(t));
            for (int r = 0; r < n; r++) {
                s.add(c.value()[t][r], c.lower()[t][r], c.upper()[t][r], r, r, r);
            }
            XYIntervalSeriesCollection ds = new XYIntervalSeriesCollection();
            ds.addSeries(s);
            XYErrorRenderer renderer = ChartStyle.keep(new XYErrorRenderer());
            renderer.setDrawXError(true);
            renderer.setDrawYError(false);
            renderer.setCapLength(n > 60 ? 0 : 4);
            renderer.setErrorPaint(ChartStyle.withAlpha(new Color(90, 90, 90), alpha));
            renderer.setErrorStroke(new BasicStroke(barWidth));
            renderer.setSeriesShape(0, mark);
            renderer.setDrawOutlines(false);
            renderer.setSeriesPaint(0, ChartStyle.withAlpha(ChartStyle.POINTS, Math.max(alpha, 200)));
            renderer.setSeriesVisibleInLegend(0, false);
            NumberAxis valueAxis = new NumberAxis(c.terms().get(t));
            valueAxis.setAutoRangeIncludesZero(false);
            XYPlot sub = new XYPlot(ds, valueAxis, null, renderer);
            sub.addDomainMarker(new ValueMarker(0, ChartStyle.REFERENCE, ChartStyle.dashed()));
            sub.setRangeGridlinesVisible(n <= 60);
            combined.add(sub, 1);
        }
        String title = "Random effects of " + c.group() + String.format(java.util.Locale.ROOT,
                " with %.0f%% intervals (%d levels)", 100 * c.level(), n);
        JFreeChart chart = new JFreeChart(title, null, combined, false);
        ChartStyle.apply(chart);
        // The theme resets the renderers' shapes only where unset; keep the level labels compact.
        levels.setTickLabelFont(new Font(ChartStyle.FONT, Font.PLAIN, n > 60 ? 9 : 11));
        return chart;
    }

    /** One panel of a small-multiples figure: a group's observations and its fitted line. */
    public static JFreeChart groupPanel(GroupPanels.Panel p) {
        JFreeChart chart = new XYChartBuilder(null, null, null)
                .points("observed", p.x(), p.y())
                .line("fitted", p.x(), p.fitted(), ChartStyle.LINE, 1.5f)
                .build();
        XYPlot plot = chart.getXYPlot();
        // The same room for the tick labels in every panel, so that the plots line up and the
        // strip can span exactly the plot's width.
        AxisSpace left = new AxisSpace();
        left.setLeft(PANEL_AXIS_SPACE);
        plot.setFixedRangeAxisSpace(left);
        TextTitle strip = new TextTitle(p.level(), new Font(ChartStyle.FONT, Font.PLAIN, 11));
        strip.setBackgroundPaint(ChartStyle.STRIP);
        strip.setExpandToFitSpace(true);
        strip.setMargin(0, PANEL_AXIS_SPACE + plot.getInsets().getLeft(), 0, plot.getInsets().getRight());
        chart.setTitle(strip);
        Font small = new Font(ChartStyle.FONT, Font.PLAIN, 9);
        plot.getDomainAxis().setTickLabelFont(small);
        plot.getRangeAxis().setTickLabelFont(small);
        return chart;
    }
}
