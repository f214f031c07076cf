package org.jmixed.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PhaseTimer;
import org.jmixed.model.RandomEffects;
import org.jmixed.model.RandomTermData;
import org.jmixed.report.JsonReport;

import scala.Tuple2;

/**
 * Fits a model prepared over Spark ({@link SparkLinearMixedModel}) on the driver, with any backend,
 * then makes one distributed pass for what needs the rows: the first fitted values and residuals,
 * the exact quantiles of the scaled residuals (a distributed sort, then the order statistics by
 * rank: R's type-7 quantiles, as the single-machine summary computes them) and, when asked, the
 * fitted values and residuals written as Parquet beside each complete row.
 */
public final class SparkFitter {
    /** The probabilities of the summary's scaled-residual line. */
    private static final double[] PROBS = {0, 0.25, 0.5, 0.75, 1};

    private SparkFitter() {
    }

    /**
     * @param predictionsOut where to write the complete rows with {@code fitted} and {@code residual}
     *                       columns (Parquet, overwritten), or null
     */
    public static SparkFit fit(SparkPreparedModel model, FitOptions options, String predictionsOut) {
        return fit(model, options, predictionsOut, true);
    }

    /**
     * As {@link #fit(SparkPreparedModel, FitOptions, String)}; {@code conditionalVariances = false}
     * skips the random effects' conditional variances, which the text summary does not show.
     */
    public static SparkFit fit(SparkPreparedModel model, FitOptions options, String predictionsOut,
                               boolean conditionalVariances) {
        FitResult fit = LinearMixedModel.fit(model.prepared(), options, conditionalVariances);
        JavaRDD<Row> rows = model.data().javaRDD();
        double[] beta = fit.fixef().estimate();
        List<double[]> b = randomEffectsByTerm(fit, model.prepared().terms());
        JavaRDD<double[]> fr = ResidualPass.fittedAndResiduals(rows, model.layout(), model.keep(), beta, b);
        List<double[]> head = fr.take(JsonReport.HEAD);
        double[] fitted = new double[head.size()];
        double[] residuals = new double[head.size()];
        for (int i = 0; i < head.size(); i++) {
            fitted[i] = head.get(i)[0];
            residuals[i] = head.get(i)[1];
        }
        double sigma = fit.sigma();
        PhaseTimer.mark("Spark pass 4: first fitted values");
        double[] quantiles = quantiles(fr.map(v -> v[1] / sigma), fit.nobs());
        PhaseTimer.mark("Spark pass 5: scaled-residual quantiles (sort)");
        if (predictionsOut != null) {
            writePredictions(model, beta, b, predictionsOut);
            PhaseTimer.mark("Spark pass 6: predictions written");
        }
        FitResult withRows = fit.toBuilder().fitted(fitted).residuals(residuals).scaledResidualQuantiles(quantiles)
                .build();
        SparkSession session = model.data().sparkSession();
        return new SparkFit(withRows, model.source(), session.sparkContext().master());
    }

    /**
     * b̂ per term in the problem's order, level-major, from the result's per-group tables (terms
     * that share a grouping factor sit side by side there, in the problem's order).
     */
    static List<double[]> randomEffectsByTerm(FitResult fit, List<RandomTermData> terms) {
        Map<String, RandomEffects> byGroup = new HashMap<>();
        for (RandomEffects re : fit.ranef()) {
            byGroup.put(re.group(), re);
        }
        Map<String, Integer> column = new HashMap<>();
        List<double[]> out = new ArrayList<>();
        for (RandomTermData t : terms) {
            RandomEffects re = byGroup.get(t.groupName());
            int first = column.getOrDefault(t.groupName(), 0);
            int w = t.width();
            double[] b = new double[t.nLevels() * w];
            for (int l = 0; l < t.nLevels(); l++) {
                for (int c = 0; c < w; c++) {
                    b[l * w + c] = re.values()[l][first + c];
                }
            }
            column.put(t.groupName(), first + w);
            out.add(b);
        }
        return out;
    }

    /** Exact type-7 quantiles of n values: a distributed sort, then the needed ranks only. */
    static double[] quantiles(JavaRDD<Double> values, long n) {
        Set<Long> ranks = new HashSet<>();
        for (double p : PROBS) {
            double h = (n - 1) * p;
            long lo = (long) Math.floor(h);
            ranks.add(lo);
            ranks.add(Math.min(lo + 1, n - 1));
        }
        Map<Long, Double> at = new HashMap<>();
        for (Tuple2<Double, Long> t : values.sortBy(v -> v, true, values.getNumPartitions()).zipWithIndex()
                .filter(t -> ranks.contains(t._2())).collect()) {
            at.put(t._2(), t._1());
        }
        double[] q = new double[PROBS.length];
        for (int i = 0; i < PROBS.length; i++) {
            double h = (n - 1) * PROBS[i];
            long lo = (long) Math.floor(h);
            long hi = Math.min(lo + 1, n - 1);
            q[i] = at.get(lo) + (h - lo) * (at.get(hi) - at.get(lo));
        }
        return q;
    }

    private static void writePredictions(SparkPreparedModel model, double[] beta, List<double[]> b, String path) {
        Dataset<Row> data = model.data();
        StructType schema = data.schema().add("fitted", DataTypes.DoubleType).add("residual", DataTypes.DoubleType);
        JavaRDD<Row> rows = ResidualPass.rowsWithPredictions(data.javaRDD(), model.layout(), model.keep(), beta, b);
        data.sparkSession().createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).parquet(path);
    }
}
