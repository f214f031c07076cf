package org.jmixed.data.binary;

import java.nio.file.Path;

import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.data.parquet.ParquetReader;

/**
 * Reads a data file by its extension: {@code .jmx} as a binary frame, {@code .parquet} (or a
 * directory of Parquet part files) as Parquet, anything else as CSV.
 */
public final class DataFiles {
    private DataFiles() {
    }

    public static DataFrame read(Path file) {
        Path name = file.getFileName();
        if (name != null && BinaryFormat.isBinaryName(name.toString())) {
            return BinaryFrameReader.read(file);
        }
        if (ParquetReader.isParquet(file)) {
            return ParquetReader.read(file);
        }
        return CsvReader.read(file);
    }

    /** Writes a frame in the format its extension names: {@code .jmx} only (CSV output is not offered). */
    public static void writeBinary(DataFrame frame, Path file) {
        BinaryFrameWriter.of(frame).write(file);
    }
}
