package org.jmixed.plots;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.JFreeChart;

/**
 * Something drawn at a stated size: one chart, or several charts laid out together
 * ({@link SmallMultiples}). {@link FigureFiles} writes a figure as PNG or SVG.
 */
public interface Figure {
    /** Width in pixels (PNG) or user units (SVG). */
    int width();

    int height();

    /** Draws the figure into the area (of the figure's size) of a graphics context. */
    void draw(Graphics2D g, Rectangle2D area);

    /** One chart at a size. */
    static Figure of(JFreeChart chart, int width, int height) {
        return new Figure() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public void draw(Graphics2D g, Rectangle2D area) {
                chart.draw(g, area);
            }
        };
    }
}
