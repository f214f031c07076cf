package org.jmixed.data;

import java.nio.file.Path;

/** Reads CSV files into {@link DataFrame}s. Placeholder API. */
public final class CsvReader {
    private CsvReader() {
    }

    public static DataFrame read(Path file) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
