package org.jmixed.inference.predict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmixed.JmixedException;
import org.jmixed.data.Column;
import org.jmixed.data.ColumnTyping;
import org.jmixed.data.DataFrame;
import org.jmixed.data.Factor;
import org.jmixed.formula.Deparser;
import org.jmixed.formula.Expr;
import org.jmixed.formula.FixedTerms;
import org.jmixed.formula.ModelSpec;
import org.jmixed.formula.RandomTermSpec;
import org.jmixed.inference.frame.CommonRows;
import org.jmixed.inference.frame.FormulaColumns;
import org.jmixed.model.DesignMatrix;
import org.jmixed.model.FitResult;
import org.jmixed.model.RandomEffects;

/**
 * Everything prediction needs from a fit, and nothing of the training data beyond its encoding:
 * the formula, β̂, how each variable was encoded (numeric, or categorical with its levels) and the
 * conditional modes of the random effects per level. It predicts as lme4's
 * {@code predict(fit, newdata, allow.new.levels = TRUE)} (conditional on the random effects; a
 * level the training data did not have contributes zero, the population value) or
 * {@code predict(fit, newdata, re.form = NA)} (population level); the formula's {@code offset(...)}
 * terms are evaluated on the new data and added in both cases, as lme4 does. Prior weights do not
 * enter a prediction (they scale a row's residual variance, see {@link PredictionIntervals}); nor
 * does a residual structure: the prediction is the same fixed plus random part, not conditioned
 * on the observed residuals of the new row's group. {@link SavedModel} writes and reads it.
 * Immutable.
 */
public final class PredictionModel {
    private final String formula;
    private final boolean reml;
    private final String trainingData;
    private final int nobs;
    private final List<String> fixedNames;
    private final double[] beta;
    private final Map<String, VariableEncoding> variables;
    private final List<RandomPart> random;
    private final double sigma;
    private final double logLik;
    private final ModelSpec spec;

    /**
     * @param variables encodings of every variable of the fixed terms and of the random terms'
     *                  left-hand sides, by label
     * @param random    one part per random-effects term of the formula, in formula order
     */
    public PredictionModel(String formula, boolean reml, String trainingData, int nobs, List<String> fixedNames,
                           double[] beta, List<VariableEncoding> variables, List<RandomPart> random, double sigma,
                           double logLik) {
        this.formula = formula;
        this.reml = reml;
        this.trainingData = trainingData;
        this.nobs = nobs;
        this.fixedNames = List.copyOf(fixedNames);
        this.beta = beta.clone();
        if (beta.length != fixedNames.size()) {
            throw new IllegalArgumentException(beta.length + " coefficients for " + fixedNames.size() + " names");
        }
        Map<String, VariableEncoding> m = new LinkedHashMap<>();
        for (VariableEncoding v : variables) {
            m.put(v.label(), v);
        }
        this.variables = java.util.Collections.unmodifiableMap(m);
        this.random = List.copyOf(random);
        this.sigma = sigma;
        this.logLik = logLik;
        this.spec = ModelSpec.of(formula);
        if (spec.random().size() != random.size()) {
            throw new IllegalArgumentException("formula has " + spec.random().size() + " random-effects terms, model "
                    + random.size());
        }
    }

