package org.jmixed.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmixed.data.CrossedSimulator;
import org.jmixed.data.binary.BinaryFormat;
import org.jmixed.data.parquet.ParquetReader;

/**
 * {@code jmixed simulate-crossed}: writes synthetic users × items data with power-law numbers of
 * observations per user and per item, so that large crossed problems can be made on any machine.
 */
final class SimulateCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed simulate-crossed --rows N --users U --items I [--seed S] --out FILE",
            "",
            "Write synthetic crossed data shaped like rating data: power-law numbers of",
            "observations per user and per item, every user and item observed at least once.",
            "Columns y, x, user, item; fit them with",
            "  jmixed fit --data FILE.csv --formula '" + CrossedSimulator.FORMULA + "'",
            "",
            "Options:",
            "  --rows N     observations (at least max(U, I))",
            "  --users U    levels of the user factor",
            "  --items I    levels of the item factor",
            "  --seed S     random seed (default 1); the same seed gives the same file",
            "  --out FILE   file to write: CSV, the binary frame format (.jmx) or Parquet (.parquet)",
            "  -h, --help   show this help",
            "");

    private SimulateCommand() {
    }

    static int run(String[] args, int from, PrintStream out) {
        Map<String, String> v = CommandOptions.parse("simulate-crossed", args, from,
                Set.of("--rows", "--users", "--items", "--seed", "--out"), List.of("--rows", "--users", "--items", "--out"));
        if (v == null) {
            out.print(HELP);
            return Main.OK;
        }
        int rows = positive(v, "--rows");
        int users = positive(v, "--users");
        int items = positive(v, "--items");
        long seed;
        try {
            seed = Long.parseLong(v.getOrDefault("--seed", "1").trim());
        } catch (NumberFormatException e) {
            throw new CliException("--seed must be a whole number, not '" + v.get("--seed") + "'");
        }
        Path file = Path.of(v.get("--out"));
        long start = System.nanoTime();
        CrossedSimulator sim = CrossedSimulator.simulate(rows, users, items, seed);
        if (BinaryFormat.isBinaryName(file.getFileName().toString())) {
            sim.writeBinary(file);
        } else if (ParquetReader.isParquetName(file.getFileName().toString())) {
            sim.writeParquet(file);
        } else {
            sim.writeCsv(file);
        }
        out.printf("wrote %s: %d rows, %d users × %d items (seed %d) in %.1f s%n", file, rows, users, items, seed,
                (System.nanoTime() - start) / 1e9);
        return Main.OK;
    }

    private static int positive(Map<String, String> v, String name) {
        try {
            int n = Integer.parseInt(v.get(name).trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(name + " must be a positive whole number, not '" + v.get(name) + "'");
    }
}
