package org.jmixed.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;

/**
 * The look shared by every chart: logical sans-serif fonts (which JFreeSVG writes as the generic
 * {@code sans-serif} family, so pages need no font files), white backgrounds, light grid lines,
 * and point sizes that shrink as the number of points grows.
 */
public final class ChartStyle {
    public static final String FONT = Font.SANS_SERIF;
    public static final Color POINTS = new Color(31, 90, 160);
    public static final Color LINE = new Color(205, 55, 40);
    public static final Color REFERENCE = new Color(120, 120, 120);
    public static final Color GRID = new Color(225, 225, 225);
    public static final Color BARS = new Color(150, 180, 215);
    public static final Color STRIP = new Color(255, 229, 204);

    private ChartStyle() {
    }

    static void apply(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("jmixed");
        theme.setExtraLargeFont(new Font(FONT, Font.BOLD, 15));
        theme.setLargeFont(new Font(FONT, Font.BOLD, 13));
        theme.setRegularFont(new Font(FONT, Font.PLAIN, 12));
        theme.setSmallFont(new Font(FONT, Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(new Color(160, 160, 160));
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisLabelPaint(Color.DARK_GRAY);
        theme.setTickLabelPaint(Color.DARK_GRAY);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.setShadowVisible(false);
        theme.apply(chart);
    }

    /** A filled disc's radius for a plot of n points. */
    static double pointRadius(int n) {
        return n > 20_000 ? 1.1 : n > 2_000 ? 1.6 : n > 200 ? 2.2 : 3.0;
    }

    /** Opacity of points, so that dense clouds show their density. */
    static int pointAlpha(int n) {
        return n > 20_000 ? 70 : n > 2_000 ? 120 : n > 200 ? 190 : 230;
    }

    static Shape disc(double r) {
        return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
    }

    /**
     * The mark of one point among n: a disc, or for large n a square of the same area, which
     * looks the same at that size and costs an SVG file a fifth of a disc's bytes.
     */
    static Shape mark(int n) {
        double r = pointRadius(n);
        if (n <= 2_000) {
            return disc(r);
        }
        double h = r * Math.sqrt(Math.PI) / 2;
        return new java.awt.geom.Rectangle2D.Double(-h, -h, 2 * h, 2 * h);
    }

    /**
     * Keeps the series paints, strokes and shapes set on a renderer: the theme otherwise replaces
     * them with its own sequence.
     */
    static <R extends org.jfree.chart.renderer.AbstractRenderer> R keep(R r) {
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesShape(false);
        r.setAutoPopulateSeriesFillPaint(false);
        r.setAutoPopulateSeriesOutlinePaint(false);
        return r;
    }

    static Stroke dashed() {
        return new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
