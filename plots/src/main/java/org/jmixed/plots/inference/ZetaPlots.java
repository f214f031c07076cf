package org.jmixed.plots.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.jfree.chart.JFreeChart;
import org.jmixed.inference.interval.Interval;
import org.jmixed.inference.interval.IntervalTable;
import org.jmixed.inference.interval.ProfileTrace;
import org.jmixed.plots.ChartStyle;
import org.jmixed.plots.Figure;
import org.jmixed.plots.NamedFigure;
import org.jmixed.plots.XYChartBuilder;

/**
 * Zeta plots of profile confidence intervals ({@code confint --method profile --plots DIR}), as
 * lme4's {@code xyplot(profile(fit))}: ζ against the parameter's value through the points the
 * profile computed, dashed lines at ζ = 0 and ±z (z = qnorm((1 + level)/2)), and the interval's
 * ends marked where the profile crosses ±z. A straight line means the profile is quadratic and
 * the Wald interval would do; curvature shows where it would not.
 */
public final class ZetaPlots {
    private ZetaPlots() {
    }

    /** z of a two-sided interval at this level. */
    public static double z(double level) {
        return new NormalDistribution(0, 1).inverseCumulativeProbability((1 + level) / 2);
    }

    /**
     * The zeta plot of one parameter: layer 0 the trace (values and ζ as computed), layer 1 the
     * interval's ends at ζ = −z and +z (an end at a bound, where the profile stops short of z, is
     * marked at the trace's ζ there).
     */
    public static JFreeChart chart(ProfileTrace trace, Interval interval, double level) {
        double z = z(level);
        String title = String.format(Locale.ROOT, "Profile zeta plot of %s (%.0f%% interval)", trace.name(),
                100 * level);
        XYChartBuilder b = new XYChartBuilder(title, trace.name(), "ζ")
                .horizontalLine(0).horizontalLine(-z).horizontalLine(z)
                .line("profile", trace.value(), trace.zeta(), ChartStyle.POINTS, 1.6f);
        double[] ends = {interval.lower(), interval.upper()};
        double[] endZeta = {zetaAt(trace, interval.lower(), -z), zetaAt(trace, interval.upper(), z)};
        List<Double> ex = new ArrayList<>();
        List<Double> ey = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            if (Double.isFinite(ends[i])) {
                ex.add(ends[i]);
                ey.add(endZeta[i]);
            }
        }
        b.points("interval ends", ex.stream().mapToDouble(Double::doubleValue).toArray(),
                ey.stream().mapToDouble(Double::doubleValue).toArray(), InferenceFigures.MARK);
        for (double e : ex) {
            b.verticalLine(e);
        }
        return InferenceFigures.linesAsPaths(b.build());
    }

    /**
     * ζ of the trace at value v: the target ±z where the trace reaches it, otherwise (an end at a
     * bound) ζ interpolated in the trace.
     */
    static double zetaAt(ProfileTrace trace, double v, double target) {
        double[] x = trace.value();
        double[] y = trace.zeta();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double t : y) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        if (target >= min && target <= max) {
            return target;
        }
        for (int i = 0; i + 1 < x.length; i++) {
            if (v >= x[i] && v <= x[i + 1]) {
                double w = x[i + 1] > x[i] ? (v - x[i]) / (x[i + 1] - x[i]) : 0;
                return y[i] + w * (y[i + 1] - y[i]);
            }
        }
        return x.length == 0 ? target : (v <= x[0] ? y[0] : y[x.length - 1]);
    }

    /** One zeta plot per profiled parameter, named {@code zeta-PARAM}; none for Wald or bootstrap tables. */
    public static List<NamedFigure> figures(IntervalTable table) {
        List<NamedFigure> out = new ArrayList<>();
        for (ProfileTrace t : table.traces()) {
            Interval iv = table.interval(t.name());
            out.add(new NamedFigure("zeta-" + InferenceFigures.fileName(t.name()),
                    String.format(Locale.ROOT, "Profile of %s: zeta against the parameter (%d points); dashed: zeta = 0"
                            + " and ±%.3f; red: the %.0f%% interval's ends.", t.name(), t.size(), z(table.level()),
                            100 * table.level()),
                    Figure.of(chart(t, iv, table.level()), 560, 460)));
        }
        return out;
    }
}
