package org.jmixed.data;

import org.jmixed.JmixedException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads CSV files (RFC 4180 as R's {@code write.csv} writes them) into {@link DataFrame}s.
 *
 * <ul>
 *   <li>The first record is the header of column names; fields are separated by commas.</li>
 *   <li>Fields may be double-quoted; inside quotes {@code ""} is a quote and commas and line
 *       breaks are data.</li>
 *   <li>Records end with LF or CRLF; the last may lack a line break; blank lines are skipped (as R
 *       does).</li>
 *   <li>{@code NA} and empty fields are missing.</li>
 * </ul>
 *
 * Every error is a one-line {@link JmixedException} naming the file and line.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /** Reads a UTF-8 CSV file; error messages name the file by its file name. */
    public static DataFrame read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = FileBytes.read(file);
        } catch (NoSuchFileException e) {
            throw new JmixedException(file + ": no such file");
        } catch (IOException e) {
            throw new JmixedException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        ByteCensus census = ByteCensus.of(bytes);
        if (!census.ascii()) {
            requireUtf8(bytes, name);
        }
        return parse(bytes, census, name);
    }

    /**
     * Parses CSV text; {@code source} names the data in error messages. The text is read as its
     * UTF-8 encoding, so an unpaired surrogate (which no UTF-8 file can hold) reads as {@code ?}.
     */
    public static DataFrame parse(String text, String source) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, ByteCensus.of(bytes), source);
    }

    /**
     * Parses valid UTF-8 bytes. Errors are reported in the order a tokenize-everything-first
     * reader would find them: a malformed record anywhere in the file, then the header, then a
     * ragged row; so the header's and the ragged row's errors wait until the end.
     */
    private static DataFrame parse(byte[] bytes, ByteCensus census, String source) {
        int start = startAfterByteOrderMark(bytes);
        CsvTokenizer tokenizer = new CsvTokenizer(bytes, start, source);
        if (!tokenizer.nextRecord()) {
            throw new JmixedException(source + ": file is empty");
        }
        int headerLine = tokenizer.recordLine();
        List<String> headerFields = new ArrayList<>();
        List<Boolean> headerQuoted = new ArrayList<>();
        while (tokenizer.nextField()) {
            headerFields.add(tokenizer.fieldText());
            headerQuoted.add(tokenizer.fieldQuoted());
        }
        int ncol = headerFields.size();

        CsvRows rows = new CsvRows(ncol, maxDataRows(bytes, start, census.lineFeeds()));
        rows.read(tokenizer);

        String[] names = headerNames(headerFields, headerQuoted, headerLine, source);
        if (rows.size() == 0) {
            throw new JmixedException(source + ": no data rows (only a header on line " + headerLine + ")");
        }
        if (rows.raggedLine() != 0) {
            throw new JmixedException(source + " line " + rows.raggedLine() + ": expected " + ncol
                    + " fields, found " + rows.raggedFields());
        }
        return new DataFrame(source, rows.size(), List.of(rows.build(names)));
    }

    /** Java's decoder decides what valid UTF-8 is. */
    private static void requireUtf8(byte[] bytes, String name) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new JmixedException(name + ": not valid UTF-8 text", e);
        }
    }

    /** Skips the UTF-8 byte-order mark written by some spreadsheet programs. */
    private static int startAfterByteOrderMark(byte[] bytes) {
        boolean bom = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
        return bom ? 3 : 0;
    }

    /**
     * Room for every data row, so that columns need not grow (and the compiled loop need not be
     * thrown away when they do): each record but the last ends in a line feed, one record is the
     * header, and blank lines or line feeds inside quotes only make this an overestimate. A file
     * with CR-only line ends is underestimated, and its columns grow.
     */
    private static int maxDataRows(byte[] bytes, int start, int lineFeeds) {
        boolean lastRecordUnterminated = bytes.length > start && bytes[bytes.length - 1] != '\n';
        return lineFeeds + (lastRecordUnterminated ? 1 : 0) - 1;
    }

    private static String[] headerNames(List<String> fields, List<Boolean> quoted, int line, String source) {
        String[] names = new String[fields.size()];
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < fields.size(); c++) {
            String n = fields.get(c);
            if (!quoted.get(c)) {
                n = n.strip();
            }
            if (n.isEmpty()) {
                throw new JmixedException(source + " line " + line + ": column " + (c + 1)
                        + " has an empty name");
            }
            if (!seen.add(n)) {
                throw new JmixedException(source + " line " + line + ": duplicate column name '"
                        + n + "' (column " + (c + 1) + ")");
            }
            names[c] = n;
        }
        return names;
    }
}
