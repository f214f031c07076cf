package org.jmixed.inference.ddf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.model.FixedTermDesign;

/**
 * Type III hypotheses for the terms of a model, built as lmerTest builds them so that its anova
 * table is reproduced with treatment contrasts and interactions (where the hypothesis is not "all
 * columns of the term are zero"):
 * <ol>
 *   <li>express every column of the over-parameterized design (each term coded by indicators of all
 *       levels) in the model's columns: L = ((X'X)⁻¹X'X_over)', one row per over-parameterized column;</li>
 *   <li>from the highest-order terms down, replace a term's columns of L by their residuals after
 *       projection on the columns of the terms that contain it (a term contains another when it has
 *       all of its variables and more, with the same numeric variables);</li>
 *   <li>the term's hypothesis: its columns of L, read at the rows named like the model's columns,
 *       transposed; rows that vanish are dropped.</li>
 * </ol>
 * A model with a single term (or a single column) gets the plain hypothesis that the term's
 * coefficients are zero.
 */
public final class TypeIIIContrasts {
    private static final double LM_TOLERANCE = 1e-7;
    private static final double ZERO_ROW = 1e-8;

    private TypeIIIContrasts() {
    }

    /**
     * @param design     the formula's terms evaluated on the model's rows
     * @param fixedNames the model's fixed-effects columns (aliased columns dropped)
     * @param x          the model matrix with those columns, n × p column-major
     * @return per term label, in model order, its contrast rows (each of length p)
     */
    public static Map<String, double[][]> of(FixedTermDesign design, List<String> fixedNames, double[] x) {
        int p = fixedNames.size();
        int n = design.n();
        List<String> labels = design.termLabels();
        int nterms = labels.size();
        int[] termOf = new int[p];
        for (int j = 0; j < p; j++) {
            termOf[j] = design.termOfColumn(fixedNames.get(j));
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        if (p <= 1 || nterms <= 1) {
            for (int t = 0; t < nterms; t++) {
                List<double[]> rows = new ArrayList<>();
                for (int j = 0; j < p; j++) {
                    if (termOf[j] == t) {
                        double[] e = new double[p];
                        e[j] = 1.0;
                        rows.add(e);
                    }
                }
                out.put(labels.get(t), rows.toArray(new double[0][]));
            }
            return out;
        }
        int m = design.overNames().size();
        // L (m × p) = t((X'X)⁻¹ X' X_over)
        double[] xtx = Dense.tmul(x, n, p, x, p);
        double[] xtxInv = Dense.invertSpd(xtx, p);
        double[] xto = Dense.tmul(x, n, p, design.over(), m);
        double[] coef = Dense.mul(xtxInv, p, p, xto, m); // p × m
        double[] l = zapsmall(Dense.transpose(coef, p, m)); // m × p

        int[] order = new int[nterms];
        for (int t = 0; t < nterms; t++) {
            order[t] = design.order(t);
        }
        Integer[] byOrder = new Integer[nterms];
        for (int t = 0; t < nterms; t++) {
            byOrder[t] = t;
        }
        Arrays.sort(byOrder, (a, b) -> Integer.compare(order[b], order[a]));
        for (int term : byOrder) {
            List<Integer> containCols = new ArrayList<>();
            for (int other = 0; other < nterms; other++) {
                if (contains(design, other, term)) {
                    for (int j = 0; j < p; j++) {
                        if (termOf[j] == other) {
                            containCols.add(j);
                        }
                    }
                }
            }
            if (containCols.isEmpty()) {
                continue;
            }
            List<double[]> basis = orthonormalBasis(l, m, containCols);
            double[] cols = new double[0];
            for (int j = 0; j < p; j++) {
                if (termOf[j] != term) {
                    continue;
                }
                double[] y = Arrays.copyOfRange(l, j * m, (j + 1) * m);
                for (int pass = 0; pass < 2; pass++) {
                    for (double[] qv : basis) {
                        double d = dot(qv, y);
                        for (int i = 0; i < m; i++) {
                            y[i] -= d * qv[i];
                        }
                    }
                }
                System.arraycopy(y, 0, l, j * m, m);
                cols = concat(cols, y);
            }
            double[] z = zapsmall(cols);
            int k = 0;
            for (int j = 0; j < p; j++) {
                if (termOf[j] == term) {
                    System.arraycopy(z, k * m, l, j * m, m);
                    k++;
                }
            }
        }
        int[] rowOfName = new int[p];
        for (int j = 0; j < p; j++) {
            rowOfName[j] = design.overNames().indexOf(fixedNames.get(j));
            if (rowOfName[j] < 0) {
                throw new JmixedException("type III contrasts: column '" + fixedNames.get(j)
                        + "' has no counterpart in the indicator-coded design");
            }
        }
        for (int t = 0; t < nterms; t++) {
            List<double[]> rows = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                if (termOf[j] != t) {
                    continue;
                }
                double[] row = new double[p];
                double abs = 0.0;
                for (int c = 0; c < p; c++) {
                    row[c] = l[rowOfName[c] + j * m];
                    abs += Math.abs(row[c]);
                }
                if (abs > ZERO_ROW) {
                    rows.add(row);
                }
            }
            out.put(labels.get(t), rows.toArray(new double[0][]));
        }
        return out;
    }

    /** Whether term {@code big} contains term {@code small}: more variables, all of small's, same numeric ones. */
    static boolean contains(FixedTermDesign d, int big, int small) {
        int[] vb = d.termVariables().get(big);
        int[] vs = d.termVariables().get(small);
        if (vb.length <= vs.length) {
            return false;
        }
        for (int v : vs) {
            if (Arrays.stream(vb).noneMatch(w -> w == v)) {
                return false;
            }
        }
        for (int v : vb) {
            boolean inSmall = Arrays.stream(vs).anyMatch(w -> w == v);
            if (d.variableNumeric()[v] && !inSmall) {
                return false;
            }
        }
        return true;
    }

    private static List<double[]> orthonormalBasis(double[] l, int m, List<Integer> cols) {
        List<double[]> basis = new ArrayList<>();
        for (int j : cols) {
            double[] v = Arrays.copyOfRange(l, j * m, (j + 1) * m);
            double norm0 = Math.sqrt(dot(v, v));
            if (norm0 == 0.0) {
                continue;
            }
            for (int pass = 0; pass < 2; pass++) {
                for (double[] qv : basis) {
                    double d = dot(qv, v);
                    for (int i = 0; i < m; i++) {
                        v[i] -= d * qv[i];
                    }
                }
            }
            double norm = Math.sqrt(dot(v, v));
            if (norm > LM_TOLERANCE * norm0) {
                for (int i = 0; i < m; i++) {
                    v[i] /= norm;
                }
                basis.add(v);
            }
        }
        return basis;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** R's {@code zapsmall}: round to 7 significant digits of the largest magnitude. */
    static double[] zapsmall(double[] x) {
        double mx = 0.0;
        for (double v : x) {
            mx = Math.max(mx, Math.abs(v));
        }
        int digits = mx > 0 ? Math.max(0, 7 - (int) Math.ceil(Math.log10(mx))) : 7;
        double scale = Math.pow(10.0, digits);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.rint(x[i] * scale) / scale;
        }
        return out;
    }
}
