package org.jmixed.plots;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.Range;

/**
 * Panels laid out in a grid under a title, all on the same axes so that groups compare at a
 * glance (lattice's {@code xyplot(y ~ x | g)}). Each panel is a chart drawn by JFreeChart into
 * its cell.
 */
public final class SmallMultiples implements Figure {
    private final String title;
    private final List<JFreeChart> panels;
    private final int columns;
    private final int panelWidth;
    private final int panelHeight;
    private static final int TITLE_HEIGHT = 44;

    /**
     * @param title       drawn above the grid (may name the axes: the panels carry no axis labels)
     * @param panels      the panel charts; their axes are set to common ranges here
     * @param columns     panels per row
     */
    public SmallMultiples(String title, List<JFreeChart> panels, int columns, int panelWidth, int panelHeight) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no panels");
        }
        this.title = title;
        this.panels = List.copyOf(panels);
        this.columns = Math.max(1, Math.min(columns, panels.size()));
        this.panelWidth = panelWidth;
        this.panelHeight = panelHeight;
        shareAxes();
    }

    /** A grid about as wide as it is high for this many panels, at most {@code maxColumns} wide. */
    public static int columnsFor(int panels, int maxColumns) {
        return Math.max(1, Math.min(maxColumns, (int) Math.ceil(Math.sqrt(panels * 1.3))));
    }

    private void shareAxes() {
        Range x = null;
        Range y = null;
        for (JFreeChart c : panels) {
            XYPlot p = c.getXYPlot();
            x = Range.combine(x, p.getDataRange(p.getDomainAxis()));
            y = Range.combine(y, p.getDataRange(p.getRangeAxis()));
        }
        for (JFreeChart c : panels) {
            XYPlot p = c.getXYPlot();
            if (x != null) {
                p.getDomainAxis().setRange(pad(x));
            }
            if (y != null) {
                p.getRangeAxis().setRange(pad(y));
            }
        }
    }

    private static Range pad(Range r) {
        double m = r.getLength() > 0 ? 0.05 * r.getLength() : 0.5;
        return new Range(r.getLowerBound() - m, r.getUpperBound() + m);
    }

    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    @Override
    public int width() {
        return columns * panelWidth;
    }

    @Override
    public int height() {
        return TITLE_HEIGHT + rows() * panelHeight;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        double sx = area.getWidth() / width();
        double sy = area.getHeight() / height();
        TextTitle t = new TextTitle(title, new Font(ChartStyle.FONT, Font.BOLD, 14));
        Rectangle2D titleArea = new Rectangle2D.Double(area.getX(), area.getY() + 4, area.getWidth(),
                TITLE_HEIGHT * sy - 8);
        // A title lays out its text block in arrange(); draw() alone shows nothing.
        t.arrange(g, new RectangleConstraint(titleArea.getWidth(), null, LengthConstraintType.FIXED, 0, null,
                LengthConstraintType.NONE));
        t.draw(g, titleArea);
        for (int i = 0; i < panels.size(); i++) {
            int row = i / columns;
            int col = i % columns;
            Rectangle2D cell = new Rectangle2D.Double(area.getX() + col * panelWidth * sx,
                    area.getY() + (TITLE_HEIGHT + row * panelHeight) * sy, panelWidth * sx, panelHeight * sy);
            panels.get(i).draw(g, cell);
        }
    }
}
