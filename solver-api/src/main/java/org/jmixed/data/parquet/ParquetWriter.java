package org.jmixed.data.parquet;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.data.Column;
import org.jmixed.data.ColumnTyping;
import org.jmixed.data.DataFrame;

/**
 * Writes columns, or a whole {@link DataFrame}, as a Parquet file that {@link ParquetReader} reads
 * back as the same frame (and that DuckDB 1.5, an independent reader, reads with the same values
 * in every codec: checked by hand). Of a frame, a column the CSV rules read as numbers (every
 * value a number, not every one quoted) becomes an optional DOUBLE column; any other becomes an
 * optional STRING column, dictionary-encoded. Missing values are nulls. Data pages are of format
 * version 1, at most {@value #PAGE_ROWS} rows each, compressed with the given codec.
 */
public final class ParquetWriter {
    /** Rows per row group unless told otherwise: about 8 MB per numeric column. */
    public static final int DEFAULT_ROW_GROUP_ROWS = 1 << 20;
    static final int PAGE_ROWS = 1 << 16;
    private static final int OPTIONAL = 1;
    private static final int UTF8 = 0;

    private final List<Col> columns = new ArrayList<>();
    private int rows = -1;

    /** An empty writer: add columns with {@link #numeric} and {@link #categorical}, then {@link #write}. */
    public ParquetWriter() {
    }

    /** A numeric column (DOUBLE); NaN is a missing value (null). The array is not copied. */
    public ParquetWriter numeric(String name, double[] values) {
        return add(new Col(name, values, null, null));
    }

    /**
     * A categorical column (dictionary-encoded STRING): {@code codes[i]} indexes {@code levels}, -1
     * for a missing value (null). The array is not copied.
     */
    public ParquetWriter categorical(String name, List<String> levels, int[] codes) {
        for (int c : codes) {
            if (c < -1 || c >= levels.size()) {
                throw new IllegalArgumentException("column '" + name + "': code " + c + " outside 0.." + (levels.size() - 1));
            }
        }
        return add(new Col(name, null, List.copyOf(levels), codes));
    }

    private ParquetWriter add(Col c) {
        int n = c.numbers() != null ? c.numbers().length : c.codes().length;
        if (rows >= 0 && n != rows) {
            throw new IllegalArgumentException("column '" + c.name() + "' has " + n + " rows, expected " + rows);
        }
        if (columns.stream().anyMatch(o -> o.name().equals(c.name()))) {
            throw new IllegalArgumentException("duplicate column name '" + c.name() + "'");
        }
        rows = n;
        columns.add(c);
        return this;
    }

    /** A writer holding every column of the frame (see the class comment for the typing). */
    public static ParquetWriter of(DataFrame frame) {
        ParquetWriter w = new ParquetWriter();
        for (String name : frame.names()) {
            w.add(Col.of(frame.column(name)));
        }
        w.rows = frame.nrows();
        return w;
    }

    /** Writes the frame in row groups of {@link #DEFAULT_ROW_GROUP_ROWS} rows. */
    public static void write(DataFrame frame, Path file, ParquetCodec codec) {
        of(frame).write(file, codec, DEFAULT_ROW_GROUP_ROWS);
    }

    /** Writes the frame in row groups of {@code rowGroupRows} rows. */
    public static void write(DataFrame frame, Path file, ParquetCodec codec, int rowGroupRows) {
        of(frame).write(file, codec, rowGroupRows);
    }

