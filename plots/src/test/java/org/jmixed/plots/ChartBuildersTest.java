package org.jmixed.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.data.xy.XYDataset;
import org.jmixed.data.Gaussians;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reusable builders (histogram with density, trace, x–y lines) that inference pictures will use. */
class ChartBuildersTest {
    @TempDir
    Path dir;

    @Test
    void histogramBinsCountEveryValueOnce() {
        double[] v = {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, Double.NaN};
        Histogram h = Histogram.of(v, 4);
        assertEquals(4, h.bins());
        assertEquals(9, h.total(), "NaN left out");
        assertEquals(0, h.edges()[0], 0);
        assertEquals(4, h.edges()[4], 0);
        assertEquals(2, h.counts()[0]); // 0, 0.5
        assertEquals(3, h.counts()[3]); // 3, 3.5, 4 (last bin closed)
        double area = 0;
        for (int i = 0; i < h.bins(); i++) {
            area += h.density(i) * (h.edges()[i + 1] - h.edges()[i]);
        }
        assertEquals(1, area, 1e-12);
        // Sturges: 1000 values -> ceil(log2 1000) + 1 = 11 bins.
        assertEquals(11, Histogram.of(new SplittableRandom(1).doubles(1000).toArray()).bins());
    }

    @Test
    void kernelDensityIntegratesToOneAndPeaksNearTheMode() {
        double[] v = Gaussians.draw(new SplittableRandom(7), 4000, 2.0);
        Curve d = KernelDensity.estimate(v, 400);
        double area = 0;
        int peak = 0;
        for (int i = 1; i < d.size(); i++) {
            area += 0.5 * (d.y()[i] + d.y()[i - 1]) * (d.x()[i] - d.x()[i - 1]);
            if (d.y()[i] > d.y()[peak]) {
                peak = i;
            }
        }
        assertEquals(1, area, 1e-3);
        assertEquals(0, d.x()[peak], 0.3);
        assertEquals(1 / (2 * Math.sqrt(2 * Math.PI)), d.y()[peak], 0.02);
    }

    @Test
    void histogramAndTraceChartsRender() throws Exception {
        double[] draws = Gaussians.draw(new SplittableRandom(3), 2000, 1.0);
        Histogram h = Histogram.of(draws);
        JFreeChart hist = Charts.histogram("Bootstrap replicates of sigma", "sigma", h, KernelDensity.estimate(draws, 200));
        // The bars carry the counts.
        XYDataset bars = hist.getXYPlot().getDataset(hist.getXYPlot().getDatasetCount() - 1);
        long sum = 0;
        for (int i = 0; i < bars.getItemCount(0); i++) {
            sum += Math.round(bars.getYValue(0, i));
        }
        assertEquals(2000, sum);
        JFreeChart trace = Charts.trace("Chain of sigma", "sigma", draws);
        assertEquals(2000, trace.getXYPlot().getDataset(0).getItemCount(0));
        assertEquals(1, trace.getXYPlot().getDataset(0).getXValue(0, 0), 0);
        for (JFreeChart c : new JFreeChart[] {hist, trace}) {
            Figure f = Figure.of(c, 500, 350);
            Path png = dir.resolve("c.png");
            Path svg = dir.resolve("c.svg");
            FigureFiles.writePng(f, png);
            FigureFiles.writeSvg(f, svg);
            FigureFilesTest.checkPng(png, 500, 350);
            FigureFilesTest.checkSvg(svg, 500, 350);
        }
    }

    @Test
    void linesBuilderDrawsAZetaStyleTrace() throws Exception {
        double[] x = {0.5, 0.8, 1.0, 1.2, 1.6};
        double[] zeta = {-2.5, -1.0, 0.0, 1.1, 2.7};
        JFreeChart c = new XYChartBuilder("Profile of theta1", "theta1", "zeta")
                .line("zeta", x, zeta, ChartStyle.LINE, 2f)
                .horizontalLine(-1.96).horizontalLine(1.96).verticalLine(1.0)
                .build();
        assertEquals(5, c.getXYPlot().getDataset(0).getItemCount(0));
        assertEquals(2, c.getXYPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size());
        FigureFiles.writePng(Figure.of(c, 400, 300), dir.resolve("z.png"));
        FigureFilesTest.checkPng(dir.resolve("z.png"), 400, 300);
    }

