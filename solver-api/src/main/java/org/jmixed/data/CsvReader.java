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
        return parse(bytes, name, CsvTwoPartReader.MIN_BYTES);
    }

    /**
     * Parses CSV text; {@code source} names the data in error messages. The text is read as its
     * UTF-8 encoding, so an unpaired surrogate (which no UTF-8 file can hold) reads as {@code ?}.
     */
    public static DataFrame parse(String text, String source) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, source, CsvTwoPartReader.MIN_BYTES);
    }

    /**
     * Parses UTF-8 bytes, checking them first. A text of at least {@code twoPartBytes} bytes is
     * read in two parts on two threads when it can be; whatever that reading does not accept as
     * it is (an error, a ragged row, invalid UTF-8) is read again in one pass, which reports it.
     */
    static DataFrame parse(byte[] bytes, String source, int twoPartBytes) {
        if (bytes.length >= twoPartBytes) {
            DataFrame frame = CsvTwoPartReader.read(bytes, source);
            if (frame != null) {
                return frame;
            }
        }
        ByteCensus census = ByteCensus.of(bytes);
        if (!census.ascii()) {
            requireUtf8(bytes, source);
        }
        return parse(bytes, census, source);
    }

    /**
     * Parses valid UTF-8 bytes. Errors are reported in the order a tokenize-everything-first
     * reader would find them: a malformed record anywhere in the file, then the header, then a
     * ragged row; so the header's and the ragged row's errors wait until the end.
     */
    private static DataFrame parse(byte[] bytes, ByteCensus census, String source) {
        int start = startAfterByteOrderMark(bytes);
        CsvTokenizer tokenizer = new CsvTokenizer(bytes, start, source);
        Header header = Header.read(tokenizer, source);
        CsvRows rows = new CsvRows(bytes, header.size(), maxDataRows(bytes, start, census.lineFeeds()));
        rows.read(tokenizer);
        return frame(header, rows, source);
    }

    /** The header record: its fields as written, whether each was quoted, and its line. */
    record Header(List<String> fields, List<Boolean> quoted, int line) {
        /** Reads the first record; a file without one is empty. */
        static Header read(CsvTokenizer tokenizer, String source) {
            if (!tokenizer.nextRecord()) {
                throw new JmixedException(source + ": file is empty");
            }
            int line = tokenizer.recordLine();
            List<String> fields = new ArrayList<>();
            List<Boolean> quoted = new ArrayList<>();
            while (tokenizer.nextField()) {
                fields.add(tokenizer.fieldText());
                quoted.add(tokenizer.fieldQuoted());
            }
            return new Header(fields, quoted, line);
        }

        int size() {
            return fields.size();
        }
    }

    /** The frame of a file's rows, once every record has been read without a malformed one. */
    static DataFrame frame(Header header, CsvRows rows, String source) {
        String[] names = headerNames(header.fields(), header.quoted(), header.line(), source);
        if (rows.size() == 0) {
            throw new JmixedException(source + ": no data rows (only a header on line " + header.line() + ")");
        }
        if (rows.raggedLine() != 0) {
            throw new JmixedException(source + " line " + rows.raggedLine() + ": expected " + header.size()
                    + " fields, found " + rows.raggedFields());
        }
        return new DataFrame(source, rows.size(), List.of(rows.build(names)));
    }

    /** Java's decoder decides what valid UTF-8 is. */
    static void requireUtf8(byte[] bytes, String name) {
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
    static int startAfterByteOrderMark(byte[] bytes) {
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
