package org.jmixed.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.jmixed.JmixedException;
import org.jmixed.SharedData;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.data.NumberSyntax;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.report.JsonReport;
import org.jmixed.report.SummaryText;
import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark path against the single-machine path on the same data: cross-products identical to the
 * bit (both sum exactly and round once, whatever the partitioning), and the fits, each path running
 * its own optimizer, with the same θ̂ to the bit and the same JSON reports and summaries (every
 * number to 1e-10, a guard for the timings' neighbours; in practice identical). Spark runs in local[2], one session for the class; small files are split
 * into several partitions (a small maxPartitionBytes) so that partial sums are merged by key.
 */
class SparkAgreementTest {
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("jmixed-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void sleepstudy() throws IOException {
        agree(SharedData.data("sleepstudy.csv"), "Reaction ~ Days + (Days | Subject)", 1024);
    }

    @Test
    void penicillinCrossed() throws IOException {
        agree(SharedData.data("Penicillin.csv"), "diameter ~ 1 + (1 | plate) + (1 | sample)", 256);
    }

    @Test
    void pastesNestedInteractionGroups() throws IOException {
        agree(SharedData.data("Pastes.csv"), "strength ~ 1 + (1 | batch/cask)", 512);
    }

    @Test
    void instEvalQuotedNumbersAreFactors() throws IOException {
        agree(SharedData.data("InstEval.csv"), "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", 256 * 1024);
    }

    /**
     * A simulated crossed design with a categorical fixed effect (string levels), a numeric
     * covariate and missing values in the response, the covariate, the factor and a grouping
     * factor; read by Spark from Parquet (typed columns) and by the single-machine reader from the
     * same data as CSV.
     */
    @Test
    void simulatedCrossedWithMissingValuesFromParquet() throws IOException {
        Random rnd = new Random(15);
        int n = 3000;
        String[] trt = {"ctl", "low", "high"};
        double[] ua = new double[40];
        double[] ub = new double[25];
        for (int i = 0; i < ua.length; i++) {
            ua[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < ub.length; i++) {
            ub[i] = 0.7 * rnd.nextGaussian();
        }
        StringBuilder csv = new StringBuilder("\"y\",\"x\",\"trt\",\"a\",\"b\"\n");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int a = rnd.nextInt(ua.length);
            int b = rnd.nextInt(ub.length);
            int t = rnd.nextInt(3);
            double x = Math.round(rnd.nextGaussian() * 1000) / 1000.0;
            double y = Math.round((1 + 0.5 * x + t * 0.3 + ua[a] + ub[b] + rnd.nextGaussian()) * 1e4) / 1e4;
            Double yv = rnd.nextInt(50) == 0 ? null : y;
            Double xv = rnd.nextInt(60) == 0 ? null : x;
            String tv = rnd.nextInt(70) == 0 ? null : trt[t];
            String av = rnd.nextInt(80) == 0 ? null : "A" + a;
            String bv = "B" + b;
            rows.add(RowFactory.create(yv, xv, tv, av, bv));
            csv.append(yv == null ? "NA" : NumberSyntax.format(yv)).append(',')
                    .append(xv == null ? "NA" : NumberSyntax.format(xv)).append(',')
                    .append(tv == null ? "NA" : "\"" + tv + "\"").append(',')
                    .append(av == null ? "NA" : "\"" + av + "\"").append(',')
                    .append('"').append(bv).append("\"\n");
        }
        Path csvFile = tmp.resolve("crossed.csv");
        Files.writeString(csvFile, csv);
        StructType schema = new StructType().add("y", DataTypes.DoubleType).add("x", DataTypes.DoubleType)
                .add("trt", DataTypes.StringType).add("a", DataTypes.StringType).add("b", DataTypes.StringType);
        Path parquet = tmp.resolve("crossed.parquet");
        // one file of several row groups, read as several partitions in file order (Spark would
        // read several files largest first, and the first rows of the report would differ)
        spark.createDataFrame(rows, schema).coalesce(1).write().option("parquet.block.size", "8192")
                .parquet(parquet.toString());
        spark.conf().set("spark.sql.files.maxPartitionBytes", "8192");
        assertTrue(SparkData.read(spark, parquet.toString()).rows().javaRDD().getNumPartitions() > 1);

        String formula = "y ~ x + trt + (1 | a) + (1 | b)";
        SparkPreparedModel model = SparkLinearMixedModel.prepare(
                SparkData.read(spark, parquet.toString()).rows(), false, formula, "crossed.parquet");
        PreparedModel single = LinearMixedModel.prepare(CsvReader.read(csvFile), formula);
        assertCrossProductsAgree(single, model.prepared());
        assertEquals(List.of("(Intercept)", "x", "trthigh", "trtlow"), model.prepared().fixedNames());
        assertTrue(model.prepared().frame().rowsDropped() > 100, "rows with missing values are dropped");
        assertEquals(single.frame().rowsDropped(), model.prepared().frame().rowsDropped());

        // the Parquet parts are read in the order they were written: the first rows agree too
        assertFitsAgree(single, model, FitOptions.defaults(), tmp.resolve("pred.parquet").toString());
        FitResult expected = LinearMixedModel.fit(single, FitOptions.defaults());
        // Spark orders Parquet parts by size when it reads them back: compare as sorted values
        Dataset<Row> pred = spark.read().parquet(tmp.resolve("pred.parquet").toString());
        assertEquals(expected.nobs(), pred.count());
        double[] fitted = pred.select("fitted").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).sorted()
                .toArray();
        double[] expectedFitted = expected.fitted().clone();
        java.util.Arrays.sort(expectedFitted);
        assertArrayEquals(expectedFitted, fitted, 1e-6);
        for (Row r : pred.select("y", "fitted", "residual").limit(20).collectAsList()) {
            assertEquals(r.getDouble(0), r.getDouble(1) + r.getDouble(2), 1e-9);
        }
    }

    /** Partial sums are merged in partition order: a rerun gives the same bits. */
    @Test
    void rerunGivesTheSameBits() {
        spark.conf().set("spark.sql.files.maxPartitionBytes", "256");
        String csv = SharedData.data("Penicillin.csv").toString();
        String formula = "diameter ~ 1 + (1 | plate) + (1 | sample)";
        CrossProducts first = SparkLinearMixedModel.prepare(SparkData.read(spark, csv).rows(), true, formula, "P")
                .prepared().problem().cross();
        CrossProducts second = SparkLinearMixedModel.prepare(SparkData.read(spark, csv).rows(), true, formula, "P")
                .prepared().problem().cross();
        assertArrayEquals(first.xyTxy(), second.xyTxy());
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(first.zTz(k), second.zTz(k));
            assertArrayEquals(first.zTxy(k), second.zTxy(k));
        }
        assertArrayEquals(first.zTzOff(1, 0).values, second.zTzOff(1, 0).values);
    }

    @Test
    void badInputGivesTheSingleMachineMessages() {
        SparkData data = SparkData.read(spark, SharedData.data("sleepstudy.csv").toString());
        JmixedException unknown = assertThrows(JmixedException.class, () -> SparkLinearMixedModel.prepare(
                data.rows(), true, "Reaction ~ Dayz + (1 | Subject)", "sleepstudy.csv"));
        assertEquals("formula: unknown column 'Dayz' in term 'Dayz' (columns: Reaction, Days, Subject)",
                unknown.getMessage());
        SparkData penicillin = SparkData.read(spark, SharedData.data("Penicillin.csv").toString());
        JmixedException response = assertThrows(JmixedException.class, () -> SparkLinearMixedModel.prepare(
                penicillin.rows(), true, "plate ~ 1 + (1 | sample)", "Penicillin.csv"));
        assertEquals("response 'plate' is not numeric", response.getMessage());
        JmixedException missing = assertThrows(JmixedException.class,
                () -> SparkData.read(spark, tmp.resolve("absent.parquet").toString()));
        assertTrue(missing.getMessage().startsWith("--data: no such file or directory"), missing.getMessage());
    }

    private static void agree(Path csv, String formula, long maxPartitionBytes) throws IOException {
        spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(maxPartitionBytes));
        SparkData data = SparkData.read(spark, csv.toString());
        assertTrue(data.rows().javaRDD().getNumPartitions() > 1, "the test reads several partitions");
        SparkPreparedModel model = SparkLinearMixedModel.prepare(data.rows(), data.csvText(), formula,
                csv.getFileName().toString());
        DataFrame frame = CsvReader.read(csv);
        PreparedModel single = LinearMixedModel.prepare(frame, formula);
        assertCrossProductsAgree(single, model.prepared());
        assertFitsAgree(single, model, FitOptions.defaults().withBackend("java"), null);
    }

    /**
     * Each path optimizes on its own: with the same cross-products BOBYQA takes the same path, so
     * θ̂ and the objective are the same doubles, and every reported number agrees.
     */
    private static void assertFitsAgree(PreparedModel single, SparkPreparedModel model, FitOptions options,
                                        String predictionsOut) throws IOException {
        FitResult expected = LinearMixedModel.fit(single, options);
        SparkFit optimized = SparkFitter.fit(model, options, predictionsOut);
        assertArrayEquals(expected.theta(), optimized.fit().theta(), 0.0, "θ̂");
        assertEquals(expected.objective(), optimized.fit().objective(), 0.0, "objective at the optimum");
        assertReportsAgree(expected, optimized);
    }

    static void assertCrossProductsAgree(PreparedModel expected, PreparedModel actual) {
        assertEquals(expected.fixedNames(), actual.fixedNames());
        assertEquals(expected.problem().n(), actual.problem().n());
        assertEquals(expected.problem().terms(), actual.problem().terms());
        for (int k = 0; k < expected.terms().size(); k++) {
            assertEquals(expected.terms().get(k).levels(), actual.terms().get(k).levels(), "levels of term " + k);
            assertEquals(expected.terms().get(k).columnNames(), actual.terms().get(k).columnNames());
        }
        CrossProducts e = expected.problem().cross();
        CrossProducts a = actual.problem().cross();
        assertArrayEquals(e.xyTxy(), a.xyTxy(), 0.0, "[X y]'[X y]");
        for (int k = 0; k < expected.terms().size(); k++) {
            assertArrayEquals(e.zTz(k), a.zTz(k), 0.0, "Z'Z block " + k);
            assertArrayEquals(e.zTxy(k), a.zTxy(k), 0.0, "Z'[X y] block " + k);
            for (int j = 0; j < k; j++) {
                BlockSparseMatrix be = e.zTzOff(k, j);
                BlockSparseMatrix ba = a.zTzOff(k, j);
                assertArrayEquals(be.colPtr, ba.colPtr, "block columns of Z_" + k + "'Z_" + j);
                assertArrayEquals(be.rowIdx, ba.rowIdx, "block rows of Z_" + k + "'Z_" + j);
                assertArrayEquals(be.values, ba.values, 0.0, "Z_" + k + "'Z_" + j);
            }
        }
    }

    /** Every number of the JSON reports to 1e-10 relative, every string equal; the summaries too. */
    static void assertReportsAgree(FitResult expected, SparkFit actual) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode e = json.readTree(JsonReport.format(expected));
        JsonNode a = json.readTree(actual.json());
        assertEquals(actual.source(), a.get("data").asText());
        assertEquals(actual.master(), a.get("spark_master").asText());
        Iterator<Map.Entry<String, JsonNode>> fields = e.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("optimizer") || f.getKey().equals("backend_detail")) {
                continue; // timings
            }
            sameTree(f.getValue(), a.get(f.getKey()), f.getKey());
        }
        // all but the backend line, which ends with the optimizer's time
        List<String> el = SummaryText.format(expected, "DATA").lines().filter(l -> !l.startsWith("Backend:")).toList();
        List<String> al = SummaryText.format(actual.fit(), "DATA").lines().filter(l -> !l.startsWith("Backend:"))
                .toList();
        assertEquals(el, al);
        assertTrue(actual.text().contains("   Data: " + actual.source() + " (Spark " + actual.master() + ")"));
    }

    private static void sameTree(JsonNode e, JsonNode a, String path) {
        assertTrue(a != null, path + " missing");
        if (e.isNumber()) {
            assertTrue(a.isNumber(), path);
            double x = e.asDouble();
            double y = a.asDouble();
            assertEquals(x, y, 1e-10 * Math.max(1e-3, Math.max(Math.abs(x), Math.abs(y))), path);
        } else if (e.isArray() || e.isObject()) {
            assertEquals(e.size(), a.size(), path + " size");
            if (e.isArray()) {
                for (int i = 0; i < e.size(); i++) {
                    sameTree(e.get(i), a.get(i), path + "[" + i + "]");
                }
            } else {
                e.fieldNames().forEachRemaining(name -> sameTree(e.get(name), a.get(name), path + "." + name));
            }
        } else {
            assertEquals(e, a, path);
        }
    }
}
