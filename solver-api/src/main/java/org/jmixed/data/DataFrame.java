package org.jmixed.data;

import java.util.List;

/**
 * A table read from a CSV file: named columns of equal length. Placeholder API; the CSV/data work
 * fills it in.
 */
public final class DataFrame {
    /** Where the data came from (a file name), used in error messages. */
    public String source() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public int nrows() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public List<String> names() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
