package org.jmixed.data.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.data.Column;
import org.jmixed.data.ColumnTyping;
import org.jmixed.data.DataFrame;

/**
 * Writes the {@link BinaryFormat binary frame format}: collect columns with {@link #numeric} and
 * {@link #categorical}, then {@link #write}. {@link #of(DataFrame)} converts a frame read from
 * CSV, keeping what later typing needs: a column becomes numeric exactly when the CSV rule would
 * read it as a number (every value a number, not every one quoted), else categorical with its
 * cells' text as levels.
 */
public final class BinaryFrameWriter {
    private record Col(String name, double[] numbers, List<String> levels, int[] codes) {
        int rows() {
            return numbers != null ? numbers.length : codes.length;
        }
    }

    private final List<Col> columns = new ArrayList<>();
    private int rows = -1;

    /** A numeric column; NaN is a missing value. The array is not copied: do not change it before {@link #write}. */
    public BinaryFrameWriter numeric(String name, double[] values) {
        return add(new Col(name, values, null, null));
    }

    /**
     * A categorical column: {@code codes[i]} indexes {@code levels}, -1 for a missing value. The
     * array is not copied.
     */
    public BinaryFrameWriter categorical(String name, List<String> levels, int[] codes) {
        for (int c : codes) {
            if (c < BinaryFormat.MISSING_CODE || c >= levels.size()) {
                throw new IllegalArgumentException("column '" + name + "': code " + c + " outside 0.." + (levels.size() - 1));
            }
        }
        return add(new Col(name, null, List.copyOf(levels), codes));
    }

    private BinaryFrameWriter add(Col c) {
        if (rows >= 0 && c.rows() != rows) {
            throw new IllegalArgumentException("column '" + c.name() + "' has " + c.rows() + " rows, expected " + rows);
        }
        for (Col o : columns) {
            if (o.name().equals(c.name())) {
                throw new IllegalArgumentException("duplicate column name '" + c.name() + "'");
            }
        }
        rows = c.rows();
        columns.add(c);
        return this;
    }

    /** A writer holding every column of the frame (see the class comment for the typing). */
    public static BinaryFrameWriter of(DataFrame frame) {
        BinaryFrameWriter w = new BinaryFrameWriter();
        int n = frame.nrows();
        for (String name : frame.names()) {
            Column col = frame.column(name);
            if (ColumnTyping.kindOf(col, false) == ColumnTyping.Kind.NUMERIC) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = col.isMissing(i) ? Double.NaN : col.numericValue(i);
                }
                w.numeric(name, v);
            } else {
                Map<String, Integer> index = new LinkedHashMap<>();
                int[] codes = new int[n];
                for (int i = 0; i < n; i++) {
                    String s = col.stringValue(i);
                    codes[i] = s == null ? BinaryFormat.MISSING_CODE : index.computeIfAbsent(s, k -> index.size());
                }
                w.categorical(name, new ArrayList<>(index.keySet()), codes);
            }
        }
        if (frame.names().isEmpty()) {
            w.rows = n;
        }
        return w;
    }

    /** Writes the file (replacing it); a one-line {@link JmixedException} on an I/O error. */
    public void write(Path file) {
        int n = Math.max(rows, 0);
        ByteBuffer header = header(n);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, header);
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (Col c : columns) {
                long bytes;
                if (c.numbers() != null) {
                    for (double v : c.numbers()) {
                        if (buf.remaining() < 8) {
                            flush(ch, buf);
                        }
                        buf.putDouble(v);
                    }
                    bytes = 8L * n;
                } else {
                    for (int v : c.codes()) {
                        if (buf.remaining() < 4) {
                            flush(ch, buf);
                        }
                        buf.putInt(v);
                    }
                    bytes = 4L * n;
                }
                for (long pad = BinaryFormat.padded(bytes) - bytes; pad > 0; pad--) {
                    if (!buf.hasRemaining()) {
                        flush(ch, buf);
                    }
                    buf.put((byte) 0);
                }
            }
            flush(ch, buf);
        } catch (IOException e) {
            throw new JmixedException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private ByteBuffer header(int n) {
        List<byte[]> names = new ArrayList<>();
        long size = BinaryFormat.FIXED_HEADER;
        for (Col c : columns) {
            byte[] nb = c.name().getBytes(StandardCharsets.UTF_8);
            names.add(nb);
            size += 8 + nb.length;
            if (c.levels() != null) {
                size += 4;
                for (String l : c.levels()) {
                    size += 4 + l.getBytes(StandardCharsets.UTF_8).length;
                }
            }
        }
        long h = BinaryFormat.padded(size);
        if (h > Integer.MAX_VALUE - 8) {
            throw new JmixedException("binary frame header too large (" + h + " bytes of names and levels)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) h).order(ByteOrder.LITTLE_ENDIAN);
        b.put(BinaryFormat.MAGIC).putInt(BinaryFormat.VERSION).putInt(columns.size()).putLong(n).putLong(h);
        for (int k = 0; k < columns.size(); k++) {
            Col c = columns.get(k);
            b.put(c.levels() == null ? BinaryFormat.NUMERIC : BinaryFormat.CATEGORICAL).put((byte) 0).put((byte) 0)
                    .put((byte) 0);
            b.putInt(names.get(k).length).put(names.get(k));
            if (c.levels() != null) {
                b.putInt(c.levels().size());
                for (String l : c.levels()) {
                    byte[] lb = l.getBytes(StandardCharsets.UTF_8);
                    b.putInt(lb.length).put(lb);
                }
            }
        }
        b.position(0);
        return b;
    }

    private static void flush(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        writeFully(ch, buf);
        buf.clear();
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
