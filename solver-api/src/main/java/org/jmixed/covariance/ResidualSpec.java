package org.jmixed.covariance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jmixed.JmixedException;
import org.jmixed.data.Column;
import org.jmixed.data.DataFrame;
import org.jmixed.data.Factor;

/**
 * A residual covariance structure as written on the command line ({@code --residual SPEC}) or
 * given to {@link org.jmixed.model.FitOptions#withResidual}:
 * <ul>
 *   <li>{@code diag(f)}: a residual variance per level of f (nlme {@code varIdent(~ 1 | f)});</li>
 *   <li>{@code cs(g)}: compound symmetry within each level of g ({@code corCompSymm});</li>
 *   <li>{@code ar1(t | g)}: AR(1) over the occasions (distinct values) of t within g ({@code corAR1});</li>
 *   <li>{@code car1(t | g)}: continuous-time AR(1) in the values of t within g ({@code corCAR1});</li>
 *   <li>{@code un(f | g)}: unstructured covariance over the levels of f within g
 *       ({@code corSymm} + {@code varIdent}).</li>
 * </ul>
 * Columns must have no missing values on the rows the model keeps (nlme's default {@code na.fail}).
 *
 * @param text     the specification as written
 * @param kind     diag, cs, ar1, car1 or un
 * @param variable f or t (null for cs)
 * @param group    g (null for diag)
 */
public record ResidualSpec(String text, String kind, String variable, String group) {
    private static final Pattern SYNTAX =
            Pattern.compile("\\s*([A-Za-z0-9]+)\\s*\\(\\s*([^|()]+?)\\s*(?:\\|\\s*([^|()]+?)\\s*)?\\)\\s*");
    static final String FORMS = "diag(f), cs(g), ar1(t | g), car1(t | g) or un(f | g)";

    /** Parses a specification; throws {@link JmixedException} naming it when malformed. */
    public static ResidualSpec parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new JmixedException("residual structure '" + text + "': expected " + FORMS);
        }
        String kind = m.group(1);
        String a = m.group(2);
        String b = m.group(3);
        String clean = kind + "(" + a + (b == null ? "" : " | " + b) + ")";
        switch (kind) {
            case "diag":
            case "cs":
                if (b != null) {
                    throw new JmixedException("residual structure '" + text + "': " + kind + "() takes one column, as "
                            + kind + (kind.equals("cs") ? "(g)" : "(f)"));
                }
                return kind.equals("diag") ? new ResidualSpec(clean, kind, a, null) : new ResidualSpec(clean, kind, null, a);
            case "ar1":
            case "car1":
            case "un":
                if (b == null) {
                    throw new JmixedException("residual structure '" + text + "': " + kind + "() needs "
                            + (kind.equals("un") ? "an occasion and a group, as un(f | g)" : "a time and a group, as "
                            + kind + "(t | g)"));
                }
                return new ResidualSpec(clean, kind, a, b);
            default:
                throw new JmixedException("residual structure '" + text + "': unknown structure '" + kind
                        + "' (known: " + FORMS + ")");
        }
    }

    /** The structure on the model rows {@code rows} of {@code data}. */
    public ResidualStructure bind(DataFrame data, int[] rows) {
        switch (kind) {
            case "diag":
                return new LevelVariances(text, variable, factor(data, rows, variable));
            case "cs":
                return new CompoundSymmetry(text, RowGroups.byLevel(factor(data, rows, group)));
            case "ar1":
            case "car1": {
                double[] t = numeric(data, rows, variable);
                int[][] groups = RowGroups.sortedBy(RowGroups.byLevel(factor(data, rows, group)), t);
                for (int[] g : groups) {
                    for (int i = 1; i < g.length; i++) {
                        if (t[g[i]] == t[g[i - 1]]) {
                            throw new JmixedException("residual structure '" + text + "': '" + variable
                                    + "' takes the value " + t[g[i]] + " twice within one level of '" + group
                                    + "' (line " + data.column(variable).lineOfRow(rows[g[i]]) + ")");
                        }
                    }
                }
                return new AutoRegressive(text, groups, t, kind.equals("car1"));
            }
            default: {
                Factor f = factor(data, rows, variable);
                int[][] groups = RowGroups.byLevel(factor(data, rows, group));
                for (int[] g : groups) {
                    boolean[] seen = new boolean[f.nLevels()];
                    for (int r : g) {
                        int o = f.codes()[r];
                        if (seen[o]) {
                            throw new JmixedException("residual structure '" + text + "': occasion '" + variable
                                    + "' = " + f.levels().get(o) + " appears twice within one level of '" + group
                                    + "' (line " + data.column(variable).lineOfRow(rows[r]) + ")");
                        }
                        seen[o] = true;
                    }
                }
                if (f.nLevels() < 2) {
                    throw new JmixedException("residual structure '" + text + "': '" + variable
                            + "' has only one level; un() needs two or more occasions");
                }
                return new Unstructured(text, groups, variable, f);
            }
        }
    }

    private Column column(DataFrame data, int[] rows, String name) {
        if (!data.hasColumn(name)) {
            throw new JmixedException("residual structure '" + text + "': unknown column '" + name + "' (columns: "
                    + String.join(", ", data.names()) + ")");
        }
        Column c = data.column(name);
        for (int r : rows) {
            if (c.isMissing(r)) {
                throw new JmixedException("residual structure '" + text + "': column '" + name
                        + "' is missing on line " + c.lineOfRow(r));
            }
        }
        return c;
    }

    private Factor factor(DataFrame data, int[] rows, String name) {
        Column c = column(data, rows, name);
        String[] s = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            s[i] = c.stringValue(rows[i]);
        }
        return Factor.of(s);
    }

    private double[] numeric(DataFrame data, int[] rows, String name) {
        Column c = column(data, rows, name);
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double d = c.allNumeric() ? c.numericValue(rows[i]) : Double.NaN;
            if (!Double.isFinite(d)) {
                throw new JmixedException("residual structure '" + text + "': column '" + name
                        + "' must be numeric (value '" + c.stringValue(rows[i]) + "' on line " + c.lineOfRow(rows[i])
                        + ")");
            }
            v[i] = d;
        }
        return v;
    }

    /** Λ = I on n rows: the structure of a fit with prior weights only. */
    public static ResidualStructure independent(int n) {
        return new IndependentResiduals(n);
    }
}