    /**
     * The prediction model of a fit.
     *
     * @param training the data the fit was made from (the encoding of its variables is read from
     *                 the rows the fit used)
     */
    public static PredictionModel of(DataFrame training, FitResult fit) {
        ModelSpec spec = ModelSpec.of(fit.formula());
        FormulaColumns cols = FormulaColumns.of(spec);
        DataFrame rows = CommonRows.of(training, cols.all()).data();
        Map<String, VariableEncoding> enc = new LinkedHashMap<>();
        encode(spec.fixed(), rows, cols.grouping(), enc);
        for (RandomTermSpec r : spec.random()) {
            encode(r.lhs(), rows, cols.grouping(), enc);
        }

        // the fit's random effects, grouped by factor, columns of each group's terms in formula order
        Map<String, RandomEffects> byGroup = new HashMap<>();
        for (RandomEffects re : fit.ranef()) {
            byGroup.put(re.group(), re);
        }
        Map<String, Integer> used = new HashMap<>();
        NewDataEvaluator training0 = new NewDataEvaluator(rows, fit.formula(), enc);
        List<RandomPart> parts = new ArrayList<>();
        for (RandomTermSpec r : spec.random()) {
            RandomEffects re = byGroup.get(r.groupName());
            if (re == null) {
                throw new JmixedException("fit has no random effects for '" + r.groupName() + "'");
            }
            DesignMatrix z = training0.design(r.lhs());
            int from = used.getOrDefault(r.groupName(), 0);
            int w = z.ncol();
            if (!re.terms().subList(from, Math.min(from + w, re.terms().size())).equals(z.names())) {
                throw new IllegalStateException("random-effects columns of " + r.text() + " do not match the fit: "
                        + z.names() + " vs " + re.terms());
            }
            used.put(r.groupName(), from + w);
            double[][] values = new double[re.levels().size()][w];
            for (int l = 0; l < values.length; l++) {
                for (int c = 0; c < w; c++) {
                    values[l][c] = re.value(l, from + c);
                }
            }
            parts.add(new RandomPart(r.groupName(), r.groupingFactors(), z.names(), re.levels(), values));
        }
        return new PredictionModel(fit.formula(), fit.reml(), training.source(), fit.nobs(), fit.fixef().names(),
                fit.fixef().estimate(), new ArrayList<>(enc.values()), parts, fit.sigma(), fit.logLik());
    }

    private static void encode(FixedTerms terms, DataFrame rows, Set<String> grouping,
                               Map<String, VariableEncoding> out) {
        for (int[] t : terms.terms()) {
            for (int v : t) {
                Expr e = terms.variables().get(v);
                String label = Deparser.deparse(e);
                if (out.containsKey(label)) {
                    continue;
                }
                String column = null;
                if (e instanceof Expr.Name n
                        && ColumnTyping.kindOf(rows.column(n.name()), grouping.contains(n.name()))
                        == ColumnTyping.Kind.CATEGORICAL) {
                    column = n.name();
                } else if (e instanceof Expr.Call c && c.function().equals("factor")
                        && c.args().get(0) instanceof Expr.Name n) {
                    column = n.name();
                }
                if (column == null) {
                    out.put(label, VariableEncoding.numeric(label));
                } else {
                    Column c = rows.column(column);
                    String[] s = new String[rows.nrows()];
                    for (int r = 0; r < s.length; r++) {
                        s[r] = c.stringValue(r);
                    }
                    out.put(label, VariableEncoding.categorical(label, Factor.of(s).levels()));
                }
            }
        }
    }

