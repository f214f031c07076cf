package org.jmixed.plots.inference;

import java.awt.Color;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

import org.jmixed.plots.FitPlots;
import org.jmixed.plots.NamedFigure;

/** What the picture classes of the inference commands share: file names, chain colours, writing. */
public final class InferenceFigures {
    /** Colours of MCMC chains, distinguishable in print and for the common colour-vision deficiencies (Okabe–Ito). */
    static final Color[] CHAINS = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(90, 90, 90), new Color(240, 228, 66),
    };

    /** Colour of a marked estimate or interval end. */
    static final Color MARK = new Color(205, 55, 40);

    private InferenceFigures() {
    }

    static Color chain(int c) {
        return CHAINS[c % CHAINS.length];
    }

    /** A chain's colour, partly transparent so that overlaid traces all show. */
    static Color chain(int c, int alpha) {
        Color k = chain(c);
        return new Color(k.getRed(), k.getGreen(), k.getBlue(), alpha);
    }

    /**
     * Draws every line layer as one path instead of one element per segment (JFreeChart's
     * default): a density of 256 points or a chain of thousands of draws stays a small SVG.
     */
    static JFreeChart linesAsPaths(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        for (int i = 0; i < plot.getRendererCount(); i++) {
            if (plot.getRenderer(i) instanceof XYLineAndShapeRenderer r && r.getDefaultLinesVisible()) {
                r.setDrawSeriesLineAsPath(true);
            }
        }
        return chart;
    }

    /**
     * Plain decimals on a density's axis (0.00085, not 8.5E-4): enough places for two
     * significant digits at the axis' largest value.
     */
    static JFreeChart plainDecimalsOnY(JFreeChart chart) {
        NumberAxis axis = (NumberAxis) chart.getXYPlot().getRangeAxis();
        double top = Math.abs(axis.getUpperBound());
        int places = top > 0 && top < 1 ? (int) Math.ceil(-Math.log10(top)) + 2 : 2;
        axis.setNumberFormatOverride(new DecimalFormat("0." + "#".repeat(Math.min(places, 12)),
                DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return chart;
    }

    /** A parameter name safe in file names: {@code .sig01} → {@code sig01}, {@code sd_(Intercept)|Subject} → {@code sd_Intercept_Subject}. */
    static String fileName(String s) {
        String t = s.replaceAll("[()]", "").replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^[._]+", "");
        return t.isEmpty() ? "param" : t;
    }

    /**
     * Writes each figure as {@code NAME.png} and {@code NAME.svg} into dir (created if missing),
     * as {@code fit --plots} does; returns the files written.
     */
    public static List<Path> write(List<NamedFigure> figures, Path dir) {
        return FitPlots.write(figures, dir);
    }
}
