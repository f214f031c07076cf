package org.jmixed.model;

import org.jmixed.JmixedException;
import org.jmixed.data.Column;
import org.jmixed.data.ColumnTyping;
import org.jmixed.data.DataFrame;
import org.jmixed.data.Factor;
import org.jmixed.data.NumberSyntax;
import org.jmixed.formula.Deparser;
import org.jmixed.formula.ExpressionEvaluator;
import org.jmixed.formula.Expr;

import org.jmixed.spi.TwoThreads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates formula variables on the rows of a data frame that the model keeps, applying the
 * column-typing rule ({@link ColumnTyping}) and checking values: non-finite numbers are reported
 * with the file line and column they came from.
 */
final class DesignData {
    private final DataFrame data;
    private final String formula;
    private final int[] rows;
    private final Set<String> groupingColumns;
    private final Map<String, double[]> numericCache = new HashMap<>();
    private final Map<String, Factor> factorCache = new HashMap<>();

    /**
     * @param rows            the data-frame rows the model keeps, increasing
     * @param groupingColumns columns used as (part of) a grouping factor: always categorical
     */
    DesignData(DataFrame data, String formula, int[] rows, Set<String> groupingColumns) {
        this.data = data;
        this.formula = formula;
        this.rows = rows;
        this.groupingColumns = groupingColumns;
    }

    int n() {
        return rows.length;
    }

    /** A fixed-style variable: a column (typed by the rule), {@code factor(x)}, or a numeric expression. */
    DesignVariable variable(Expr e) {
        String label = Deparser.deparse(e);
        if (e instanceof Expr.Name name) {
            Column c = data.column(name.name());
            if (ColumnTyping.kindOf(c, groupingColumns.contains(name.name())) == ColumnTyping.Kind.CATEGORICAL) {
                return DesignVariable.categorical(label, factor(name.name()));
            }
            return DesignVariable.numeric(label, numericColumn(name.name(), null));
        }
        if (e instanceof Expr.Call call && call.function().equals("factor")) {
            if (!(call.args().get(0) instanceof Expr.Name arg)) {
                throw new JmixedException("formula: factor() takes a column name, not '"
                        + Deparser.deparse(call.args().get(0)) + "'");
            }
            return DesignVariable.categorical(label, factor(arg.name()));
        }
        return DesignVariable.numeric(label, numeric(e, null));
    }

    /**
     * A numeric expression's values.
     *
     * @param role how to describe a non-numeric column in an error ("response" for the response),
     *             or null for "column"
     */
    double[] numeric(Expr e, String role) {
        if (e instanceof Expr.Name name) {
            return numericColumn(name.name(), role).clone();
        }
        double[] v = new ExpressionEvaluator(formula, rows.length, nm -> numericColumn(nm.name(), role)).evaluate(e);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new JmixedException(data.source() + " line " + lineOf(i) + ": '" + Deparser.deparse(e)
                        + "' is not finite (" + v[i] + ")");
            }
        }
        return v;
    }

    /** The factor of a column's text over the kept rows. */
    Factor factor(String column) {
        return factorCache.computeIfAbsent(column, this::factorOf);
    }

    /**
     * Makes the factors of these columns now, two at a time on large data (the grouping factors
     * of a crossed design each take a pass over every row), for {@link #factor} to return.
     */
    void prepareFactors(Collection<String> columns) {
        List<String> names = new ArrayList<>(columns);
        names.removeAll(factorCache.keySet());
        Factor[] made = new Factor[names.size()];
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < made.length; i++) {
            int ii = i;
            tasks.add(() -> made[ii] = factorOf(names.get(ii)));
        }
        TwoThreads.run(tasks, (long) rows.length * names.size() >= PARALLEL_WORK);
        for (int i = 0; i < made.length; i++) {
            factorCache.put(names.get(i), made[i]);
        }
    }

    /** Rows times factors below which a second thread costs about as much as it saves. */
    private static final long PARALLEL_WORK = 100_000;

    private Factor factorOf(String name) {
        Column c = data.column(name);
        String[] s = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            s[i] = c.stringValue(rows[i]);
        }
        return Factor.of(s);
    }

    private double[] numericColumn(String name, String role) {
        double[] cached = numericCache.get(name);
        if (cached != null) {
            return cached;
        }
        Column c = data.column(name);
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (!c.allNumeric() && NumberSyntax.parse(c.stringValue(r)) == null) {
                throw new JmixedException((role == null ? "column" : role) + " '" + name + "' is not numeric (value '"
                        + c.stringValue(r) + "' on line " + c.lineOfRow(r) + ")");
            }
            double d = c.numericValue(r);
            if (!Double.isFinite(d)) {
                throw new JmixedException(data.source() + " line " + c.lineOfRow(r) + ", column '" + name
                        + "': non-finite value '" + c.stringValue(r) + "'");
            }
            v[i] = d;
        }
        numericCache.put(name, v);
        return v;
    }

    private int lineOf(int i) {
        if (data.names().isEmpty()) {
            return rows[i] + 2;
        }
        return data.column(data.names().get(0)).lineOfRow(rows[i]);
    }
}
