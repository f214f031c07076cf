package org.jmixed.plots;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a large point cloud. Into an image, point by point, so that overlapping translucent
 * marks darken where the data are dense. Into SVG, {@link #CHUNK} marks at a time as one path:
 * JFreeSVG wraps every fill in a styled group, which made InstEval's 73,421 residuals a 14 MB
 * file; marks in data order rarely overlap within a chunk, so the picture looks the same.
 */
final class PointCloudRenderer extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;
    static final int CHUNK = 64;

    private transient Path2D.Double pending;
    private int inPending;

    PointCloudRenderer() {
        super(false, true);
        setDrawOutlines(false);
    }

    /** Every item is visited, the last one included, so that the last chunk is always drawn. */
    @Override
    public XYItemRendererState initialise(Graphics2D g2, Rectangle2D dataArea, XYPlot plot, XYDataset data,
                                          PlotRenderingInfo info) {
        XYItemRendererState state = super.initialise(g2, dataArea, plot, data, info);
        state.setProcessVisibleItemsOnly(false);
        pending = null;
        return state;
    }

    @Override
    public int getPassCount() {
        return 1;
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                         XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series,
                         int item, CrosshairState crosshairState, int pass) {
        if (!(g2 instanceof SVGGraphics2D)) {
            super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item,
                    crosshairState, pass);
            return;
        }
        if (item == 0 || pending == null) {
            pending = new Path2D.Double();
            inPending = 0;
        }
        double x = dataset.getXValue(series, item);
        double y = dataset.getYValue(series, item);
        if (getItemVisible(series, item) && Double.isFinite(x) && Double.isFinite(y)) {
            double tx = domainAxis.valueToJava2D(x, dataArea, plot.getDomainAxisEdge());
            double ty = rangeAxis.valueToJava2D(y, dataArea, plot.getRangeAxisEdge());
            if (plot.getOrientation() == PlotOrientation.HORIZONTAL) {
                double t = tx;
                tx = ty;
                ty = t;
            }
            Shape mark = ShapeUtils.createTranslatedShape(getItemShape(series, item), tx, ty);
            if (mark.intersects(dataArea)) {
                pending.append(mark, false);
                inPending++;
            }
        }
        if (inPending > 0 && (inPending == CHUNK || item == dataset.getItemCount(series) - 1)) {
            g2.setPaint(getItemPaint(series, item));
            g2.fill(pending);
            pending = new Path2D.Double();
            inPending = 0;
        }
    }
}
