package org.jmixed.plots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmixed.model.FitResult;
import org.jmixed.model.ModelFrame;
import org.jmixed.model.RandomTermData;

/**
 * The data of small-multiple panels, one per level of a grouping factor that has a numeric
 * covariate in a random slope (sleepstudy's {@code (Days | Subject)}): the group's observations
 * (covariate, response) and the fitted values at them, sorted by the covariate. A covariate is a
 * random-effects column other than the intercept taking more than two distinct values (a 0/1
 * column is a factor's indicator, not a covariate).
 *
 * @param group       grouping factor
 * @param covariate   the covariate's column name, e.g. {@code Days}
 * @param response    the response as written
 * @param panels      one per level shown, in the factor's level order
 * @param totalLevels levels of the factor (panels may show only the first {@link #MAX_PANELS})
 */
public record GroupPanels(String group, String covariate, String response, List<Panel> panels, int totalLevels) {
    /** Most panels drawn; beyond this the panels would be too small to read. */
    public static final int MAX_PANELS = 48;

    /**
     * One level's observations, sorted by x.
     *
     * @param level   level name
     * @param x       covariate
     * @param y       response
     * @param fitted  fitted values (fixed effects plus this level's BLUPs)
     * @param rows    the observations' row numbers in the model frame
     */
    public record Panel(String level, double[] x, double[] y, double[] fitted, int[] rows) {
    }

    /** Panels for every grouping factor with a numeric random-slope covariate (the first such covariate). */
    public static List<GroupPanels> of(FitResult fit) {
        ModelFrame frame = fit.frame();
        List<GroupPanels> out = new ArrayList<>();
        if (frame == null) {
            return out;
        }
        double[] fitted = fit.fitted();
        Map<String, GroupPanels> byGroup = new LinkedHashMap<>();
        for (RandomTermData t : frame.randomTerms()) {
            if (byGroup.containsKey(t.groupName())) {
                continue;
            }
            for (int j = 0; j < t.width(); j++) {
                String name = t.columnNames().get(j);
                if (!name.equals("(Intercept)") && distinctAtLeast(t.columns(), j * frame.n(), frame.n(), 3)) {
                    byGroup.put(t.groupName(), build(frame, t, j, fitted));
                    break;
                }
            }
        }
        out.addAll(byGroup.values());
        return out;
    }

    private static GroupPanels build(ModelFrame frame, RandomTermData t, int column, double[] fitted) {
        int n = frame.n();
        int levels = t.nLevels();
        int shown = Math.min(levels, MAX_PANELS);
        int[] counts = new int[levels];
        for (int i = 0; i < n; i++) {
            counts[t.levelOfRow()[i]]++;
        }
        int[][] rows = new int[shown][];
        int[] fill = new int[shown];
        for (int l = 0; l < shown; l++) {
            rows[l] = new int[counts[l]];
        }
        for (int i = 0; i < n; i++) {
            int l = t.levelOfRow()[i];
            if (l < shown) {
                rows[l][fill[l]++] = i;
            }
        }
        double[] cov = t.columns();
        int off = column * n;
        List<Panel> panels = new ArrayList<>(shown);
        for (int l = 0; l < shown; l++) {
            Integer[] r = new Integer[rows[l].length];
            for (int k = 0; k < r.length; k++) {
                r[k] = rows[l][k];
            }
            Arrays.sort(r, (a, b) -> Double.compare(cov[off + a], cov[off + b]));
            double[] x = new double[r.length];
            double[] y = new double[r.length];
            double[] f = new double[r.length];
            int[] rr = new int[r.length];
            for (int k = 0; k < r.length; k++) {
                rr[k] = r[k];
                x[k] = cov[off + r[k]];
                y[k] = frame.y()[r[k]];
                f[k] = fitted[r[k]];
            }
            panels.add(new Panel(t.levels().get(l), x, y, f, rr));
        }
        return new GroupPanels(t.groupName(), t.columnNames().get(column), frame.responseName(), List.copyOf(panels),
                levels);
    }

    private static boolean distinctAtLeast(double[] a, int off, int n, int k) {
        Set<Double> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (seen.add(a[off + i]) && seen.size() >= k) {
                return true;
            }
        }
        return false;
    }
}
