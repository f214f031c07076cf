package org.jmixed.model;

import org.jmixed.JmixedException;
import org.jmixed.formula.FixedTerms;

import java.util.ArrayList;
import java.util.List;

/**
 * A model matrix built from expanded terms exactly as R's {@code model.matrix} builds it, with
 * treatment contrasts:
 * <ul>
 *   <li>{@code (Intercept)} first when the model has one, then the terms in order;</li>
 *   <li>a numeric variable contributes itself; a factor contributes either its contrasts (levels
 *       2..L, the first level is the reference) or full indicator coding (all L levels);</li>
 *   <li>which coding a factor gets inside a term follows R's marginality rule (TermCode in R's
 *       {@code model.c}): contrasts when the term without that factor is the empty term or is
 *       contained in a preceding term, else indicators; and without an intercept the first factor
 *       of the first term that has one is coded by indicators, so that the columns still span the
 *       constant;</li>
 *   <li>the columns of a multi-variable term are all products, the first variable varying
 *       fastest, named by joining the parts with {@code :} ({@code age:SexMale}).</li>
 * </ul>
 *
 * @param names  column names
 * @param values the matrix, n × names.size(), column-major
 */
public record DesignMatrix(List<String> names, double[] values) {
    public DesignMatrix {
        names = List.copyOf(names);
    }

    public int ncol() {
        return names.size();
    }

    /**
     * @param terms     the expanded term list
     * @param variables the term list's variables evaluated on the rows, by index
     * @param n         number of rows
     */
    public static DesignMatrix build(FixedTerms terms, List<DesignVariable> variables, int n) {
        int[][] coding = codings(terms, variables);
        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        if (terms.intercept()) {
            double[] one = new double[n];
            java.util.Arrays.fill(one, 1.0);
            names.add("(Intercept)");
            cols.add(one);
        }
        for (int t = 0; t < terms.terms().size(); t++) {
            int[] vars = terms.terms().get(t);
            // start from the empty product and multiply in each variable; the existing columns
            // vary fastest, so the first variable ends up varying fastest
            List<String> tn = new ArrayList<>(List.of(""));
            List<double[]> tc = new ArrayList<>();
            tc.add(null); // null stands for a column of ones
            for (int k = 0; k < vars.length; k++) {
                DesignVariable v = variables.get(vars[k]);
                List<String> pn = new ArrayList<>();
                List<double[]> pc = new ArrayList<>();
                parts(v, coding[t][k] == 2, n, pn, pc);
                List<String> nn = new ArrayList<>();
                List<double[]> nc = new ArrayList<>();
                for (int j = 0; j < pn.size(); j++) {
                    for (int i = 0; i < tn.size(); i++) {
                        nn.add(tn.get(i).isEmpty() ? pn.get(j) : tn.get(i) + ":" + pn.get(j));
                        nc.add(times(tc.get(i), pc.get(j)));
                    }
                }
                tn = nn;
                tc = nc;
            }
            names.addAll(tn);
            cols.addAll(tc);
        }
        double[] x = new double[n * cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            System.arraycopy(cols.get(j), 0, x, j * n, n);
        }
        return new DesignMatrix(names, x);
    }

    /** The columns a variable contributes: itself, its contrasts or its indicators. */
    private static void parts(DesignVariable v, boolean fullCoding, int n, List<String> names, List<double[]> cols) {
        if (!v.isFactor()) {
            names.add(v.label());
            cols.add(v.numbers());
            return;
        }
        int nl = v.factor().nLevels();
        if (!fullCoding && nl < 2) {
            throw new JmixedException("factor '" + v.label() + "' has only 1 level ('" + v.factor().levels().get(0)
                    + "') in the rows used; contrasts need at least 2");
        }
        int[] codes = v.factor().codes();
        for (int l = fullCoding ? 0 : 1; l < nl; l++) {
            double[] c = new double[n];
            for (int r = 0; r < n; r++) {
                c[r] = codes[r] == l ? 1.0 : 0.0;
            }
            names.add(v.label() + v.factor().levels().get(l));
            cols.add(c);
        }
    }

    private static double[] times(double[] a, double[] b) {
        if (a == null) {
            return b;
        }
        double[] c = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            c[r] = a[r] * b[r];
        }
        return c;
    }

    /**
     * coding[t][k]: 1 (contrasts) or 2 (indicators) for the k-th variable of term t, following R's
     * {@code TermCode} and {@code model.matrix}'s no-intercept adjustment. Numeric variables get a
     * code too; it is ignored.
     */
    static int[][] codings(FixedTerms terms, List<DesignVariable> variables) {
        List<int[]> ts = terms.terms();
        int[][] coding = new int[ts.size()][];
        for (int t = 0; t < ts.size(); t++) {
            int[] vars = ts.get(t);
            coding[t] = new int[vars.length];
            for (int k = 0; k < vars.length; k++) {
                coding[t][k] = reducedTermPresent(ts, t, vars[k]) ? 1 : 2;
            }
        }
        if (!terms.intercept()) {
            outer:
            for (int t = 0; t < ts.size(); t++) {
                int[] vars = ts.get(t);
                for (int k = 0; k < vars.length; k++) {
                    if (variables.get(vars[k]).isFactor()) {
                        coding[t][k] = 2;
                        break outer;
                    }
                }
            }
        }
        return coding;
    }

    /** Whether term t without variable v is empty or contained in a term before t. */
    private static boolean reducedTermPresent(List<int[]> ts, int t, int v) {
        int[] term = ts.get(t);
        if (term.length == 1) {
            return true;
        }
        for (int s = 0; s < t; s++) {
            boolean contains = true;
            for (int w : term) {
                if (w != v && !contains(ts.get(s), w)) {
                    contains = false;
                    break;
                }
            }
            if (contains) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] a, int x) {
        for (int y : a) {
            if (y == x) {
                return true;
            }
        }
        return false;
    }
}