    /**
     * Writes the columns (replacing the file); a one-line {@link JmixedException} on an I/O error.
     *
     * @param rowGroupRows rows per row group (the last may have fewer)
     */
    public void write(Path file, ParquetCodec codec, int rowGroupRows) {
        if (codec == ParquetCodec.LZ4_RAW) {
            throw new IllegalArgumentException("jmixed does not write LZ4_RAW");
        }
        if (rowGroupRows < 1) {
            throw new IllegalArgumentException("rowGroupRows must be positive");
        }
        int n = Math.max(rows, 0);
        int groupCount = n == 0 ? 1 : (int) ((n + (long) rowGroupRows - 1) / rowGroupRows);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            CountingOutput o = new CountingOutput(out);
            o.write("PAR1".getBytes(StandardCharsets.US_ASCII));
            List<byte[]> groups = new ArrayList<>();
            for (int g = 0; g < groupCount; g++) {
                int from = (int) Math.min(n, (long) g * rowGroupRows);
                groups.add(rowGroup(o, columns, from, (int) Math.min(n, (long) from + rowGroupRows), codec));
            }
            byte[] footer = footer(columns, n, groups);
            o.write(footer);
            o.write(new byte[] {(byte) footer.length, (byte) (footer.length >>> 8), (byte) (footer.length >>> 16),
                (byte) (footer.length >>> 24)});
            o.write("PAR1".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new JmixedException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** One column to write: its numbers, or its dictionary and each row's index (-1 missing). */
    private record Col(String name, double[] numbers, List<String> dictionary, int[] codes) {
        static Col of(Column col) {
            int n = col.size();
            if (ColumnTyping.kindOf(col, false) == ColumnTyping.Kind.NUMERIC) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = col.isMissing(i) ? Double.NaN : col.numericValue(i);
                }
                return new Col(col.name(), v, null, null);
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            int[] codes = new int[n];
            for (int i = 0; i < n; i++) {
                String s = col.stringValue(i);
                codes[i] = s == null ? -1 : index.computeIfAbsent(s, k -> index.size());
            }
            return new Col(col.name(), null, new ArrayList<>(index.keySet()), codes);
        }

        boolean missing(int row) {
            return numbers != null ? Double.isNaN(numbers[row]) : codes[row] < 0;
        }
    }

    /** Writes one row group's column chunks; returns its RowGroup metadata, ready for the footer. */
    private static byte[] rowGroup(CountingOutput o, List<Col> columns, int from, int to, ParquetCodec codec)
            throws IOException {
        ThriftCompactWriter meta = new ThriftCompactWriter().beginStruct();
        meta.structListField(1, columns.size());
        long groupBytes = 0;
        for (Col c : columns) {
            long start = o.count();
            long dictionaryOffset = -1;
            long uncompressed = 0;
            if (c.dictionary() != null) {
                dictionaryOffset = start;
                ByteArrayOutputStream plain = new ByteArrayOutputStream();
                for (String s : c.dictionary()) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    writeIntLE(plain, b.length);
                    plain.write(b);
                }
                uncompressed += page(o, PageHeader.DICTIONARY_PAGE, plain.toByteArray(), c.dictionary().size(),
                        PageValues.PLAIN, codec);
            }
            long dataOffset = o.count();
            for (int p = from; p < to; p += PAGE_ROWS) {
                int pEnd = Math.min(to, p + PAGE_ROWS);
                uncompressed += page(o, PageHeader.DATA_PAGE, dataPage(c, p, pEnd), pEnd - p,
                        c.dictionary() != null ? PageValues.PLAIN_DICTIONARY : PageValues.PLAIN, codec);
            }
            long compressed = o.count() - start;
            groupBytes += uncompressed;
            meta.beginStruct().i64(2, start).structField(3)
                    .i32(1, c.numbers() != null ? ColumnType.DOUBLE : ColumnType.BYTE_ARRAY)
                    .i32ListField(2, c.dictionary() != null ? List.of(PageValues.PLAIN_DICTIONARY, PageValues.RLE,
                            PageValues.PLAIN) : List.of(PageValues.PLAIN, PageValues.RLE))
                    .stringListField(3, List.of(c.name()))
                    .i32(4, codec.id())
                    .i64(5, to - from)
                    .i64(6, uncompressed)
                    .i64(7, compressed)
                    .i64(9, dataOffset);
            if (dictionaryOffset >= 0) {
                meta.i64(11, dictionaryOffset);
            }
            meta.endStruct().endStruct();
        }
        return meta.i64(2, groupBytes).i64(3, to - from).endStruct().toByteArray();
    }

