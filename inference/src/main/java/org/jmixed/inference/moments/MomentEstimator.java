package org.jmixed.inference.moments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.model.ModelFrame;
import org.jmixed.model.ModelFrameBuilder;
import org.jmixed.model.RandomTermData;

/**
 * ANOVA (method-of-moments) estimators of variance components for the classical balanced
 * designs: one-way (also unbalanced, through the usual n₀), nested to any depth, and two-way
 * crossed with or without the interaction. Sums of squares are sequential, as {@code aov} forms
 * them; each mean square is equated with its expectation under the random-effects model and
 * the system solved from the bottom up. Nothing is truncated at zero: a negative estimate is
 * reported as it is, with a note (REML would put that component on its boundary, 0).
 *
 * <p>The formula must be an intercept-only fixed part with intercept-only random terms; other
 * designs are refused with a message, since their expected mean squares are not those derived here.
 */
public final class MomentEstimator {
    private MomentEstimator() {
    }

    public static MomentResult estimate(DataFrame data, String formula) {
        ModelFrame frame = ModelFrameBuilder.build(data, formula);
        if (frame.p() != 1 || !frame.fixedNames().get(0).equals("(Intercept)")) {
            throw new JmixedException("formula '" + formula + "': the method of moments needs an intercept-only fixed"
                    + " part ('y ~ 1 + (1 | g) ...'), not " + String.join(", ", frame.fixedNames()));
        }
        List<RandomTermData> terms = new ArrayList<>(frame.randomTerms());
        for (RandomTermData t : terms) {
            if (t.width() != 1 || !t.columnNames().get(0).equals("(Intercept)")) {
                throw new JmixedException("formula '" + formula + "': the method of moments handles random intercepts"
                        + " only; term for '" + t.groupName() + "' has " + String.join(", ", t.columnNames()));
            }
        }
        terms.sort(Comparator.comparingInt(RandomTermData::nLevels));
        double[] y = frame.y();
        if (isNestedChain(terms)) {
            return nested(formula, y, terms);
        }
        // crossed designs keep the formula's order of the factors
        List<RandomTermData> written = frame.randomTerms();
        if (written.size() == 2) {
            return crossed(formula, y, written.get(0), written.get(1), null);
        }
        if (written.size() == 3) {
            // two crossed factors and the factor of their cells, in some order
            for (int c = 0; c < 3; c++) {
                RandomTermData a = written.get(c == 0 ? 1 : 0);
                RandomTermData b = written.get(c == 2 ? 1 : 2);
                RandomTermData cell = written.get(c);
                if (!nestedIn(a, b) && !nestedIn(b, a) && nestedIn(cell, a) && nestedIn(cell, b)
                        && cell.nLevels() == a.nLevels() * b.nLevels()) {
                    return crossed(formula, y, a, b, cell);
                }
            }
        }
        throw new JmixedException("formula '" + formula + "': the method of moments handles one-way, nested"
                + " ('(1 | a/b)') and two-way crossed ('(1 | a) + (1 | b)', optionally '+ (1 | a:b)') designs;"
                + " these " + terms.size() + " terms form none of them");
    }

