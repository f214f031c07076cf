package org.jmixed.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jmixed.JmixedException;
import org.jmixed.formula.Deparser;
import org.jmixed.formula.RandomTermSpec;
import org.jmixed.model.ModelFrame;
import org.jmixed.model.PhaseTimer;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * Prepares a linear mixed model over a Spark {@code Dataset<Row>}: the rows stay on the executors,
 * three distributed passes form what the fit needs, and the driver holds only levels, names and
 * cross-products:
 * <ol>
 *   <li>a census of the formula's columns (typing flags, rows read, complete rows);</li>
 *   <li>the levels of every factor over the complete rows, sorted as the single-machine reader
 *       sorts them;</li>
 *   <li>the cross-products, summed per partition and merged by {@link BlockKey} in partition
 *       order (reproducible whatever order the tasks finish in).</li>
 * </ol>
 * Before levels and cross-products come to the driver their size is checked
 * ({@link DriverFootprint}). The result fits with {@link org.jmixed.model.LinearMixedModel#fit}
 * like any prepared model; {@link SparkFitter} adds the pass after the fit.
 */
public final class SparkLinearMixedModel {
    private SparkLinearMixedModel() {
    }

    /**
     * @param data    the rows; for a CSV file read with quoting off ({@link SparkData}), pass csvText = true
     * @param csvText whether string columns hold raw CSV fields (quotes kept), so R's quoting rule types them
     * @param source  the data's name for messages and the summary
     */
    public static SparkPreparedModel prepare(Dataset<Row> data, boolean csvText, String formula, String source) {
        FormulaColumns fc = new FormulaColumns(formula);
        StructType schema = data.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        List<String> used = fc.usedColumns();
        for (String c : used) {
            if (!names.contains(c)) {
                throw new JmixedException("formula: unknown column '" + c + "' in term '" + fc.used.get(c)
                        + "' (columns: " + String.join(", ", names) + ")");
            }
        }
        int cols = used.size();
        String[] columns = used.toArray(new String[0]);
        int[] rowIndex = new int[cols];
        boolean[] csv = new boolean[cols];
        for (int j = 0; j < cols; j++) {
            rowIndex[j] = schema.fieldIndex(columns[j]);
            csv[j] = csvText && schema.fields()[rowIndex[j]].dataType().equals(DataTypes.StringType);
        }
        JavaRDD<Row> rows = data.javaRDD();

        ColumnCensus census = rows.mapPartitions(it -> List.of(ColumnCensus.of(it, rowIndex, csv)).iterator())
                .fold(new ColumnCensus(cols), ColumnCensus::merge);
        PhaseTimer.mark("Spark pass 1: column census");
        if (census.rowsComplete == 0) {
            throw new JmixedException(source + ": no rows left after dropping rows with missing values in "
                    + String.join(", ", used));
        }
        if (census.rowsRead > Integer.MAX_VALUE) {
            throw new JmixedException(source + ": " + census.rowsRead + " rows; at most " + Integer.MAX_VALUE
                    + " are supported");
        }
        int n = (int) census.rowsComplete;
        boolean[] numericKind = new boolean[cols];
        for (int j = 0; j < cols; j++) {
            numericKind[j] = !fc.grouping.contains(columns[j]) && census.allNumeric[j] && !census.allQuoted[j];
        }
        String responseName = Deparser.deparse(fc.spec.response());
        for (int j = 0; j < cols; j++) {
            if (columns[j].equals(responseName) && !census.allNumeric[j]) {
                throw new JmixedException("response '" + responseName + "' is not numeric");
            }
        }

        Set<String> factorColumns = new LinkedHashSet<>(fc.grouping);
        factorColumns.addAll(fc.factorCalls);
        for (String v : fc.plainVariables) {
            if (!numericKind[Arrays.asList(columns).indexOf(v)]) {
                factorColumns.add(v);
            }
        }
        List<RandomTermSpec> random = fc.spec.random();
        List<List<String>> interactions = new ArrayList<>();
        for (RandomTermSpec r : random) {
            interactions.add(r.groupingFactors().size() > 1 ? r.groupingFactors() : null);
        }
        ModelLayout census1 = new ModelLayout(formula, source, columns, rowIndex, csv, census.allNumeric, numericKind,
                Map.of(), List.of(), new int[0]);
        LevelCollector.Distinct distinct = LevelCollector.distinct(rows, census1, new ArrayList<>(factorColumns),
                interactions);

        // the levels per term are known from the counts: check before any list comes to the driver
        long[] termLevels = new long[random.size()];
        String[] termNames = new String[random.size()];
        for (int t = 0; t < random.size(); t++) {
            RandomTermSpec r = random.get(t);
            termNames[t] = r.groupName();
            String slot = r.groupingFactors().size() > 1 ? "term:" + t : r.groupingFactors().get(0);
            termLevels[t] = distinct.counts().getOrDefault(slot, 0L);
        }
        int[] widthsFormula = new int[random.size()];
        DriverFootprint.check(termLevels, ones(random.size()), 0, null, termNames);
        Map<String, List<String>> distinctValues = distinct.collect();
        PhaseTimer.mark("Spark pass 2: levels");

        Map<String, List<String>> factorLevels = new HashMap<>();
        for (String c : factorColumns) {
            factorLevels.put(c, LevelCollector.sortedLevels(distinctValues.get(c)));
        }
        List<Map<String, Integer>> interactionIndex = new ArrayList<>();
        List<List<String>> termLevelNames = new ArrayList<>();
        for (int t = 0; t < random.size(); t++) {
            RandomTermSpec r = random.get(t);
            if (r.groupingFactors().size() > 1) {
                List<String> lv = new ArrayList<>();
                interactionIndex.add(LevelCollector.interactionLevels(distinctValues.get("term:" + t),
                        r.groupingFactors(), factorLevels, lv));
                termLevelNames.add(lv);
            } else {
                interactionIndex.add(null);
                termLevelNames.add(factorLevels.get(r.groupingFactors().get(0)));
            }
        }
        ModelLayout named = new ModelLayout(formula, source, columns, rowIndex, csv, census.allNumeric, numericKind,
                factorLevels, interactionIndex, identity(random.size()));
        ChunkEvaluator driverSide = new ChunkEvaluator(named);
        List<String> fixedNames = driverSide.fixedNames();
        List<List<String>> termColumns = driverSide.termColumnNames();
        for (int t = 0; t < random.size(); t++) {
            widthsFormula[t] = termColumns.get(t).size();
            checkTerm(random.get(t), termLevelNames.get(t).size(), widthsFormula[t], n);
        }
        // most levels first, stable (as LinearMixedModel.prepare orders them)
        Integer[] order = new Integer[random.size()];
        for (int t = 0; t < order.length; t++) {
            order[t] = t;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer t) -> termLevelNames.get(t).size()).reversed());
        int[] termOrder = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        ModelLayout layout = new ModelLayout(formula, source, columns, rowIndex, csv, census.allNumeric, numericKind,
                factorLevels, interactionIndex, termOrder);

        int k = termOrder.length;
        int[] widths = new int[k];
        long[] levels = new long[k];
        String[] sortedNames = new String[k];
        for (int s = 0; s < k; s++) {
            widths[s] = widthsFormula[termOrder[s]];
            levels[s] = termLevelNames.get(termOrder[s]).size();
            sortedNames[s] = termNames[termOrder[s]];
        }
        DistributedCrossProducts.Result full = DistributedCrossProducts.compute(rows, layout, fixedNames.size(),
                levels, widths, sortedNames);
        PhaseTimer.mark("Spark pass 3: cross-products");

        int pFull = fixedNames.size();
        int[] keep = GramRank.independentColumns(full.xyTxy(), pFull);
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int j = 0, next = 0; j < pFull; j++) {
            if (next < keep.length && keep[next] == j) {
                kept.add(fixedNames.get(j));
                next++;
            } else {
                dropped.add(fixedNames.get(j));
            }
        }
        if (n <= keep.length) {
            throw new JmixedException("formula '" + formula + "': " + n + " observations but " + keep.length
                    + " fixed-effects columns; need more observations than columns");
        }
        List<TermStructure> structures = new ArrayList<>();
        List<RandomTermData> sortedTerms = new ArrayList<>();
        int thetaOffset = 0;
        for (int s = 0; s < k; s++) {
            int t = termOrder[s];
            TermStructure ts = new TermStructure(sortedNames[s], (int) levels[s], widths[s], thetaOffset);
            structures.add(ts);
            thetaOffset += ts.thetaLength();
            sortedTerms.add(new RandomTermData(termNames[t], termLevelNames.get(t), new int[0],
                    termColumns.get(t), new double[0], random.get(t).correlated()));
        }
        List<RandomTermData> formulaTerms = new ArrayList<>();
        for (int t = 0; t < random.size(); t++) {
            formulaTerms.add(sortedTerms.get(indexOf(termOrder, t)));
        }
        PlsProblem problem = new PlsProblem(n, keep.length, structures, full.reduced(keep), null, null, List.of(),
                List.of());
        ModelFrame frame = new ModelFrame(formula, responseName, new double[0], new double[0], fixedNames,
                formulaTerms, (int) (census.rowsRead - n), (int) census.rowsRead);
        PreparedModel prepared = new PreparedModel(frame, problem, sortedTerms, kept, dropped, new double[0]);
        return new SparkPreparedModel(prepared, data, layout, keep, source);
    }

    /** lme4's checks of a random-effects term, on the counts of the whole data set. */
    private static void checkTerm(RandomTermSpec r, int nLevels, int width, int n) {
        String group = r.groupName();
        if (nLevels < 2) {
            throw new JmixedException("grouping factor '" + group + "' has only 1 level; a random effect needs at least 2");
        }
        if (nLevels >= n) {
            throw new JmixedException("grouping factor '" + group + "' has " + nLevels + " levels for " + n
                    + " observations; the number of levels of each grouping factor must be < number of observations");
        }
        if (width == 0) {
            throw new JmixedException("term " + r.text() + " has no random effects (no intercept and no variables)");
        }
        long q = (long) width * nLevels;
        if (q >= n) {
            throw new JmixedException("term " + r.text() + ": " + width + " × " + nLevels + " = " + q
                    + " random effects but only " + n + " observations (need more observations than random effects)");
        }
    }

    private static int[] identity(int k) {
        int[] a = new int[k];
        Arrays.setAll(a, i -> i);
        return a;
    }

    private static int[] ones(int k) {
        int[] a = new int[k];
        Arrays.fill(a, 1);
        return a;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }
}
