package org.jmixed.plots.inference;

import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jmixed.inference.lmlist.GroupFit;
import org.jmixed.inference.lmlist.LmListResult;
import org.jmixed.plots.Charts;
import org.jmixed.plots.Figure;
import org.jmixed.plots.Histogram;
import org.jmixed.plots.KernelDensity;
import org.jmixed.plots.NamedFigure;
import org.jmixed.plots.XYChartBuilder;

/**
 * The per-group least-squares fits of {@code lmlist --plots DIR}: each group's first coefficient
 * (the intercept) against each of the others (the slopes), one point per group, as the seed notes
 * draw the psid incomes' per-person intercepts and growth rates before a random-slope model; dashed
 * lines at the pooled means. With one coefficient only, its histogram across the groups.
 */
public final class LmListPlots {
    private LmListPlots() {
    }

    /** The groups where coefficients a and b were both estimated (not aliased, not unfitted). */
    public static double[][] pairs(LmListResult r, int a, int b) {
        List<double[]> rows = new ArrayList<>();
        for (GroupFit g : r.groups()) {
            double x = g.coefficients()[a];
            double y = g.coefficients()[b];
            if (Double.isFinite(x) && Double.isFinite(y)) {
                rows.add(new double[] {x, y});
            }
        }
        double[][] out = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[0][i] = rows.get(i)[0];
            out[1][i] = rows.get(i)[1];
        }
        return out;
    }

    /** Coefficient a (x) against b (y): dataset 0 the groups' points. */
    public static JFreeChart scatter(LmListResult r, int a, int b) {
        double[][] p = pairs(r, a, b);
        String xn = r.coefficientNames().get(a);
        String yn = r.coefficientNames().get(b);
        XYChartBuilder builder = new XYChartBuilder("Per-" + r.groupName() + " fits: " + yn + " against " + xn
                + " (" + p[0].length + " groups)", xn, yn).points(r.groupName(), p[0], p[1]);
        if (p[0].length > 0) {
            builder.verticalLine(mean(p[0])).horizontalLine(mean(p[1]));
        }
        return builder.build();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** {@code lmlist-A-vs-B} per slope, or {@code lmlist-A} for a one-coefficient model. */
    public static List<NamedFigure> figures(LmListResult r) {
        List<NamedFigure> out = new ArrayList<>();
        List<String> names = r.coefficientNames();
        String x = InferenceFigures.fileName(names.get(0));
        for (int b = 1; b < names.size(); b++) {
            out.add(new NamedFigure("lmlist-" + x + "-vs-" + InferenceFigures.fileName(names.get(b)),
                    "Per-" + r.groupName() + " least-squares estimates: " + names.get(b) + " against " + names.get(0)
                            + ", one point per group; dashed: the means over the groups.",
                    Figure.of(scatter(r, 0, b), 560, 500)));
        }
        if (names.size() == 1) {
            double[] v = java.util.Arrays.stream(r.coefficient(0)).filter(Double::isFinite).toArray();
            out.add(new NamedFigure("lmlist-" + x,
                    "Histogram of the per-" + r.groupName() + " estimates of " + names.get(0) + ".",
                    Figure.of(InferenceFigures.linesAsPaths(Charts.histogram("Per-" + r.groupName() + " " + names.get(0),
                            names.get(0), Histogram.of(v), v.length >= 2 ? KernelDensity.estimate(v, 256) : null)),
                            560, 420)));
        }
        return out;
    }
}