    /** Whether each level of {@code inner} lies within a single level of {@code outer}. */
    static boolean nestedIn(RandomTermData inner, RandomTermData outer) {
        int[] parent = new int[inner.nLevels()];
        java.util.Arrays.fill(parent, -1);
        int[] li = inner.levelOfRow();
        int[] lo = outer.levelOfRow();
        for (int r = 0; r < li.length; r++) {
            if (parent[li[r]] < 0) {
                parent[li[r]] = lo[r];
            } else if (parent[li[r]] != lo[r]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNestedChain(List<RandomTermData> terms) {
        for (int t = 1; t < terms.size(); t++) {
            if (!nestedIn(terms.get(t), terms.get(t - 1))) {
                return false;
            }
        }
        return true;
    }

    private static int[] counts(RandomTermData t) {
        int[] c = new int[t.nLevels()];
        for (int l : t.levelOfRow()) {
            c[l]++;
        }
        return c;
    }

    private static double[] means(RandomTermData t, double[] y) {
        int[] c = counts(t);
        double[] m = new double[t.nLevels()];
        for (int r = 0; r < y.length; r++) {
            m[t.levelOfRow()[r]] += y[r];
        }
        for (int l = 0; l < m.length; l++) {
            m[l] /= c[l];
        }
        return m;
    }

    /** The common count per level, or −1 when the counts differ. */
    private static int commonCount(RandomTermData t) {
        int[] c = counts(t);
        for (int v : c) {
            if (v != c[0]) {
                return -1;
            }
        }
        return c[0];
    }

    private static double mean(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v;
        }
        return s / y.length;
    }

    private static MomentResult nested(String formula, double[] y, List<RandomTermData> terms) {
        int n = y.length;
        int k = terms.size();
        double grand = mean(y);
        int[] perLevel = new int[k];
        boolean balanced = true;
        for (int t = 0; t < k; t++) {
            perLevel[t] = commonCount(terms.get(t));
            balanced &= perLevel[t] > 0;
        }
        if (!balanced && k > 1) {
            String uneven = terms.stream().filter(t -> commonCount(t) < 0).map(RandomTermData::groupName)
                    .findFirst().orElse("?");
            throw new JmixedException("formula '" + formula + "': the nested design is unbalanced (levels of '" + uneven
                    + "' have different numbers of rows); the method of moments is implemented for balanced nested"
                    + " designs and for one-way designs only; use REML (jmixed fit)");
        }
        // sequential sums of squares: each factor's means about its parent's means
        double[] parent = new double[n];
        java.util.Arrays.fill(parent, grand);
        List<MeanSquare> table = new ArrayList<>();
        double[] ms = new double[k + 1];
        int prevLevels = 1;
        for (int t = 0; t < k; t++) {
            RandomTermData term = terms.get(t);
            double[] m = means(term, y);
            double ss = 0;
            double[] own = new double[n];
            for (int r = 0; r < n; r++) {
                own[r] = m[term.levelOfRow()[r]];
                double d = own[r] - parent[r];
                ss += d * d;
            }
            int df = term.nLevels() - prevLevels;
            ms[t] = ss / df;
            table.add(new MeanSquare(term.groupName(), df, ss, ms[t], null));
            parent = own;
            prevLevels = term.nLevels();
        }
        double sse = 0;
        for (int r = 0; r < n; r++) {
            double d = y[r] - parent[r];
            sse += d * d;
        }
        int dfe = n - prevLevels;
        if (dfe <= 0) {
            throw new JmixedException("formula '" + formula + "': no residual degrees of freedom (one row per level of '"
                    + terms.get(k - 1).groupName() + "')");
        }
        ms[k] = sse / dfe;

        List<ComponentEstimate> comps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        MomentDesign design;
        if (k == 1 && !balanced) {
            design = MomentDesign.ONE_WAY_UNBALANCED;
            int a = terms.get(0).nLevels();
            double sumSq = 0;
            for (int c : counts(terms.get(0))) {
                sumSq += (double) c * c;
            }
            double n0 = (n - sumSq / n) / (a - 1);
            String g = terms.get(0).groupName();
            table.set(0, withExpectation(table.get(0), "σ²_e + " + fmt(n0) + " σ²_" + g));
            comps.add(new ComponentEstimate(g, (ms[0] - ms[1]) / n0, "(MS_" + g + " − MS_Residual) / n0, n0 = " + fmt(n0)));
            notes.add("unbalanced one-way design: n0 = (N − Σ nᵢ²/N)/(a − 1) = " + fmt(n0)
                    + " stands for the group size; the estimate is unbiased but not the REML estimate");
        } else {
            design = k == 1 ? MomentDesign.ONE_WAY_BALANCED : MomentDesign.NESTED_BALANCED;
            // E(MS_t) = σ²_e + Σ_{s ≥ t} r_s σ²_s with r_s rows per level of term s
            for (int t = 0; t < k; t++) {
                StringBuilder e = new StringBuilder("σ²_e");
                for (int s = k - 1; s >= t; s--) {
                    e.append(" + ").append(perLevel[s]).append(" σ²_").append(terms.get(s).groupName());
                }
                table.set(t, withExpectation(table.get(t), e.toString()));
            }
            for (int t = 0; t < k; t++) {
                String below = t + 1 < k ? terms.get(t + 1).groupName() : "Residual";
                String g = terms.get(t).groupName();
                comps.add(new ComponentEstimate(g, (ms[t] - ms[t + 1]) / perLevel[t],
                        "(MS_" + g + " − MS_" + below + ") / " + perLevel[t]));
            }
        }
        table.add(new MeanSquare("Residual", dfe, sse, ms[k], "σ²_e"));
        comps.add(new ComponentEstimate("Residual", ms[k], "MS_Residual"));
        return finish(formula, design, n, grand, table, comps, notes);
    }

    private static MomentResult crossed(String formula, double[] y, RandomTermData a, RandomTermData b,
                                        RandomTermData cellTerm) {
        int n = y.length;
        int la = a.nLevels();
        int lb = b.nLevels();
        int[] cell = new int[la * lb];
        for (int r = 0; r < n; r++) {
            cell[a.levelOfRow()[r] + la * b.levelOfRow()[r]]++;
        }
        int reps = cell[0];
        for (int c : cell) {
            if (c != reps || c == 0) {
                throw new JmixedException("formula '" + formula + "': the crossed design of '" + a.groupName() + "' and '"
                        + b.groupName() + "' is unbalanced (cells with " + (c == 0 ? "no rows" : c + " and " + reps
                        + " rows") + "); the method of moments is implemented for balanced crossed designs only;"
                        + " use REML (jmixed fit)");
            }
        }
        if (cellTerm != null && reps < 2) {
            throw new JmixedException("formula '" + formula + "': with one row per cell the interaction '"
                    + cellTerm.groupName() + "' cannot be told from the residual; drop it");
        }
        double grand = mean(y);
        double[] ma = means(a, y);
        double[] mb = means(b, y);
        double ssa = 0;
        double ssb = 0;
        double sst = 0;
        for (int r = 0; r < n; r++) {
            double da = ma[a.levelOfRow()[r]] - grand;
            double db = mb[b.levelOfRow()[r]] - grand;
            double dt = y[r] - grand;
            ssa += da * da;
            ssb += db * db;
            sst += dt * dt;
        }
        int dfa = la - 1;
        int dfb = lb - 1;
        double msa = ssa / dfa;
        double msb = ssb / dfb;
        String ga = a.groupName();
        String gb = b.groupName();
        int perA = lb * reps;
        int perB = la * reps;
        List<MeanSquare> table = new ArrayList<>();
        List<ComponentEstimate> comps = new ArrayList<>();
        MomentDesign design;
        if (cellTerm == null) {
            design = MomentDesign.CROSSED_ADDITIVE;
            double sse = sst - ssa - ssb;
            int dfe = n - la - lb + 1;
            double mse = sse / dfe;
            table.add(new MeanSquare(ga, dfa, ssa, msa, "σ²_e + " + perA + " σ²_" + ga));
            table.add(new MeanSquare(gb, dfb, ssb, msb, "σ²_e + " + perB + " σ²_" + gb));
            table.add(new MeanSquare("Residual", dfe, sse, mse, "σ²_e"));
            comps.add(new ComponentEstimate(ga, (msa - mse) / perA, "(MS_" + ga + " − MS_Residual) / " + perA));
            comps.add(new ComponentEstimate(gb, (msb - mse) / perB, "(MS_" + gb + " − MS_Residual) / " + perB));
            comps.add(new ComponentEstimate("Residual", mse, "MS_Residual"));
        } else {
            design = MomentDesign.CROSSED_INTERACTION;
            double[] mc = means(cellTerm, y);
            double ssab = 0;
            double sse = 0;
            for (int r = 0; r < n; r++) {
                double m = mc[cellTerm.levelOfRow()[r]];
                double d = m - ma[a.levelOfRow()[r]] - mb[b.levelOfRow()[r]] + grand;
                ssab += d * d;
                sse += (y[r] - m) * (y[r] - m);
            }
            int dfab = dfa * dfb;
            int dfe = la * lb * (reps - 1);
            double msab = ssab / dfab;
            double mse = sse / dfe;
            String gab = cellTerm.groupName();
            table.add(new MeanSquare(ga, dfa, ssa, msa, "σ²_e + " + reps + " σ²_" + gab + " + " + perA + " σ²_" + ga));
            table.add(new MeanSquare(gb, dfb, ssb, msb, "σ²_e + " + reps + " σ²_" + gab + " + " + perB + " σ²_" + gb));
            table.add(new MeanSquare(gab, dfab, ssab, msab, "σ²_e + " + reps + " σ²_" + gab));
            table.add(new MeanSquare("Residual", dfe, sse, mse, "σ²_e"));
            comps.add(new ComponentEstimate(ga, (msa - msab) / perA, "(MS_" + ga + " − MS_" + gab + ") / " + perA));
            comps.add(new ComponentEstimate(gb, (msb - msab) / perB, "(MS_" + gb + " − MS_" + gab + ") / " + perB));
            comps.add(new ComponentEstimate(gab, (msab - mse) / reps, "(MS_" + gab + " − MS_Residual) / " + reps));
            comps.add(new ComponentEstimate("Residual", mse, "MS_Residual"));
        }
        return finish(formula, design, n, grand, table, comps, new ArrayList<>());
    }

    private static MomentResult finish(String formula, MomentDesign design, int n, double grand, List<MeanSquare> table,
                                       List<ComponentEstimate> comps, List<String> notes) {
        for (ComponentEstimate c : comps) {
            if (c.negative()) {
                notes.add("the estimate for " + c.group() + " is negative (" + fmt(c.variance())
                        + "), reported as it is: its mean square is below the one it is compared with; REML"
                        + " would put this component at 0 (a singular fit)");
            }
        }
        return new MomentResult(formula, design, n, grand, table, comps, notes);
    }

    private static MeanSquare withExpectation(MeanSquare m, String e) {
        return new MeanSquare(m.source(), m.df(), m.sumOfSquares(), m.meanSquare(), e);
    }

    private static String fmt(double v) {
        return String.format("%.6g", v);
    }
}
