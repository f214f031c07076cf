package org.jmixed.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.BinaryFormat;
import org.jmixed.data.binary.BinaryFrameWriter;
import org.jmixed.data.binary.DataFiles;
import org.jmixed.data.parquet.ParquetCodec;
import org.jmixed.data.parquet.ParquetReader;
import org.jmixed.data.parquet.ParquetWriter;

/**
 * {@code jmixed convert}: rewrites a CSV file in the binary frame format ({@code .jmx}), which
 * {@code jmixed fit --data FILE.jmx} maps into memory instead of parsing text on every run, or
 * as a Parquet file ({@code .parquet}) for other tools.
 */
final class ConvertCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed convert --data FILE.csv --out FILE.jmx|FILE.parquet [--codec NAME]",
            "",
            "Rewrite a CSV file in jmixed's binary columnar format, so that later fits of large",
            "data skip CSV parsing: jmixed fit --data FILE.jmx ... reads it memory-mapped.",
            "A column is stored as numbers when the CSV rules read it as a number (every value a",
            "number, not every one quoted), else as categorical codes with a level table; models",
            "fitted to either file are the same.",
            "An --out ending in .parquet writes Parquet instead: numeric columns as DOUBLE, the",
            "others as dictionary-encoded STRING columns, missing values as nulls.",
            "",
            "Options:",
            "  --data FILE   CSV file to read (a .jmx or .parquet file is also accepted)",
            "  --out FILE    file to write; must end in .jmx or .parquet",
            "  --codec NAME  Parquet page compression: snappy (default), gzip, zstd or none",
            "  -h, --help    show this help",
            "");

    private ConvertCommand() {
    }

    static int run(String[] args, int from, PrintStream out) {
        Map<String, String> v = CommandOptions.parse("convert", args, from, Set.of("--data", "--out", "--codec"),
                List.of("--data", "--out"));
        if (v == null) {
            out.print(HELP);
            return Main.OK;
        }
        Path in = Path.of(v.get("--data"));
        Path file = Path.of(v.get("--out"));
        String outName = file.getFileName() == null ? "" : file.getFileName().toString();
        boolean parquet = ParquetReader.isParquetName(outName);
        if (!parquet && !BinaryFormat.isBinaryName(outName)) {
            throw new CliException("--out must name a " + BinaryFormat.EXTENSION + " file or a "
                    + ParquetReader.EXTENSION + " file, not '" + file + "'");
        }
        ParquetCodec codec = parquetCodec(v.get("--codec"), parquet);
        long start = System.nanoTime();
        DataFrame frame = DataFiles.read(in);
        if (parquet) {
            ParquetWriter.write(frame, file, codec);
        } else {
            BinaryFrameWriter.of(frame).write(file);
        }
        out.printf("wrote %s: %d rows, %d columns in %.1f s%n", file, frame.nrows(), frame.names().size(),
                (System.nanoTime() - start) / 1e9);
        return Main.OK;
    }

    private static ParquetCodec parquetCodec(String name, boolean parquet) {
        if (name == null) {
            return ParquetCodec.SNAPPY;
        }
        if (!parquet) {
            throw new CliException("--codec applies to a .parquet --out only");
        }
        ParquetCodec codec = ParquetCodec.parse(name);
        if (codec == null) {
            throw new CliException("--codec must be snappy, gzip, zstd or none, not '" + name + "'");
        }
        return codec;
    }
}
