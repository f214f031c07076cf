package org.jmixed.data;

import org.jmixed.JmixedException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits UTF-8 CSV bytes into records and fields, one at a time, without making a string per
 * field: a field is a range of bytes (quotes removed) that the caller reads before asking for the
 * next one. Delimiters are all ASCII, so a range never splits a multi-byte character.
 *
 * <p>A small state machine over the bytes: quoted fields may span lines, so records and lines are
 * counted separately (a record keeps the line it starts on, which is what a user looks for in an
 * editor). Blank lines are skipped.
 */
final class CsvTokenizer {
    private final byte[] bytes;
    private final int end;
    private final String source;
    private int pos;
    private int line = 1;

    private int recordLine;
    private boolean recordOpen;
    private int fieldsInRecord;

    private byte[] fieldBytes;
    private int fieldStart;
    private int fieldEnd;
    private int fieldHash;
    private boolean fieldQuoted;

    /**
     * @param bytes  UTF-8 text
     * @param start  where the text starts (after a byte-order mark)
     * @param source names the data in error messages
     */
    CsvTokenizer(byte[] bytes, int start, String source) {
        this(bytes, start, bytes.length, 1, source);
    }

    /**
     * A tokenizer of {@code bytes[start, end)} alone, for reading part of a file that starts and
     * ends at record boundaries.
     *
     * @param firstLine the line number at {@code start}
     */
    CsvTokenizer(byte[] bytes, int start, int end, int firstLine, String source) {
        this.bytes = bytes;
        this.end = end;
        this.source = source;
        this.pos = start;
        this.line = firstLine;
    }

    /** Where the tokenizer is: after the current record once its fields are read. */
    int position() {
        return pos;
    }

    /** The line the tokenizer is on (one more than the line breaks passed). */
    int line() {
        return line;
    }

    /** Moves to the next record, skipping blank lines and any unread fields; false at the end. */
    boolean nextRecord() {
        while (recordOpen) {
            nextField();
        }
        while (pos < end && isLineBreak(bytes[pos])) {
            skipLineBreak();
        }
        if (pos >= end) {
            return false;
        }
        recordLine = line;
        recordOpen = true;
        fieldsInRecord = 0;
        return true;
    }

    /** Reads the next field of the current record; false when the record has no more. */
    boolean nextField() {
        if (!recordOpen) {
            return false;
        }
        fieldsInRecord++;
        if (pos < end && bytes[pos] == '"') {
            quotedField();
        } else {
            plainField();
        }
        if (pos >= end) {
            recordOpen = false;
            return true;
        }
        byte b = bytes[pos];
        if (b == ',') {
            pos++;
            return true;
        }
        if (isLineBreak(b)) {
            skipLineBreak();
            recordOpen = false;
            return true;
        }
        throw new JmixedException(source + " line " + line + ": unexpected character '" + charAt(pos)
                + "' after a closing quote (field " + fieldsInRecord + ")");
    }

    /** 1-based line on which the current record starts. */
    int recordLine() {
        return recordLine;
    }

    /** The bytes holding the current field: the input, or a copy when unescaping changed it. */
    byte[] fieldBytes() {
        return fieldBytes;
    }

    int fieldStart() {
        return fieldStart;
    }

    int fieldEnd() {
        return fieldEnd;
    }

    /** {@link CellInterner#hash} of the current field's bytes, computed while scanning them. */
    int fieldHash() {
        return fieldHash;
    }

    /** Whether the current field was written in double quotes. */
    boolean fieldQuoted() {
        return fieldQuoted;
    }

    /** The current field as a string. */
    String fieldText() {
        return new String(fieldBytes, fieldStart, fieldEnd - fieldStart, StandardCharsets.UTF_8);
    }

    private void plainField() {
        int start = pos;
        int hash = 0;
        while (pos < end) {
            byte b = bytes[pos];
            if (b == ',' || b == '\n' || b == '\r') {
                break;
            }
            if (b == '"') {
                throw new JmixedException(source + " line " + line + ": stray double quote inside an unquoted field");
            }
            hash = 31 * hash + b;
            pos++;
        }
        setField(bytes, start, pos, hash, false);
    }

    private void quotedField() {
        int openLine = line;
        pos++; // opening quote
        int start = pos;
        boolean needsUnescaping = false;
        int hash = 0;
        while (true) {
            if (pos >= end) {
                throw new JmixedException(source + " line " + openLine + ": unterminated quoted field (no closing '\"')");
            }
            byte b = bytes[pos];
            if (b == '"') {
                if (pos + 1 < end && bytes[pos + 1] == '"') {
                    needsUnescaping = true;
                    pos += 2;
                    continue;
                }
                break;
            }
            if (b == '\r' && pos + 1 < end && bytes[pos + 1] == '\n') {
                needsUnescaping = true;
                pos += 2;
                line++;
                continue;
            }
            if (b == '\n') {
                line++; // a lone CR inside quotes is data, not a line break
            }
            hash = 31 * hash + b;
            pos++;
        }
        int close = pos;
        pos++; // closing quote
        if (needsUnescaping) {
            byte[] unescaped = unescape(start, close);
            setField(unescaped, 0, unescaped.length, CellInterner.hash(unescaped, 0, unescaped.length), true);
        } else {
            setField(bytes, start, close, hash, true);
        }
    }

    /**
     * The text between a field's quotes with {@code ""} as one quote and CRLF as LF, as R reads
     * it. Between the quotes a quote can only be the first of a doubled pair.
     */
    private byte[] unescape(int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '"' || (b == '\r' && bytes[i + 1] == '\n')) {
                i++;
                b = bytes[i];
            }
            out[n++] = b;
        }
        return Arrays.copyOf(out, n);
    }

    private void setField(byte[] holder, int start, int stop, int hash, boolean quoted) {
        fieldBytes = holder;
        fieldStart = start;
        fieldEnd = stop;
        fieldHash = hash;
        fieldQuoted = quoted;
    }

    private static boolean isLineBreak(byte b) {
        return b == '\n' || b == '\r';
    }

    private void skipLineBreak() {
        if (bytes[pos] == '\r' && pos + 1 < end && bytes[pos + 1] == '\n') {
            pos += 2;
        } else {
            pos++;
        }
        line++;
    }

    /** The UTF-16 character that starts at byte {@code at}, as the error messages show it. */
    private char charAt(int at) {
        int length = Math.min(4, end - at); // a UTF-8 character has at most 4 bytes
        return new String(bytes, at, length, StandardCharsets.UTF_8).charAt(0);
    }
}
