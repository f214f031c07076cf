package org.jmixed.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.jmixed.JmixedException;
import org.jmixed.model.FitOptions;

/**
 * One {@code jmixed fit --spark MASTER} run, behind a signature without Spark types, so that the
 * command line can call it once it has made sure Spark is on the class path: starts (or joins,
 * under {@code spark-submit}) a Spark session, reads the data, prepares and fits the model, and
 * returns the report. Failures inside Spark jobs come back as the {@link JmixedException} that
 * caused them, so the command line prints its one line.
 */
public final class SparkFitRun {
    private SparkFitRun() {
    }

    /**
     * @param master         the Spark master ({@code local[2]}, {@code spark://host:7077}, {@code yarn});
     *                       under spark-submit, the master spark-submit was given wins
     * @param predictionsOut Parquet output of fitted values and residuals, or null
     * @return the summary (json = false) or the JSON report
     */
    public static String run(String master, String data, String formula, FitOptions options, boolean json,
                             String predictionsOut) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName("jmixed fit");
        if (!conf.contains("spark.master")) {
            builder.master(master);
        }
        if (!conf.contains("spark.ui.enabled")) {
            builder.config("spark.ui.enabled", "false");
        }
        SparkSession spark;
        try {
            spark = builder.getOrCreate();
        } catch (RuntimeException | LinkageError e) {
            throw new JmixedException("--spark " + master + ": cannot start Spark: " + firstLine(e));
        }
        try {
            SparkData in = SparkData.read(spark, data);
            SparkPreparedModel model = SparkLinearMixedModel.prepare(in.rows(), in.csvText(), formula,
                    java.nio.file.Path.of(data).getFileName().toString());
            SparkFit fit = SparkFitter.fit(model, options, predictionsOut, json);
            return json ? fit.json() + "\n" : fit.text();
        } catch (RuntimeException e) {
            throw unwrap(e);
        } finally {
            spark.stop();
        }
    }

    /** The JmixedException behind a failed Spark job, else the exception itself. */
    static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JmixedException j) {
                return j;
            }
        }
        if (e.getClass().getName().startsWith("org.apache.spark")) {
            return new JmixedException("Spark: " + firstLine(e));
        }
        return e;
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