    /** Definition levels (4-byte length, then bit-packed), then PLAIN doubles or dictionary indices. */
    private static byte[] dataPage(Col c, int from, int to) throws IOException {
        int n = to - from;
        ByteArrayOutputStream page = new ByteArrayOutputStream(n * 9 + 16);
        int[] levels = new int[n];
        int present = 0;
        for (int i = 0; i < n; i++) {
            levels[i] = c.missing(from + i) ? 0 : 1;
            present += levels[i];
        }
        byte[] packedLevels = bitPacked(levels, n, 1);
        writeIntLE(page, packedLevels.length);
        page.write(packedLevels);
        if (c.numbers() != null) {
            byte[] values = new byte[8 * present];
            int at = 0;
            for (int i = from; i < to; i++) {
                if (!Double.isNaN(c.numbers()[i])) {
                    long bits = Double.doubleToRawLongBits(c.numbers()[i]);
                    for (int k = 0; k < 8; k++) {
                        values[at++] = (byte) (bits >>> (8 * k));
                    }
                }
            }
            page.write(values);
        } else {
            int width = Math.max(1, HybridDecoder.bitWidth(c.dictionary().size() - 1));
            int[] indices = new int[present];
            int at = 0;
            for (int i = from; i < to; i++) {
                if (c.codes()[i] >= 0) {
                    indices[at++] = c.codes()[i];
                }
            }
            page.write(width);
            page.write(bitPacked(indices, present, width));
        }
        return page.toByteArray();
    }

    /** One bit-packed run of the RLE/bit-packing hybrid encoding, padded to whole groups of eight. */
    private static byte[] bitPacked(int[] values, int count, int width) {
        int groups = (count + 7) / 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream(groups * width + 5);
        long header = ((long) groups << 1) | 1;
        while ((header & ~0x7fL) != 0) {
            out.write((int) ((header & 0x7f) | 0x80));
            header >>>= 7;
        }
        out.write((int) header);
        byte[] packed = new byte[groups * width];
        for (int i = 0; i < count; i++) {
            long bit = (long) i * width;
            for (int b = 0; b < width; b++) {
                if ((values[i] >>> b & 1) != 0) {
                    long at = bit + b;
                    packed[(int) (at >>> 3)] |= (byte) (1 << (at & 7));
                }
            }
        }
        out.write(packed, 0, packed.length);
        return out.toByteArray();
    }

    /** Writes a page with its header; returns its uncompressed size, header included. */
    private static long page(CountingOutput o, int type, byte[] data, int values, int encoding, ParquetCodec codec)
            throws IOException {
        byte[] body = codec.compress(data);
        ThriftCompactWriter h = new ThriftCompactWriter().beginStruct()
                .i32(1, type).i32(2, data.length).i32(3, body.length);
        if (type == PageHeader.DICTIONARY_PAGE) {
            h.structField(7).i32(1, values).i32(2, encoding).endStruct();
        } else {
            h.structField(5).i32(1, values).i32(2, encoding).i32(3, PageValues.RLE).i32(4, PageValues.RLE).endStruct();
        }
        byte[] header = h.endStruct().toByteArray();
        o.write(header);
        o.write(body);
        return header.length + (long) data.length;
    }

    private static byte[] footer(List<Col> columns, int rows, List<byte[]> groups) {
        ThriftCompactWriter f = new ThriftCompactWriter().beginStruct().i32(1, 1);
        f.structListField(2, columns.size() + 1);
        f.beginStruct().string(4, "schema").i32(5, columns.size()).endStruct();
        for (Col c : columns) {
            f.beginStruct().i32(1, c.numbers() != null ? ColumnType.DOUBLE : ColumnType.BYTE_ARRAY)
                    .i32(3, OPTIONAL).string(4, c.name());
            if (c.dictionary() != null) {
                f.i32(6, UTF8).structField(10).structField(FileMetadata.LogicalType.STRING).endStruct().endStruct();
            }
            f.endStruct();
        }
        f.i64(3, rows);
        f.structListField(4, groups.size());
        for (byte[] g : groups) {
            f.raw(g);
        }
        return f.string(6, "jmixed").endStruct().toByteArray();
    }

    private static void writeIntLE(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** Counts bytes written, for the offsets the footer records. */
    private static final class CountingOutput {
        private final OutputStream out;
        private long count;

        CountingOutput(OutputStream out) {
            this.out = out;
        }

        void write(byte[] b) throws IOException {
            out.write(b);
            count += b.length;
        }

        long count() {
            return count;
        }
    }
}