    /**
     * Predictions for new data.
     *
     * @param population true for population-level predictions (Xβ̂), false for predictions
     *                   conditional on the random effects (Xβ̂ + Zb̂; levels unseen in training
     *                   contribute zero)
     */
    public Predictions predict(DataFrame newdata, boolean population) {
        NewDataEvaluator ev = new NewDataEvaluator(newdata, formula, variables);
        int n = ev.n();
        DesignMatrix x = ev.design(spec.fixed());
        double[] fit = new double[n];
        for (int j = 0; j < fixedNames.size(); j++) {
            int col = x.names().indexOf(fixedNames.get(j));
            if (col < 0) {
                throw new IllegalStateException("fixed-effects column '" + fixedNames.get(j) + "' not built");
            }
            double bj = beta[j];
            double[] xv = x.values();
            for (int i = 0; i < n; i++) {
                fit[i] += xv[i + col * n] * bj;
            }
        }
        List<List<String>> newLevels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            newLevels.add(new ArrayList<>());
        }
        if (!population) {
            for (int k = 0; k < random.size(); k++) {
                RandomPart part = random.get(k);
                DesignMatrix z = ev.design(spec.random().get(k).lhs());
                if (!z.names().equals(part.columns())) {
                    throw new IllegalStateException(part.group() + ": columns " + z.names() + " vs " + part.columns());
                }
                int w = z.ncol();
                double[] zv = z.values();
                int[] lev = levelsOfRows(ev, part, n);
                for (int i = 0; i < n; i++) {
                    if (lev[i] < 0) {
                        if (!newLevels.get(i).contains(part.group())) {
                            newLevels.get(i).add(part.group());
                        }
                        continue;
                    }
                    for (int c = 0; c < w; c++) {
                        fit[i] += zv[i + c * n] * part.value(lev[i], c);
                    }
                }
            }
        }
        double[] offset = ev.offset(spec.offsets());
        if (offset != null) {
            for (int i = 0; i < n; i++) {
                fit[i] += offset[i];
            }
        }
        return new Predictions(formula, population, fit, newLevels);
    }

    /**
     * The new rows' design as the predictions use it: x (n × p, column-major, in the order of
     * {@link #fixedNames()}) and, per random part, z (n × width) and each row's training level
     * (−1 for a level unseen in training). For prediction intervals.
     */
    RowDesign design(DataFrame newdata) {
        NewDataEvaluator ev = new NewDataEvaluator(newdata, formula, variables);
        int n = ev.n();
        DesignMatrix xd = ev.design(spec.fixed());
        double[] x = new double[n * fixedNames.size()];
        for (int j = 0; j < fixedNames.size(); j++) {
            int col = xd.names().indexOf(fixedNames.get(j));
            if (col < 0) {
                throw new IllegalStateException("fixed-effects column '" + fixedNames.get(j) + "' not built");
            }
            System.arraycopy(xd.values(), col * n, x, j * n, n);
        }
        List<double[]> z = new ArrayList<>();
        List<int[]> levels = new ArrayList<>();
        for (int k = 0; k < random.size(); k++) {
            RandomPart part = random.get(k);
            DesignMatrix zd = ev.design(spec.random().get(k).lhs());
            if (!zd.names().equals(part.columns())) {
                throw new IllegalStateException(part.group() + ": columns " + zd.names() + " vs " + part.columns());
            }
            z.add(zd.values().clone());
            levels.add(levelsOfRows(ev, part, n));
        }
        return new RowDesign(n, x, z, levels);
    }

    /**
     * Each new row's level of the term's grouping factor (its factors' values joined by ':', as the
     * fit names interaction groups), as an index into the term's levels, or −1 for a level the fit
     * did not see.
     */
    private static int[] levelsOfRows(NewDataEvaluator ev, RandomPart part, int n) {
        Map<String, Integer> index = part.levelIndex();
        List<Column> factors = new ArrayList<>();
        for (String f : part.factors()) {
            factors.add(ev.column(f));
        }
        int[] lev = new int[n];
        for (int i = 0; i < n; i++) {
            StringBuilder level = new StringBuilder();
            for (int f = 0; f < factors.size(); f++) {
                if (f > 0) {
                    level.append(':');
                }
                level.append(ev.value(factors.get(f), i));
            }
            Integer l = index.get(level.toString());
            lev[i] = l == null ? -1 : l;
        }
        return lev;
    }

    /** Prior weights of new rows from a numeric column (every value finite and positive). */
    double[] weights(DataFrame newdata, String column) {
        double[] w = new NewDataEvaluator(newdata, formula, variables).numeric(column);
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] > 0)) {
                throw new JmixedException(newdata.source() + " line " + newdata.column(column).lineOfRow(i)
                        + ", column '" + column + "': weight " + w[i] + " is not positive");
            }
        }
        return w;
    }

    /** See {@link #design}. */
    record RowDesign(int n, double[] x, List<double[]> z, List<int[]> levels) {
    }

    public String formula() { return formula; }

    public boolean reml() { return reml; }

    /** The name of the training data (a file name), for reports. */
    public String trainingData() { return trainingData; }

    public int nobs() { return nobs; }

    public List<String> fixedNames() { return fixedNames; }

    public double[] beta() { return beta.clone(); }

    /** Encodings of the variables, by label, in formula order. */
    public Map<String, VariableEncoding> variables() { return variables; }

    public List<RandomPart> random() { return random; }

    public double sigma() { return sigma; }

    public double logLik() { return logLik; }
}
