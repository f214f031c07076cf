package org.jmixed.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jmixed.JmixedException;
import org.jmixed.data.parquet.ParquetReader;

/** The check every command makes of the files it reads, before any work starts, with one wording. */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * Throws a one-line error when the file is missing or not a readable regular file (a
     * directory is accepted too: a directory of Parquet part files).
     *
     * @param what what the file is to the command, e.g. {@code data} or {@code new data}
     */
    static Path requireReadable(Path file, String what) {
        if (!Files.exists(file)) {
            throw new JmixedException(what + " file '" + file + "' not found");
        }
        if (Files.isDirectory(file) && Files.isReadable(file)) {
            if (!ParquetReader.holdsParts(file)) {
                throw new JmixedException(what + " file '" + file + "' is a directory with no .parquet part files");
            }
            return file;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new JmixedException(what + " file '" + file + "' is not a readable file");
        }
        return file;
    }
}
