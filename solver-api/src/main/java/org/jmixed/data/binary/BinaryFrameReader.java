package org.jmixed.data.binary;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;

/**
 * Reads the {@link BinaryFormat binary frame format} through memory-mapped {@link FileChannel}
 * regions into a {@link DataFrame}. Every problem with the file (wrong magic, unknown version,
 * truncation, a code outside its level table) is a one-line {@link JmixedException} naming the
 * file.
 */
public final class BinaryFrameReader {
    /** Largest region mapped at once (a mapping is limited to 2 GiB). */
    private static final long MAP_CHUNK = 1L << 30;

    private BinaryFrameReader() {
    }

    private record ColumnHeader(String name, byte kind, String[] levels) {
    }

    public static DataFrame read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, name);
        } catch (NoSuchFileException e) {
            throw new JmixedException(file + ": no such file");
        } catch (IOException e) {
            throw new JmixedException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static DataFrame read(FileChannel ch, String name) throws IOException {
        long size = ch.size();
        if (size < BinaryFormat.FIXED_HEADER) {
            throw bad(name, "too short for a jmixed binary frame (" + size + " bytes)");
        }
        ByteBuffer fixed = ch.map(FileChannel.MapMode.READ_ONLY, 0, BinaryFormat.FIXED_HEADER)
                .order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[BinaryFormat.MAGIC.length];
        fixed.get(magic);
        if (!Arrays.equals(magic, BinaryFormat.MAGIC)) {
            throw bad(name, "not a jmixed binary frame (bad magic; write one with 'jmixed convert')");
        }
        int version = fixed.getInt();
        if (version != BinaryFormat.VERSION) {
            throw bad(name, "binary frame version " + version + " is not supported (this jmixed reads version "
                    + BinaryFormat.VERSION + ")");
        }
        int ncol = fixed.getInt();
        long nrows = fixed.getLong();
        long headerLength = fixed.getLong();
        if (ncol < 0 || nrows < 0 || nrows > Integer.MAX_VALUE - 8) {
            throw bad(name, "corrupt header (" + ncol + " columns, " + nrows + " rows)");
        }
        if (headerLength < BinaryFormat.FIXED_HEADER || headerLength % 8 != 0 || headerLength > size
                || headerLength > Integer.MAX_VALUE) {
            throw bad(name, "corrupt or truncated header (header length " + headerLength + ", file " + size + " bytes)");
        }
        ByteBuffer h = ch.map(FileChannel.MapMode.READ_ONLY, 0, headerLength).order(ByteOrder.LITTLE_ENDIAN);
        h.position(BinaryFormat.FIXED_HEADER);
        List<ColumnHeader> cols = new ArrayList<>(Math.min(ncol, 1024));
        try {
            for (int k = 0; k < ncol; k++) {
                byte kind = h.get();
                h.get();
                h.get();
                h.get();
                String colName = text(h, name);
                String[] levels = null;
                if (kind == BinaryFormat.CATEGORICAL) {
                    int nl = h.getInt();
                    if (nl < 0 || nl > h.remaining() / 4) {
                        throw bad(name, "corrupt header (column '" + colName + "' claims " + nl + " levels)");
                    }
                    levels = new String[nl];
                    for (int l = 0; l < nl; l++) {
                        levels[l] = text(h, name);
                    }
                } else if (kind != BinaryFormat.NUMERIC) {
                    throw bad(name, "corrupt header (column " + (k + 1) + " has unknown kind " + kind + ")");
                }
                cols.add(new ColumnHeader(colName, kind, levels));
            }
        } catch (BufferUnderflowException e) {
            throw bad(name, "corrupt or truncated header (column directory runs past its end)");
        }
        int n = (int) nrows;
        long expected = headerLength;
        for (ColumnHeader c : cols) {
            expected += BinaryFormat.padded((c.kind() == BinaryFormat.NUMERIC ? 8L : 4L) * n);
        }
        if (size != expected) {
            throw bad(name, (size < expected ? "truncated" : "has trailing bytes") + ": " + ncol + " columns of "
                    + n + " rows need " + expected + " bytes, the file has " + size);
        }
        DataFrame.Builder b = DataFrame.builder(name);
        long offset = headerLength;
        for (ColumnHeader c : cols) {
            if (c.kind() == BinaryFormat.NUMERIC) {
                double[] v = new double[n];
                int done = 0;
                while (done < n) {
                    int count = (int) Math.min(n - done, MAP_CHUNK / 8);
                    mapped(ch, offset + 8L * done, 8L * count).asDoubleBuffer().get(v, done, count);
                    done += count;
                }
                offset += BinaryFormat.padded(8L * n);
                b.numeric(c.name(), v);
            } else {
                String[] levels = c.levels();
                int[] codes = new int[n];
                int done = 0;
                while (done < n) {
                    int count = (int) Math.min(n - done, MAP_CHUNK / 4);
                    mapped(ch, offset + 4L * done, 4L * count).asIntBuffer().get(codes, done, count);
                    for (int i = done; i < done + count; i++) {
                        int code = codes[i];
                        if (code != BinaryFormat.MISSING_CODE && (code < 0 || code >= levels.length)) {
                            throw bad(name, "corrupt data: column '" + c.name() + "' row " + (i + 1) + " has code "
                                    + code + " but " + levels.length + " levels");
                        }
                    }
                    done += count;
                }
                offset += BinaryFormat.padded(4L * n);
                b.categorical(c.name(), levels, codes, BinaryFormat.MISSING_CODE);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw bad(name, e.getMessage());
        }
    }

    private static MappedByteBuffer mapped(FileChannel ch, long offset, long length) throws IOException {
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, offset, length);
        m.order(ByteOrder.LITTLE_ENDIAN);
        return m;
    }

    private static String text(ByteBuffer h, String name) {
        int len = h.getInt();
        if (len < 0 || len > BinaryFormat.MAX_TEXT_BYTES || len > h.remaining()) {
            throw bad(name, "corrupt or truncated header (a name of " + len + " bytes)");
        }
        byte[] bytes = new byte[len];
        h.get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw bad(name, "corrupt header (a name that is not UTF-8)");
        }
    }

    private static JmixedException bad(String name, String what) {
        return new JmixedException(name + ": " + what);
    }
}
