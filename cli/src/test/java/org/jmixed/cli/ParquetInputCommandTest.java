package org.jmixed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jmixed.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --data X.parquet} (a file or a directory of parts) fits exactly as the CSV it came from. */
class ParquetInputCommandTest {

    private static String fitJson(Path data, String formula) {
        CliRun r = CliRun.run("fit", "--data", data.toString(), "--formula", formula, "--format", "json");
        assertEquals(0, r.code(), r.err());
        // Everything but the optimizer's wall time.
        return r.out().replaceAll("\"seconds\": [0-9.eE-]+", "\"seconds\": _");
    }

    private static void convert(Path from, Path to, String codec) {
        CliRun r = CliRun.run("convert", "--data", from.toString(), "--out", to.toString(), "--codec", codec);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + to), r.out());
    }

    @Test
    void fitsFromParquetAreBitIdenticalToFitsFromCsv(@TempDir Path dir) throws IOException {
        // InstEval's first 10,000 rows keep the test quick; the crossed model is the reference one
        List<String> lines = Files.readAllLines(SharedData.data("InstEval.csv"));
        Path instEval = Files.write(dir.resolve("insteval10k.csv"), lines.subList(0, 10_001));
        Object[][] cases = {
            {SharedData.data("sleepstudy.csv"), "Reaction ~ Days + (Days | Subject)", "snappy"},
            {SharedData.data("Penicillin.csv"), "diameter ~ 1 + (1 | plate) + (1 | sample)", "gzip"},
            {instEval, "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", "zstd"},
            {SharedData.data("Orthodont.csv"), "distance ~ age + Sex + (age | Subject)", "none"}};
        for (Object[] c : cases) {
            Path csv = (Path) c[0];
            Path parquet = dir.resolve(csv.getFileName().toString().replace(".csv", ".parquet"));
            convert(csv, parquet, (String) c[2]);
            assertEquals(fitJson(csv, (String) c[1]), fitJson(parquet, (String) c[1]), csv.toString());
        }
    }

    @Test
    void aDirectoryOfPartsAndMissingValues(@TempDir Path dir) throws IOException {
        // sleepstudy in three parts, with NA responses that the model frame drops and counts
        List<String> lines = Files.readAllLines(SharedData.data("sleepstudy.csv"));
        StringBuilder all = new StringBuilder(lines.get(0)).append('\n');
        Path parts = Files.createDirectory(dir.resolve("sleep"));
        for (int k = 0; k < 3; k++) {
            StringBuilder part = new StringBuilder(lines.get(0)).append('\n');
            for (int i = 1 + 60 * k; i <= 60 * (k + 1); i++) {
                String row = i % 17 == 0 ? lines.get(i).replaceFirst("^[^,]*", "NA") : lines.get(i);
                part.append(row).append('\n');
                all.append(row).append('\n');
            }
            Path csvPart = Files.writeString(dir.resolve("p" + k + ".csv"), part);
            convert(csvPart, parts.resolve("part-0000" + k + "-x.snappy.parquet"), "snappy");
        }
        Path csv = Files.writeString(dir.resolve("sleep.csv"), all);
        String formula = "Reaction ~ Days + (Days | Subject)";
        String fromParquet = fitJson(parts, formula);
        assertEquals(fitJson(csv, formula), fromParquet);
        assertTrue(fromParquet.contains("\"nobs\": 170"), fromParquet);

        // predict's --newdata reads Parquet too
        CliRun p = CliRun.run("predict", "--data", csv.toString(), "--formula", formula, "--newdata",
                parts.resolve("part-00000-x.snappy.parquet").toString());
        CliRun q = CliRun.run("predict", "--data", csv.toString(), "--formula", formula, "--newdata",
                dir.resolve("p0.csv").toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(q.out(), p.out());
    }

    @Test
    void aFileWrittenByDuckDbFitsAsTheCsv() {
        Path duck = Path.of(System.getProperty("jmixed.root", ".")).resolve(
                "solver-api/src/test/resources/parquet/duckdb/sleepstudy.parquet");
        String formula = "Reaction ~ Days + (Days | Subject)";
        assertEquals(fitJson(SharedData.data("sleepstudy.csv"), formula), fitJson(duck, formula));
    }

    @Test
    void simulateCrossedWritesParquet(@TempDir Path dir) {
        for (String f : new String[] {"s.csv", "s.parquet"}) {
            CliRun r = CliRun.run("simulate-crossed", "--rows", "4000", "--users", "400", "--items", "50", "--seed", "5",
                    "--out", dir.resolve(f).toString());
            assertEquals(0, r.code(), r.err());
        }
        String formula = "y ~ 1 + x + (1 | user) + (1 | item)";
        assertEquals(fitJson(dir.resolve("s.csv"), formula), fitJson(dir.resolve("s.parquet"), formula));
    }

    @Test
    void badFilesAndOptionsAreOneLineErrors(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.parquet"), "Reaction,Days\n1,2\n");
        CliRun r = CliRun.run("fit", "--data", bad.toString(), "--formula", "Reaction ~ Days + (1 | Subject)");
        assertEquals(1, r.code());
        assertEquals("jmixed: bad.parquet: not a Parquet file (it does not start with PAR1)\n", r.err());

        Path empty = Files.createDirectory(dir.resolve("nothing"));
        r = CliRun.run("fit", "--data", empty.toString(), "--formula", "y ~ 1 + (1 | g)");
        assertEquals(1, r.code());
        assertEquals("jmixed: data file '" + empty + "' is a directory with no .parquet part files\n", r.err());

        Path csv = SharedData.data("sleepstudy.csv");
        r = CliRun.run("convert", "--data", csv.toString(), "--out", dir.resolve("s.jmx").toString(), "--codec", "gzip");
        assertEquals(2, r.code());
        assertEquals("jmixed: --codec applies to a .parquet --out only\n", r.err());
        r = CliRun.run("convert", "--data", csv.toString(), "--out", dir.resolve("s.parquet").toString(), "--codec", "lzo");
        assertEquals(2, r.code());
        assertEquals("jmixed: --codec must be snappy, gzip, zstd or none, not 'lzo'\n", r.err());
    }
}
