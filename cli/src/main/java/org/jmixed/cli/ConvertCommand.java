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

/**
 * {@code jmixed convert}: rewrites a CSV file in the binary frame format ({@code .jmx}), which
 * {@code jmixed fit --data FILE.jmx} maps into memory instead of parsing text on every run.
 */
final class ConvertCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed convert --data FILE.csv --out FILE.jmx",
            "",
            "Rewrite a CSV file in jmixed's binary columnar format, so that later fits of large",
            "data skip CSV parsing: jmixed fit --data FILE.jmx ... reads it memory-mapped.",
            "A column is stored as numbers when the CSV rules read it as a number (every value a",
            "number, not every one quoted), else as categorical codes with a level table; models",
            "fitted to either file are the same.",
            "",
            "Options:",
            "  --data FILE   CSV file to read (a .jmx file is also accepted)",
            "  --out FILE    binary file to write; must end in .jmx",
            "  -h, --help    show this help",
            "");

    private ConvertCommand() {
    }

    static int run(String[] args, int from, PrintStream out) {
        Map<String, String> v = CommandOptions.parse("convert", args, from, Set.of("--data", "--out"),
                List.of("--data", "--out"));
        if (v == null) {
            out.print(HELP);
            return Main.OK;
        }
        Path in = Path.of(v.get("--data"));
        Path file = Path.of(v.get("--out"));
        if (file.getFileName() == null || !BinaryFormat.isBinaryName(file.getFileName().toString())) {
            throw new CliException("--out must name a " + BinaryFormat.EXTENSION + " file, not '" + file + "'");
        }
        long start = System.nanoTime();
        DataFrame frame = DataFiles.read(in);
        BinaryFrameWriter.of(frame).write(file);
        out.printf("wrote %s: %d rows, %d columns in %.1f s%n", file, frame.nrows(), frame.names().size(),
                (System.nanoTime() - start) / 1e9);
        return Main.OK;
    }
}
