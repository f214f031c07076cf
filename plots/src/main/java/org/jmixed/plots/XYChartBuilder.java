package org.jmixed.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Builds an x–y chart from layers drawn in the order added: point clouds, lines (a smoother, a
 * fitted curve, a profile trace, an MCMC chain) and horizontal or vertical reference lines. The
 * general builder behind scatter plots, QQ plots, residual plots, traces and zeta plots.
 */
public final class XYChartBuilder {
    private record Layer(String name, double[] x, double[] y, boolean line, Color color, float width) {
    }

    /** Above this many points a layer is drawn as a {@link PointCloudRenderer point cloud}. */
    static final int POINT_CLOUD = 2_000;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Layer> layers = new ArrayList<>();
    private final List<Double> horizontal = new ArrayList<>();
    private final List<Double> vertical = new ArrayList<>();
    private boolean legend;
    private boolean includeZeroY;

    public XYChartBuilder(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** A point cloud; point size and opacity follow the number of points. */
    public XYChartBuilder points(String name, double[] x, double[] y) {
        return points(name, x, y, ChartStyle.POINTS);
    }

    public XYChartBuilder points(String name, double[] x, double[] y, Color color) {
        check(x, y);
        layers.add(new Layer(name, x.clone(), y.clone(), false, color, 0));
        return this;
    }

    /** A line through the points in the order given. */
    public XYChartBuilder line(String name, double[] x, double[] y, Color color, float width) {
        check(x, y);
        layers.add(new Layer(name, x.clone(), y.clone(), true, color, width));
        return this;
    }

    public XYChartBuilder line(String name, Curve c) {
        return line(name, c.x(), c.y(), ChartStyle.LINE, 2f);
    }

    /** A dashed grey line across the plot at this y. */
    public XYChartBuilder horizontalLine(double y) {
        horizontal.add(y);
        return this;
    }

    public XYChartBuilder verticalLine(double x) {
        vertical.add(x);
        return this;
    }

    /** Show a legend naming the layers (off by default). */
    public XYChartBuilder legend(boolean show) {
        legend = show;
        return this;
    }

    /** Let the y axis reach zero (histograms, densities). */
    public XYChartBuilder includeZeroY(boolean v) {
        includeZeroY = v;
        return this;
    }

    public JFreeChart build() {
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        NumberAxis yAxis = new NumberAxis(yLabel);
        yAxis.setAutoRangeIncludesZero(includeZeroY);
        XYPlot plot = new XYPlot(null, xAxis, yAxis, null);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            DefaultXYDataset ds = new DefaultXYDataset();
            ds.addSeries(l.name(), new double[][] {l.x(), l.y()});
            XYLineAndShapeRenderer r = ChartStyle.keep(l.line() ? new XYLineAndShapeRenderer(true, false)
                    : l.x().length > POINT_CLOUD ? new PointCloudRenderer() : new XYLineAndShapeRenderer(false, true));
            if (l.line()) {
                r.setSeriesPaint(0, l.color());
                r.setSeriesStroke(0, new BasicStroke(l.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            } else {
                int n = l.x().length;
                r.setSeriesShape(0, ChartStyle.mark(n));
                // Filled marks only: an outline of the same colour doubles the SVG's elements.
                r.setDrawOutlines(false);
                r.setSeriesPaint(0, ChartStyle.withAlpha(l.color(), ChartStyle.pointAlpha(n)));
            }
            r.setSeriesVisibleInLegend(0, legend);
            plot.setDataset(i, ds);
            plot.setRenderer(i, r);
        }
        for (double h : horizontal) {
            ValueMarker m = new ValueMarker(h, ChartStyle.REFERENCE, ChartStyle.dashed());
            plot.addRangeMarker(m);
        }
        for (double v : vertical) {
            ValueMarker m = new ValueMarker(v, ChartStyle.REFERENCE, ChartStyle.dashed());
            plot.addDomainMarker(m);
        }
        JFreeChart chart = new JFreeChart(title, null, plot, legend);
        ChartStyle.apply(chart);
        return chart;
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
    }
}
