package org.jmixed.data.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;

/**
 * The page compression codecs jmixed reads and writes, with their numbers in Parquet's
 * {@code CompressionCodec} enum: what pandas/pyarrow (Snappy), Spark (Snappy) and most other
 * writers use by default, plus gzip, Zstandard and, for reading, LZ4_RAW. Snappy, Zstandard and
 * LZ4 are aircompressor's pure-Java implementations, so no native library and no Hadoop is needed.
 */
public enum ParquetCodec {
    UNCOMPRESSED(0),
    SNAPPY(1),
    GZIP(2),
    ZSTD(6),
    /** Read only. */
    LZ4_RAW(7);

    /**
     * A page larger than this is taken for a corrupt header rather than allocated (writers keep
     * pages near 1 MB).
     */
    static final int MAX_PAGE_BYTES = 1 << 30;

    private final int id;

    ParquetCodec(int id) {
        this.id = id;
    }

    int id() {
        return id;
    }

    /** The codec with this number, or null when jmixed cannot decompress it (LZO, Brotli, Hadoop's LZ4). */
    static ParquetCodec byId(int id) {
        for (ParquetCodec c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }

    /** The name Parquet's specification uses for codec number {@code id}, for error messages. */
    static String nameOf(int id) {
        String[] names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
        return id >= 0 && id < names.length ? names[id] : "codec " + id;
    }

    /** The codec a command-line name ({@code snappy}, {@code none}, ...) stands for, or null. */
    public static ParquetCodec parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "none", "uncompressed" -> UNCOMPRESSED;
            case "snappy" -> SNAPPY;
            case "gzip" -> GZIP;
            case "zstd" -> ZSTD;
            default -> null;
        };
    }

    /** Decompresses {@code in[from, from + length)} into exactly {@code size} bytes. */
    byte[] decompress(byte[] in, int from, int length, int size) {
        if (length == 0 && size == 0) {
            return new byte[0]; // an empty page: zero bytes are not a valid stream of most codecs
        }
        if (size < 0 || size > MAX_PAGE_BYTES) {
            throw new IllegalStateException("a page of " + size + " bytes (at most " + MAX_PAGE_BYTES + " are read)");
        }
        if (this == UNCOMPRESSED) {
            if (size != length) {
                throw new IllegalStateException("an uncompressed page of " + length + " bytes whose header says " + size);
            }
            return from == 0 && length == in.length ? in : Arrays.copyOfRange(in, from, from + length);
        }
        byte[] out = new byte[size];
        int n = switch (this) {
            case SNAPPY -> new SnappyDecompressor().decompress(in, from, length, out, 0, size);
            case ZSTD -> new ZstdDecompressor().decompress(in, from, length, out, 0, size);
            case LZ4_RAW -> new Lz4Decompressor().decompress(in, from, length, out, 0, size);
            case GZIP -> gunzip(in, from, length, out);
            default -> throw new IllegalStateException(name());
        };
        if (n != size) {
            throw new IllegalStateException("page decompressed to " + n + " bytes, its header says " + size);
        }
        return out;
    }

    /** Compresses a page (writing: not {@link #LZ4_RAW}). */
    byte[] compress(byte[] in) {
        return switch (this) {
            case UNCOMPRESSED -> in;
            case SNAPPY -> {
                SnappyCompressor c = new SnappyCompressor();
                byte[] out = new byte[c.maxCompressedLength(in.length)];
                yield Arrays.copyOf(out, c.compress(in, 0, in.length, out, 0, out.length));
            }
            case ZSTD -> {
                ZstdCompressor c = new ZstdCompressor();
                byte[] out = new byte[c.maxCompressedLength(in.length)];
                yield Arrays.copyOf(out, c.compress(in, 0, in.length, out, 0, out.length));
            }
            case GZIP -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length / 2 + 64);
                try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                    gz.write(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                yield bytes.toByteArray();
            }
            case LZ4_RAW -> throw new UnsupportedOperationException("jmixed does not write LZ4_RAW");
        };
    }

    /** gzip, several members one after another included (some writers concatenate them). */
    private static int gunzip(byte[] in, int from, int length, byte[] out) {
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in, from, length))) {
            int n = gz.readNBytes(out, 0, out.length);
            if (gz.read() != -1) {
                throw new IllegalStateException("gzip page holds more than its header says");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalStateException("bad gzip data (" + e.getMessage() + ")", e);
        }
    }
}
