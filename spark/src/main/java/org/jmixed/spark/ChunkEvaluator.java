package org.jmixed.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Row;
import org.jmixed.JmixedException;
import org.jmixed.data.Factor;
import org.jmixed.formula.Deparser;
import org.jmixed.formula.ExpressionEvaluator;
import org.jmixed.formula.Expr;
import org.jmixed.formula.FixedTerms;
import org.jmixed.formula.ModelSpec;
import org.jmixed.formula.RandomTermSpec;
import org.jmixed.model.DesignMatrix;
import org.jmixed.model.DesignVariable;

/**
 * Evaluates the formula on a chunk of rows with the data set's typing and levels
 * ({@link ModelLayout}), so that every chunk yields the rows of the very matrices the
 * single-machine model frame would hold: the same columns, contrasts and level indices. One per
 * partition; rows with a missing value in a formula column are skipped ({@link #complete}).
 */
final class ChunkEvaluator {
    private final ModelLayout layout;
    private final ModelSpec spec;

    ChunkEvaluator(ModelLayout layout) {
        this.layout = layout;
        this.spec = ModelSpec.of(layout.formula);
    }

    /** Whether every formula column of the row is present. */
    boolean complete(Row row) {
        for (int j = 0; j < layout.columns.length; j++) {
            if (CellText.text(row.get(layout.rowIndex[j]), layout.csv[j]) == null) {
                return false;
            }
        }
        return true;
    }

    /** The design of complete rows (see {@link #complete}). */
    DesignChunk evaluate(List<Row> rows) {
        return new Chunk(rows).design();
    }

    /** The fixed-effects column names, from an empty chunk: the same for every chunk. */
    List<String> fixedNames() {
        return new Chunk(List.of()).fixedMatrix().names();
    }

    /** Per random-effects term in formula order, its column names. */
    List<List<String>> termColumnNames() {
        Chunk empty = new Chunk(List.of());
        List<List<String>> out = new ArrayList<>();
        for (RandomTermSpec r : spec.random()) {
            out.add(DesignMatrix.build(r.lhs(), empty.variables(r.lhs()), 0).names());
        }
        return out;
    }

    /** The variables of one chunk, evaluated once each. */
    private final class Chunk {
        private final List<Row> rows;
        private final int n;
        private final Map<String, double[]> numbers = new HashMap<>();
        private final Map<String, Factor> factors = new HashMap<>();

        Chunk(List<Row> rows) {
            this.rows = rows;
            this.n = rows.size();
        }

        DesignChunk design() {
            double[] y = numeric(spec.response(), "response");
            double[] offset = null;
            for (Expr o : spec.offsets()) {
                double[] v = numeric(o, "offset");
                if (offset == null) {
                    offset = v;
                } else {
                    for (int i = 0; i < n; i++) {
                        offset[i] += v[i];
                    }
                }
            }
            if (offset != null) {
                for (int i = 0; i < n; i++) {
                    y[i] -= offset[i];
                }
            }
            DesignMatrix x = fixedMatrix();
            int k = spec.random().size();
            int[][] levels = new int[k][];
            double[][] z = new double[k][];
            int[] widths = new int[k];
            for (int s = 0; s < k; s++) {
                int t = layout.termOrder[s];
                RandomTermSpec r = spec.random().get(t);
                DesignMatrix zt = DesignMatrix.build(r.lhs(), variables(r.lhs()), n);
                z[s] = zt.values();
                widths[s] = zt.ncol();
                levels[s] = groupCodes(t, r);
            }
            return new DesignChunk(n, y, offset, x.values(), x.ncol(), levels, z, widths);
        }

        DesignMatrix fixedMatrix() {
            return DesignMatrix.build(spec.fixed(), variables(spec.fixed()), n);
        }

        List<DesignVariable> variables(FixedTerms terms) {
            Set<Integer> usedVars = new HashSet<>();
            for (int[] t : terms.terms()) {
                for (int v : t) {
                    usedVars.add(v);
                }
            }
            List<DesignVariable> vars = new ArrayList<>();
            for (int v = 0; v < terms.variables().size(); v++) {
                vars.add(usedVars.contains(v) ? variable(terms.variables().get(v)) : null);
            }
            return vars;
        }

        private DesignVariable variable(Expr e) {
            String label = Deparser.deparse(e);
            if (e instanceof Expr.Name name) {
                int j = layout.column(name.name());
                if (!layout.numericKind[j]) {
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

        private int[] groupCodes(int term, RandomTermSpec r) {
            List<String> gs = r.groupingFactors();
            if (gs.size() == 1) {
                return factor(gs.get(0)).codes();
            }
            Map<String, Integer> index = layout.interactionIndex.get(term);
            int[][] parts = new int[gs.size()][];
            for (int g = 0; g < gs.size(); g++) {
                parts[g] = factor(gs.get(g)).codes();
            }
            int[] codes = new int[n];
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < n; i++) {
                key.setLength(0);
                for (int g = 0; g < parts.length; g++) {
                    if (g > 0) {
                        key.append(',');
                    }
                    key.append(parts[g][i]);
                }
                codes[i] = index.get(key.toString());
            }
            return codes;
        }

        private double[] numeric(Expr e, String role) {
            if (e instanceof Expr.Name name) {
                return numericColumn(name.name(), role).clone();
            }
            double[] v = new ExpressionEvaluator(layout.formula, n, nm -> numericColumn(nm.name(), role)).evaluate(e);
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new JmixedException(layout.source + ": '" + Deparser.deparse(e) + "' is not finite ("
                            + v[i] + ")");
                }
            }
            return v;
        }

        private Factor factor(String column) {
            return factors.computeIfAbsent(column, c -> {
                int j = layout.column(c);
                Map<String, Integer> index = layout.levelIndex(c);
                int[] codes = new int[n];
                for (int i = 0; i < n; i++) {
                    codes[i] = index.get(CellText.text(rows.get(i).get(layout.rowIndex[j]), layout.csv[j]));
                }
                return new Factor(layout.factorLevels.get(c), codes);
            });
        }

        private double[] numericColumn(String column, String role) {
            double[] cached = numbers.get(column);
            if (cached != null) {
                return cached;
            }
            int j = layout.column(column);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                Object value = rows.get(i).get(layout.rowIndex[j]);
                String text = CellText.text(value, layout.csv[j]);
                double d = CellText.number(value, text);
                if (!layout.allNumeric[j] && Double.isNaN(d)) {
                    throw new JmixedException((role == null ? "column" : role) + " '" + column
                            + "' is not numeric (value '" + text + "')");
                }
                if (!Double.isFinite(d)) {
                    throw new JmixedException(layout.source + ", column '" + column + "': non-finite value '"
                            + text + "'");
                }
                v[i] = d;
            }
            numbers.put(column, v);
            return v;
        }
    }
}
