package org.jmixed.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

import org.jfree.svg.SVGGraphics2D;
import org.jmixed.JmixedException;

/**
 * Writes figures as PNG (Java's image writer) or SVG (JFreeSVG). Both run headless: no display is
 * needed, only fonts, which the JDK finds through fontconfig.
 */
public final class FigureFiles {
    /** Makes the clip-path ids of SVG elements unique when several sit inline in one page. */
    private static final AtomicLong SVG_IDS = new AtomicLong();

    private FigureFiles() {
    }

    /** The figure as an RGB image on white. */
    public static BufferedImage image(Figure f) {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, f.width(), f.height());
            f.draw(g, new Rectangle2D.Double(0, 0, f.width(), f.height()));
        } finally {
            g.dispose();
        }
        return img;
    }

    public static byte[] pngBytes(Figure f) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image(f), "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A standalone SVG document: an XML declaration and the svg element, without the SVG 1.1
     * DOCTYPE (whose DTD a validating reader would try to fetch from the network).
     */
    public static String svgDocument(Figure f) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg(f).getSVGElement() + "\n";
    }

    /** An {@code <svg>} element for inline use in HTML, its internal ids unique in the page. */
    public static String svgElement(Figure f) {
        return svg(f).getSVGElement();
    }

    private static SVGGraphics2D svg(Figure f) {
        SVGGraphics2D g = new SVGGraphics2D(f.width(), f.height());
        g.setDefsKeyPrefix("jm" + SVG_IDS.incrementAndGet() + "_");
        // Hundredths of a pixel are plenty; the default writes 17 digits per coordinate.
        g.setGeomDoubleConverter(FigureFiles::hundredths);
        g.setTransformDoubleConverter(FigureFiles::hundredths);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, f.width(), f.height());
        f.draw(g, new Rectangle2D.Double(0, 0, f.width(), f.height()));
        return g;
    }

    static String hundredths(double d) {
        double r = Math.rint(d * 100) / 100;
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return Double.toString(r);
    }

    public static void writePng(Figure f, Path file) {
        write(file, pngBytes(f));
    }

    public static void writeSvg(Figure f, Path file) {
        write(file, svgDocument(f).getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new JmixedException("cannot write '" + file + "': " + e.getMessage());
        }
    }
}
