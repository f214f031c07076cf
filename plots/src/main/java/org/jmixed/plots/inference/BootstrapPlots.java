package org.jmixed.plots.inference;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jmixed.inference.bootstrap.BootstrapResult;
import org.jmixed.plots.Charts;
import org.jmixed.plots.Curve;
import org.jmixed.plots.Figure;
import org.jmixed.plots.Histogram;
import org.jmixed.plots.KernelDensity;
import org.jmixed.plots.NamedFigure;

/**
 * Histograms of parametric bootstrap replicates ({@code bootstrap --plots DIR}), one per quantity
 * (θ, σ, the fixed effects, the sd/cor of each term, the objective): counts in Sturges' bins,
 * a Gaussian kernel density on the count scale, and the original estimate as a red line, so that
 * bias and skewness (a standard deviation piling up at zero) show at a glance.
 */
public final class BootstrapPlots {
    private BootstrapPlots() {
    }

    /** The replicates of quantity j whose refit succeeded (failed refits are rows of NaN). */
    public static double[] finiteReplicates(BootstrapResult r, int j) {
        return java.util.Arrays.stream(r.column(j)).filter(Double::isFinite).toArray();
    }

    public static Histogram histogram(BootstrapResult r, int j) {
        return Histogram.of(finiteReplicates(r, j));
    }

    /**
     * Quantity j's histogram with a density (datasets: 0 the density, 1 the bars) and a domain
     * marker at the original estimate.
     */
    public static JFreeChart chart(BootstrapResult r, int j) {
        double[] values = finiteReplicates(r, j);
        String name = r.names().get(j);
        Curve density = values.length >= 2 ? KernelDensity.estimate(values, 256) : null;
        JFreeChart chart = Charts.histogram(String.format(Locale.ROOT, "Bootstrap replicates of %s (%d)", name,
                values.length), name, Histogram.of(values), density);
        double original = r.original()[j];
        if (Double.isFinite(original)) {
            chart.getXYPlot().addDomainMarker(new ValueMarker(original, InferenceFigures.MARK, new BasicStroke(2f)));
        }
        return InferenceFigures.linesAsPaths(chart);
    }

    /** One histogram per quantity with at least one successful replicate, named {@code boot-NAME}. */
    public static List<NamedFigure> figures(BootstrapResult r) {
        List<NamedFigure> out = new ArrayList<>();
        for (int j = 0; j < r.names().size(); j++) {
            if (finiteReplicates(r, j).length == 0) {
                continue;
            }
            out.add(new NamedFigure("boot-" + InferenceFigures.fileName(r.names().get(j)),
                    "Histogram of the bootstrap replicates of " + r.names().get(j)
                            + " with a kernel density (line); red: the original estimate.",
                    Figure.of(chart(r, j), 560, 420)));
        }
        return out;
    }
}