    @Test
    void caterpillarAxisThinsLabelsNotPoints() {
        Caterpillar c = FitPlots.caterpillars(TestFits.fit(TestFits.INSTEVAL)).get(0);
        assertEquals(2972, c.size());
        JFreeChart chart = Charts.caterpillar(c);
        CombinedRangeXYPlot plot = (CombinedRangeXYPlot) chart.getPlot();
        assertEquals(2972, plot.getSubplots().get(0).getDataset().getItemCount(0), "every level is a point");
        // Draw at the size FitPlots uses; the axis then picks a tick unit well above one level.
        FigureFiles.image(Figure.of(chart, 550, 1100));
        NumberAxis levels = (NumberAxis) plot.getRangeAxis();
        double unit = levels.getTickUnit().getSize();
        assertTrue(unit >= 20, "labels thinned to every " + unit + "th level");
        assertTrue(2972 / unit <= 150, "at most 150 labels");
        // Six levels: every label.
        Caterpillar six = FitPlots.caterpillars(TestFits.fit(TestFits.PENICILLIN)).get(1);
        assertEquals(6, six.size());
        JFreeChart small = Charts.caterpillar(six);
        FigureFiles.image(Figure.of(small, 550, 320));
        assertEquals(1, ((NumberAxis) ((CombinedRangeXYPlot) small.getPlot()).getRangeAxis()).getTickUnit().getSize());
        assertEquals("A", new LevelFormat(six.levels()).format(six.levels().indexOf("A")));
    }

    @Test
    void largePointCloudsAreChunkedInSvgButKeepEveryPoint() throws Exception {
        int n = 5000;
        SplittableRandom rnd = new SplittableRandom(11);
        double[] x = rnd.doubles(n).toArray();
        double[] y = rnd.doubles(n).toArray();
        Figure f = Figure.of(new XYChartBuilder("cloud", "x", "y").points("p", x, y).build(), 500, 400);
        String svg = FigureFiles.svgDocument(f);
        int paths = svg.split("<path", -1).length - 1;
        assertTrue(paths <= n / PointCloudRenderer.CHUNK + 20, paths + " path elements for " + n + " points");
        // Each mark is a closed subpath of its own.
        long marks = java.util.regex.Pattern.compile("M[0-9.]+,[0-9.]+L[0-9.]+,[0-9.]+L[0-9.]+,[0-9.]+L[0-9.]+,[0-9.]+"
                + "L[0-9.]+,[0-9.]+Z").matcher(svg).results().count();
        // Every point, plus at most the odd rectangle of the frame.
        assertTrue(marks >= n && marks <= n + 4, marks + " square subpaths for " + n + " points");
        Path file = dir.resolve("cloud.svg");
        FigureFiles.writeSvg(f, file);
        FigureFilesTest.checkSvg(file, 500, 400);
        FigureFilesTest.checkPng(writePng(f), 500, 400);
    }

    private Path writePng(Figure f) {
        Path p = dir.resolve("cloud.png");
        FigureFiles.writePng(f, p);
        return p;
    }

    @Test
    void lowessFollowsALineAndResistsAnOutlier() {
        int n = 101;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i / 10.0;
            y[i] = 2 + 0.5 * x[i];
        }
        Curve line = Lowess.smooth(x, y);
        for (int j = 0; j < line.size(); j++) {
            assertEquals(2 + 0.5 * line.x()[j], line.y()[j], 1e-9);
        }
        y[50] += 100;
        Curve robust = Lowess.smooth(x, y);
        Curve plain = Lowess.smooth(x, y, Lowess.DEFAULT_SPAN, 0);
        int mid = java.util.Arrays.binarySearch(robust.x(), 5.0);
        assertEquals(4.5, robust.y()[mid], 1e-6, "robustness iterations ignore the outlier");
        assertTrue(plain.y()[mid] > 4.5 + 0.5, "without them the outlier pulls the curve");
        // Large n: the curve is computed at most at MAX_POINTS positions.
        double[] bx = new SplittableRandom(5).doubles(50_000).toArray();
        double[] by = new double[bx.length];
        for (int i = 0; i < bx.length; i++) {
            by[i] = Math.sin(3 * bx[i]);
        }
        // A narrow span, so that the local lines' bias on the curve is small (≈ h²·f''/10).
        Curve big = Lowess.smooth(bx, by, 0.1, Lowess.DEFAULT_ITERATIONS);
        assertTrue(big.size() <= Lowess.MAX_POINTS);
        for (int j = 0; j < big.size(); j++) {
            assertEquals(Math.sin(3 * big.x()[j]), big.y()[j], 0.02);
        }
    }
}
