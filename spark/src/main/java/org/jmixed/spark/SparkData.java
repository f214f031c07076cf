package org.jmixed.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jmixed.JmixedException;

/**
 * Reads the rows of a model through Spark: a CSV file (header row, R's write.csv layout) or a
 * Parquet file or directory of Parquet parts. CSV is read with quoting off and every field as
 * text, so that the single-machine typing rule (a quoted number is a factor level, NA and empty
 * fields are missing) applies unchanged; fields with the delimiter inside quotes are therefore
 * not supported (use Parquet for such data).
 *
 * @param rows    the data set
 * @param csvText whether string columns are raw CSV fields
 */
public record SparkData(Dataset<Row> rows, boolean csvText) {

    public static SparkData read(SparkSession spark, String path) {
        if (!exists(spark, path)) {
            throw new JmixedException("--data: no such file or directory '" + path + "'");
        }
        if (path.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            Dataset<Row> raw = spark.read().option("header", "true").option("quote", "")
                    .option("inferSchema", "false").csv(path);
            String[] names = raw.columns();
            String[] clean = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                String n = names[i].strip();
                clean[i] = n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"") ? n.substring(1, n.length() - 1) : n;
            }
            return new SparkData(raw.toDF(clean), true);
        }
        return new SparkData(spark.read().parquet(path), false);
    }

    /** Whether the path exists on its file system (local, HDFS, S3, ... as Spark's Hadoop configuration resolves it). */
    private static boolean exists(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new JmixedException("--data: cannot reach '" + path + "': " + e.getMessage());
        }
    }
}
