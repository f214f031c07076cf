package org.jmixed.plots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jmixed.JmixedException;
import org.jmixed.model.FitResult;
import org.jmixed.model.RandomEffects;

/**
 * The diagnostic pictures of a fit, as {@code jmixed fit --plots DIR} writes them: residuals
 * against fitted values; normal QQ plots of the scaled residuals and of each random-effects
 * term's BLUPs; a caterpillar plot per grouping factor; and, where a grouping factor has a
 * numeric covariate in a random slope (and the fit carries its model frame), the groups' data and
 * fitted lines in small multiples. The numbers plotted are available on their own (the static
 * methods returning plot data) so that they can be checked.
 */
public final class FitPlots {
    private FitPlots() {
    }

    /** A random-effects term's BLUPs and their QQ points. */
    public record TermQq(String group, String term, NormalQq qq) {
    }

    /** Residuals divided by σ̂, as lme4's summary reports "Scaled residuals". */
    public static double[] scaledResiduals(FitResult fit) {
        double[] r = fit.residuals();
        double s = fit.sigma();
        for (int i = 0; i < r.length; i++) {
            r[i] /= s;
        }
        return r;
    }

    public static Curve residualSmooth(FitResult fit) {
        return Lowess.smooth(fit.fitted(), fit.residuals());
    }

    public static NormalQq residualQq(FitResult fit) {
        return NormalQq.of(scaledResiduals(fit));
    }

    /** One QQ per (grouping factor, term), in the fit's order. */
    public static List<TermQq> ranefQq(FitResult fit) {
        List<TermQq> out = new ArrayList<>();
        for (RandomEffects re : fit.ranef()) {
            double[][] v = re.values();
            for (int t = 0; t < re.terms().size(); t++) {
                double[] col = new double[v.length];
                for (int l = 0; l < v.length; l++) {
                    col[l] = v[l][t];
                }
                out.add(new TermQq(re.group(), re.terms().get(t), NormalQq.of(col)));
            }
        }
        return out;
    }

    public static List<Caterpillar> caterpillars(FitResult fit) {
        List<Caterpillar> out = new ArrayList<>();
        for (RandomEffects re : fit.ranef()) {
            out.add(Caterpillar.of(re));
        }
        return out;
    }

    /** Every figure of the fit, in reading order. */
    public static List<NamedFigure> figures(FitResult fit) {
        List<NamedFigure> out = new ArrayList<>();
        out.add(new NamedFigure("residuals-vs-fitted",
                "Residuals against fitted values; dashed: zero, red: LOWESS smoother.",
                Figure.of(Charts.residualsVsFitted(fit.fitted(), fit.residuals(), residualSmooth(fit)), 720, 520)));
        out.add(new NamedFigure("qq-residuals",
                "Normal QQ plot of the scaled residuals (residual / sigma); the line passes through the quartiles.",
                Figure.of(Charts.normalQq("Normal QQ plot of scaled residuals", "scaled residual", residualQq(fit)),
                        540, 520)));
        for (TermQq q : ranefQq(fit)) {
            out.add(new NamedFigure("qq-ranef-" + fileName(q.group()) + "-" + fileName(q.term()),
                    "Normal QQ plot of the " + q.qq().size() + " BLUPs of " + q.term() + " | " + q.group() + ".",
                    Figure.of(Charts.normalQq("Normal QQ plot: " + q.term() + " | " + q.group(), "BLUP", q.qq()),
                            540, 520)));
        }
        for (Caterpillar c : caterpillars(fit)) {
            int width = 220 + 330 * c.terms().size();
            int height = Math.max(320, Math.min(1100, 150 + 15 * c.size()));
            out.add(new NamedFigure("caterpillar-" + fileName(c.group()),
                    "Conditional modes (BLUPs) of " + c.group() + " with 95% intervals (BLUP ± 1.96 conditional SD),"
                            + " levels sorted by " + c.terms().get(0) + ".",
                    Figure.of(Charts.caterpillar(c), width, height)));
        }
        for (GroupPanels g : GroupPanels.of(fit)) {
            List<JFreeChart> panels = new ArrayList<>();
            for (GroupPanels.Panel p : g.panels()) {
                panels.add(Charts.groupPanel(p));
            }
            String shown = g.panels().size() < g.totalLevels()
                    ? " (first " + g.panels().size() + " of " + g.totalLevels() + ")" : "";
            String title = g.response() + " against " + g.covariate() + " by " + g.group() + shown
                    + ": data and fitted values";
            out.add(new NamedFigure("panels-" + fileName(g.group()),
                    "Per-" + g.group() + " data (points) and fitted values (lines) against " + g.covariate()
                            + shown + ", all panels on the same axes.",
                    new SmallMultiples(title, panels, SmallMultiples.columnsFor(panels.size(), 8), 170, 150)));
        }
        return out;
    }

    /**
     * Writes every figure as {@code NAME.png} and {@code NAME.svg} into dir (created if missing);
     * returns the files written.
     */
    public static List<Path> write(FitResult fit, Path dir) {
        return write(figures(fit), dir);
    }

    public static List<Path> write(List<NamedFigure> figures, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new JmixedException("cannot create plot directory '" + dir + "': " + e.getMessage());
        }
        List<Path> written = new ArrayList<>();
        for (NamedFigure f : figures) {
            Path png = dir.resolve(f.name() + ".png");
            FigureFiles.writePng(f.figure(), png);
            written.add(png);
            Path svg = dir.resolve(f.name() + ".svg");
            FigureFiles.writeSvg(f.figure(), svg);
            written.add(svg);
        }
        return written;
    }

    /** A name safe in file names on every system: {@code (Intercept)} → {@code Intercept}, {@code b:a} → {@code b_a}. */
    static String fileName(String s) {
        String t = s.replaceAll("[()]", "").replaceAll("[^A-Za-z0-9_.-]+", "_");
        return t.isEmpty() ? "term" : t;
    }
}
