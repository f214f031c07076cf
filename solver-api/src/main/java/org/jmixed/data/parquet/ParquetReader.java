package org.jmixed.data.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.data.parquet.FileMetadata.ColumnChunk;
import org.jmixed.data.parquet.FileMetadata.RowGroup;
import org.jmixed.data.parquet.FileMetadata.SchemaElement;

/**
 * Reads Apache Parquet data into a {@link DataFrame}: one {@code .parquet} file, or a directory of
 * part files as Spark and pandas write them (every {@code *.parquet} file in it whose name does
 * not start with {@code _} or {@code .}, read in sorted name order, so the rows come out in the
 * same order on every run). All parts must have the same columns, in the same order, of the same
 * kind.
 *
 * <p>Columns are typed as {@link ColumnType} describes: numbers, booleans (0/1), decimals, dates
 * (days) and timestamps (seconds) become numeric columns; strings become categorical columns,
 * whose levels are then sorted as for a CSV file. A null, or a NaN in a floating-point column,
 * is a missing value, like {@code NA} in a CSV file, and the model frame drops and counts its
 * rows as usual. Flat schemas only: a nested, repeated or otherwise unreadable column is an
 * error naming the file and the column, even when no formula uses it.
 *
 * <p>Pages may be uncompressed or compressed with Snappy, gzip, Zstandard or LZ4_RAW, in data
 * pages of version 1 or 2, with PLAIN, dictionary, RLE (booleans), BYTE_STREAM_SPLIT or DELTA_* values.
 * Every problem is a one-line {@link JmixedException} naming the file (and column).
 */
