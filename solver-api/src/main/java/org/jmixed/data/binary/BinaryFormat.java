package org.jmixed.data.binary;

import java.nio.charset.StandardCharsets;

/**
 * The jmixed binary frame format ({@code .jmx}), version 1: a columnar file that a fit can map
 * into memory instead of parsing CSV text. All integers and doubles are little-endian.
 *
 * <pre>
 * offset  size  field
 *      0     8  magic "JMXFRAME" (ASCII)
 *      8     4  int32 format version (1)
 *     12     4  int32 number of columns C
 *     16     8  int64 number of rows N
 *     24     8  int64 header length H: where the column data start (a multiple of 8)
 *     32        column directory, C entries, in column order:
 *                 uint8 kind (0 = numeric, 1 = categorical), 3 bytes zero
 *                 int32 byte length of the name, then the name in UTF-8
 *                 categorical only: int32 number of levels L, then L times
 *                   (int32 byte length, UTF-8 text) of each level
 *               zero padding up to H
 *      H        column data, in column order, each padded with zeros to a multiple of 8 bytes:
 *                 numeric: N float64 values, NaN for a missing value
 *                 categorical: N int32 codes into the column's level table, -1 for missing
 * </pre>
 *
 * The file ends exactly after the last column's data; a reader checks the length. The level
 * table's order carries no meaning: level order in a model is decided later, exactly as for a CSV
 * file (numerically when every level is a number, else by code point). A numeric column's cells
 * read back with the shortest text of their value ({@code 1.5} for {@code 1.50}), which is what R
 * shows for a numeric column turned into a factor; a literal {@code NaN} cell reads back missing.
 */
public final class BinaryFormat {
    /** The usual file extension. */
    public static final String EXTENSION = ".jmx";
    static final byte[] MAGIC = "JMXFRAME".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int FIXED_HEADER = 32;
    static final byte NUMERIC = 0;
    static final byte CATEGORICAL = 1;
    static final int MISSING_CODE = -1;
    /** Longest name or level text accepted, in bytes: guards against reading garbage as a length. */
    static final int MAX_TEXT_BYTES = 1 << 20;

    private BinaryFormat() {
    }

    static long padded(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /** Whether a file name has the binary frame extension. */
    public static boolean isBinaryName(String fileName) {
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(EXTENSION);
    }
}
