package org.jmixed.inference.predict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.data.Column;
import org.jmixed.data.DataFrame;
import org.jmixed.data.Factor;
import org.jmixed.formula.Deparser;
import org.jmixed.formula.ExpressionEvaluator;
import org.jmixed.formula.Expr;
import org.jmixed.formula.FixedTerms;
import org.jmixed.model.DesignMatrix;
import org.jmixed.model.DesignVariable;

/**
 * Evaluates formula terms on data with the training data's encoding: categorical variables get
 * the training levels (so contrasts and column names are those of the fit), numeric variables
 * and expressions ({@code I(x^2)}, {@code log(x)}) are computed row by row, and the model matrix
 * is built by {@link DesignMatrix}, the code that built the training matrix. The typing of the
 * new file itself is ignored: a column is what it was in training.
 *
 * <p>Every problem is a one-line {@link JmixedException} naming the file, line and column: a
 * missing value, a level the training data did not have, a value that is not a number.
 */
final class NewDataEvaluator {
    private final DataFrame data;
    private final String formula;
    private final Map<String, VariableEncoding> encodings;
    private final Map<String, double[]> numericCache = new HashMap<>();

    NewDataEvaluator(DataFrame data, String formula, Map<String, VariableEncoding> encodings) {
        this.data = data;
        this.formula = formula;
        this.encodings = encodings;
    }

    int n() {
        return data.nrows();
    }

    /** The model matrix of a term list. */
    DesignMatrix design(FixedTerms terms) {
        List<DesignVariable> vars = new ArrayList<>();
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int[] t : terms.terms()) {
            for (int v : t) {
                used.add(v);
            }
        }
        for (int v = 0; v < terms.variables().size(); v++) {
            vars.add(used.contains(v) ? variable(terms.variables().get(v)) : null);
        }
        return DesignMatrix.build(terms, vars, n());
    }

    private DesignVariable variable(Expr e) {
        String label = Deparser.deparse(e);
        VariableEncoding enc = encodings.get(label);
        if (enc == null) {
            throw new JmixedException("model has no encoding for variable '" + label + "'");
        }
        if (enc.categorical()) {
            String column = e instanceof Expr.Call c ? ((Expr.Name) c.args().get(0)).name() : ((Expr.Name) e).name();
            return DesignVariable.categorical(label, new Factor(enc.levels(), codes(column, enc.levels())));
        }
        if (e instanceof Expr.Name name) {
            return DesignVariable.numeric(label, numericColumn(name.name()).clone());
        }
        double[] v = new ExpressionEvaluator(formula, n(), nm -> numericColumn(nm.name())).evaluate(e);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new JmixedException(data.source() + " line " + line(i) + ": '" + label + "' is not finite ("
                        + v[i] + ")");
            }
        }
        return DesignVariable.numeric(label, v);
    }

    /**
     * The sum of the formula's {@code offset(...)} terms per row (lme4's predict adds them, at the
     * population level too), or null when it has none: their columns must be in the data.
     */
    double[] offset(List<Expr> offsets) {
        double[] sum = null;
        for (Expr e : offsets) {
            double[] v = new ExpressionEvaluator(formula, n(), nm -> numericColumn(nm.name())).evaluate(e);
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new JmixedException(data.source() + " line " + line(i) + ": 'offset(" + Deparser.deparse(e)
                            + ")' is not finite (" + v[i] + ")");
                }
            }
            if (sum == null) {
                sum = v;
            } else {
                for (int i = 0; i < v.length; i++) {
                    sum[i] += v[i];
                }
            }
        }
        return sum;
    }

    /** A numeric column of the data, every row a finite number (for prior weights of new rows). */
    double[] numeric(String column) {
        return numericColumn(column).clone();
    }

    /** The training-level index of each row's value of a categorical column. */
    int[] codes(String column, List<String> levels) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            index.put(levels.get(i), i);
        }
        Column c = column(column);
        int[] codes = new int[n()];
        for (int r = 0; r < n(); r++) {
            String s = value(c, r);
            Integer code = index.get(s);
            if (code == null) {
                throw new JmixedException(data.source() + " line " + c.lineOfRow(r) + ", column '" + column
                        + "': level '" + s + "' did not occur in the training data (levels: " + abbreviated(levels) + ")");
            }
            codes[r] = code;
        }
        return codes;
    }

    /** A row's text in a column; missing values are errors. */
    String value(Column c, int r) {
        String s = c.stringValue(r);
        if (s == null) {
            throw new JmixedException(data.source() + " line " + c.lineOfRow(r) + ", column '" + c.name()
                    + "': missing value; prediction needs every variable the model uses");
        }
        return s;
    }

    Column column(String name) {
        if (!data.hasColumn(name)) {
            throw new JmixedException(data.source() + ": no column '" + name + "', which the model uses (columns: "
                    + String.join(", ", data.names()) + ")");
        }
        return data.column(name);
    }

    private double[] numericColumn(String name) {
        double[] cached = numericCache.get(name);
        if (cached != null) {
            return cached;
        }
        Column c = column(name);
        double[] v = new double[n()];
        for (int r = 0; r < n(); r++) {
            String s = value(c, r);
            double d = c.numericValue(r);
            if (!Double.isFinite(d)) {
                throw new JmixedException(data.source() + " line " + c.lineOfRow(r) + ", column '" + name
                        + "': '" + s + "' is not a finite number (the column was numeric in the training data)");
            }
            v[r] = d;
        }
        numericCache.put(name, v);
        return v;
    }

    private int line(int row) {
        return data.names().isEmpty() ? row + 2 : data.column(data.names().get(0)).lineOfRow(row);
    }

    private static String abbreviated(List<String> levels) {
        if (levels.size() <= 10) {
            return String.join(", ", levels);
        }
        return String.join(", ", levels.subList(0, 10)) + ", ... (" + levels.size() + " in all)";
    }
}
