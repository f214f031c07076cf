package org.jmixed.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.SparkSession;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;

/**
 * A measurement, not a test (surefire does not run it): the distributed pass (three Spark jobs
 * that end in the driver's cross-products, from Parquet) against the single-machine reader and
 * builder (CSV read, model frame, cross-products), interleaved, medians of the repeats.
 *
 * <pre>
 *   java [spark opens] -cp ... org.jmixed.spark.SparkPassTiming DATA.csv OUT.parquet FORMULA REPEATS [MASTER]
 * </pre>
 * Writes OUT.parquet from DATA.csv first (Spark, typed columns) when it does not exist.
 */
public final class SparkPassTiming {
    private SparkPassTiming() {
    }

    public static void main(String[] args) {
        Path csv = Path.of(args[0]);
        String parquet = args[1];
        String formula = args[2];
        int repeats = Integer.parseInt(args[3]);
        String master = args.length > 4 ? args[4] : "local[2]";
        SparkSession spark = SparkSession.builder().master(master).appName("jmixed timing")
                .config("spark.ui.enabled", "false").getOrCreate();
        if (!Files.exists(Path.of(parquet))) {
            spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
                    .write().parquet(parquet);
        }
        List<Double> single = new ArrayList<>();
        List<Double> distributed = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            DataFrame frame = CsvReader.read(csv);
            PreparedModel one = LinearMixedModel.prepare(frame, formula);
            single.add((System.nanoTime() - t0) / 1e9);
            frame = null;
            one = null;
            System.gc();
            t0 = System.nanoTime();
            SparkPreparedModel many = SparkLinearMixedModel.prepare(SparkData.read(spark, parquet).rows(), false,
                    formula, parquet);
            distributed.add((System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "repeat %d: single-machine %.2f s, Spark %s %.2f s (n = %d)%n", r + 1,
                    single.get(r), master, distributed.get(r), many.prepared().problem().n());
            many = null;
            System.gc();
        }
        System.out.printf(Locale.ROOT, "median: single-machine %.2f s, Spark %.2f s, ratio Spark/single %.2f%n",
                median(single), median(distributed), median(distributed) / median(single));
        spark.stop();
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