public final class ParquetReader {
    /** The extension of a Parquet file. */
    public static final String EXTENSION = ".parquet";
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);
    /** DataFrame columns are Java arrays. */
    private static final long MAX_ROWS = Integer.MAX_VALUE - 8;

    private ParquetReader() {
    }

    /** Whether a file name ends in {@code .parquet} (any case). */
    public static boolean isParquetName(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(EXTENSION);
    }

    /** Whether the path is read as Parquet: a {@code .parquet} file, or a directory (of part files). */
    public static boolean isParquet(Path path) {
        Path name = path.getFileName();
        return Files.isDirectory(path) || name != null && isParquetName(name.toString());
    }

    /**
     * Whether a directory holds a part file ({@code *.parquet}, not hidden, not starting with
     * {@code _}) or a subdirectory (which {@link #read} names in its error), so that a command can
     * refuse a directory of something else before any work starts.
     */
    public static boolean holdsParts(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (isPartName(name) && Files.isRegularFile(e) || !name.startsWith("_") && !name.startsWith(".")
                        && Files.isDirectory(e)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Spark's {@code _SUCCESS} and {@code _metadata}, and hidden checksum files, are not parts. */
    private static boolean isPartName(String name) {
        return !name.startsWith("_") && !name.startsWith(".") && isParquetName(name);
    }

    /** One part file: its name for messages, its footer and its columns' types. */
    private record Part(Path path, String label, FileMetadata meta, List<ColumnType> columns, long dataEnd) {
    }

    /** Reads a Parquet file or a directory of part files. */
    public static DataFrame read(Path path) {
        String source = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        List<Path> files = Files.isDirectory(path) ? partFiles(path, source) : List.of(path);
        List<Part> parts = new ArrayList<>(files.size());
        long rows = 0;
        for (Path f : files) {
            String label = files.size() == 1 && f.equals(path) ? source : source + "/" + f.getFileName();
            Part p = footer(f, label);
            if (!parts.isEmpty()) {
                requireSameSchema(parts.get(0), p);
            }
            parts.add(p);
            rows += p.meta().numRows();
            if (rows > MAX_ROWS) {
                throw new JmixedException(source + ": more than " + MAX_ROWS + " rows, more than jmixed can hold");
            }
        }
        List<ColumnType> columns = columnKinds(parts);
        int n = (int) rows;
        double[][] numbers = new double[columns.size()][];
        String[][] strings = new String[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).categorical()) {
                strings[c] = new String[n];
            } else {
                numbers[c] = new double[n];
            }
        }
        int row = 0;
        for (Part p : parts) {
            row = readRows(p, numbers, strings, row);
        }
        DataFrame.Builder b = DataFrame.builder(source);
        for (int c = 0; c < columns.size(); c++) {
            if (strings[c] != null) {
                b.categorical(columns.get(c).name(), strings[c]);
            } else {
                b.numeric(columns.get(c).name(), numbers[c]);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new JmixedException(source + ": " + e.getMessage());
        }
    }

    /**
     * Each column's type in the first part where it is not of the null type (that part decides its
     * kind); every other part must agree.
     */
    private static List<ColumnType> columnKinds(List<Part> parts) {
        List<ColumnType> columns = new ArrayList<>(parts.get(0).columns());
        List<Part> deciders = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Part decider = parts.get(0);
            for (Part p : parts) {
                ColumnType t = p.columns().get(c);
                if (columns.get(c).allNull()) {
                    columns.set(c, t);
                    decider = p;
                } else if (!t.allNull() && !t.kind().equals(columns.get(c).kind())) {
                    throw bad(p.label(), "column '" + t.name() + "' is " + t.kind() + " but " + columns.get(c).kind()
                            + " in " + decider.label());
                }
            }
        }
        return columns;
    }

    private static List<Path> partFiles(Path dir, String source) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(e)) {
                    throw new JmixedException(source + ": holds the directory '" + name + "'; partitioned data sets"
                            + " (column=value directories) are not read: give one directory of part files");
                }
                if (isPartName(name)) {
                    files.add(e);
                }
            }
        } catch (IOException e) {
            throw new JmixedException(source + ": cannot list the directory (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new JmixedException(source + ": a directory with no " + EXTENSION + " files");
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    private static Part footer(Path file, String label) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 12) {
                throw bad(label, "not a Parquet file (" + size + " bytes)");
            }
            byte[] head = read(ch, 0, 4);
            byte[] tail = read(ch, size - 8, 8);
            byte[] tailMagic = Arrays.copyOfRange(tail, 4, 8);
            if (!Arrays.equals(head, MAGIC)) {
                throw bad(label, "not a Parquet file (it does not start with PAR1)");
            }
            if (Arrays.equals(tailMagic, ENCRYPTED_MAGIC)) {
                throw bad(label, "an encrypted Parquet file, which jmixed cannot read");
            }
            if (!Arrays.equals(tailMagic, MAGIC)) {
                throw bad(label, "truncated or not a Parquet file (it does not end with PAR1)");
            }
            long footerLength = PageValues.intAt(tail, 0) & 0xffffffffL;
            if (footerLength > size - 12) {
                throw bad(label, "truncated or corrupt Parquet file (footer of " + footerLength + " bytes in a file of "
                        + size + ")");
            }
            long footerStart = size - 8 - footerLength;
            FileMetadata meta;
            try {
                meta = FileMetadata.parse(read(ch, footerStart, (int) footerLength), 0);
            } catch (RuntimeException e) {
                throw bad(label, "corrupt Parquet footer (" + e.getMessage() + ")");
            }
            return new Part(file, label, meta, columnTypes(meta, label), footerStart);
        } catch (NoSuchFileException e) {
            throw new JmixedException(label + ": no such file");
        } catch (IOException e) {
            throw new JmixedException(label + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static List<ColumnType> columnTypes(FileMetadata meta, String label) {
        List<SchemaElement> schema = meta.schema();
        if (schema.isEmpty()) {
            throw bad(label, "corrupt Parquet footer (no schema)");
        }
        List<ColumnType> columns = new ArrayList<>(schema.size() - 1);
        for (SchemaElement e : schema.subList(1, schema.size())) {
            try {
                columns.add(ColumnType.of(e));
            } catch (ColumnType.UnsupportedColumnException x) {
                throw bad(label, x.getMessage());
            }
        }
        if (columns.size() != schema.get(0).numChildren()) {
            throw bad(label, "corrupt Parquet schema (" + schema.get(0).numChildren() + " columns announced, "
                    + columns.size() + " found)");
        }
        if (columns.isEmpty()) {
            throw bad(label, "a Parquet file with no columns");
        }
        long rows = 0;
        for (RowGroup g : meta.rowGroups()) {
            if (g.columns().size() != columns.size()) {
                throw bad(label, "corrupt Parquet footer (a row group with " + g.columns().size() + " of the "
                        + columns.size() + " columns)");
            }
            if (g.numRows() < 0) {
                throw bad(label, "corrupt Parquet footer (a row group of " + g.numRows() + " rows)");
            }
            rows += g.numRows();
        }
        if (rows != meta.numRows()) {
            throw bad(label, "corrupt Parquet footer (row groups hold " + rows + " rows, the file says " + meta.numRows() + ")");
        }
        return columns;
    }

    /** The same column names in the same order (their kinds are compared by {@link #columnKinds}). */
    private static void requireSameSchema(Part first, Part p) {
        List<ColumnType> a = first.columns();
        List<ColumnType> b = p.columns();
        for (int c = 0; c < Math.max(a.size(), b.size()); c++) {
            if (c >= a.size()) {
                throw bad(p.label(), "column '" + b.get(c).name() + "' is not in " + first.label()
                        + " (all part files must have the same columns)");
            }
            if (c >= b.size()) {
                throw bad(p.label(), "has no column '" + a.get(c).name() + "', which " + first.label()
                        + " has (all part files must have the same columns)");
            }
            if (!a.get(c).name().equals(b.get(c).name())) {
                throw bad(p.label(), "column " + (c + 1) + " is '" + b.get(c).name() + "' but '" + a.get(c).name()
                        + "' in " + first.label() + " (all part files must have the same columns, in the same order)");
            }
        }
    }

    /** Reads every row group of a part into the columns from {@code row} on; returns the next row. */
    private static int readRows(Part p, double[][] numbers, String[][] strings, int row) {
        try (FileChannel ch = FileChannel.open(p.path(), StandardOpenOption.READ)) {
            for (RowGroup g : p.meta().rowGroups()) {
                for (int c = 0; c < p.columns().size(); c++) {
                    ColumnType type = p.columns().get(c);
                    ColumnChunk chunk = g.columns().get(c);
                    byte[] bytes = chunkBytes(ch, p, type, chunk, g.numRows());
                    try {
                        new ChunkDecoder(type, ParquetCodec.byId(chunk.codec()), numbers[c], strings[c])
                                .decode(bytes, row, g.numRows());
                    } catch (ChunkDecoder.UnsupportedEncodingException e) {
                        throw bad(p.label(), "column '" + type.name() + "': " + e.getMessage());
                    } catch (JmixedException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw bad(p.label(), "corrupt data in column '" + type.name() + "' (" + e.getMessage() + ")");
                    }
                }
                row += (int) g.numRows();
            }
            return row;
        } catch (IOException e) {
            throw new JmixedException(p.label() + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] chunkBytes(FileChannel ch, Part p, ColumnType type, ColumnChunk chunk, long rows)
            throws IOException {
        String column = "column '" + type.name() + "'";
        if (chunk.encrypted()) {
            throw bad(p.label(), column + " is encrypted, which jmixed cannot read");
        }
        if (!chunk.path().equals(List.of(type.name())) || chunk.type() != type.physical()) {
            throw bad(p.label(), "corrupt Parquet footer (the column chunk for " + column + " is "
                    + String.join(".", chunk.path()) + " of type " + ColumnType.physicalName(chunk.type()) + ")");
        }
        if (ParquetCodec.byId(chunk.codec()) == null) {
            throw bad(p.label(), column + " is compressed with " + ParquetCodec.nameOf(chunk.codec())
                    + ", which jmixed cannot read (it reads SNAPPY, GZIP, ZSTD, LZ4_RAW and uncompressed pages)");
        }
        if (chunk.numValues() != rows) {
            throw bad(p.label(), "corrupt Parquet footer (" + column + " has " + chunk.numValues()
                    + " values in a row group of " + rows + " rows)");
        }
        long start = chunk.start();
        long length = chunk.totalCompressedSize();
        if (start < 4 || length < 0 || length > Integer.MAX_VALUE - 8 || start + length > p.dataEnd()) {
            throw bad(p.label(), "truncated or corrupt Parquet file (" + column + "'s data at bytes " + start + ".."
                    + (start + length) + " lies outside the data, which ends at byte " + p.dataEnd() + ")");
        }
        return read(ch, start, (int) length);
    }

    private static byte[] read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buf.array();
    }

    private static JmixedException bad(String label, String what) {
        return new JmixedException(label + ": " + what);
    }
}
