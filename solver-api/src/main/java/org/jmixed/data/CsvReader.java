package org.jmixed.data;

import org.jmixed.JmixedException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new JmixedException(file + ": no such file");
        } catch (IOException e) {
            throw new JmixedException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new JmixedException(name + ": not valid UTF-8 text", e);
        }
        return parse(text, name);
    }

    /** Parses CSV text; {@code source} names the data in error messages. */
    public static DataFrame parse(String text, String source) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // byte-order mark written by some spreadsheet programs
        }
        List<CsvRecord> records = new CsvTokenizer(text, source).records();
        if (records.isEmpty()) {
            throw new JmixedException(source + ": file is empty");
        }
        CsvRecord header = records.get(0);
        List<String> names = headerNames(header, source);
        int ncol = names.size();
        int nrows = records.size() - 1;
        if (nrows == 0) {
            throw new JmixedException(source + ": no data rows (only a header on line " + header.line() + ")");
        }
        String[][] strings = new String[ncol][nrows];
        double[][] numbers = new double[ncol][nrows];
        boolean[] allQuoted = new boolean[ncol];
        java.util.Arrays.fill(allQuoted, true);
        int[] lines = new int[nrows];
        for (int r = 0; r < nrows; r++) {
            CsvRecord rec = records.get(r + 1);
            if (rec.fields().size() != ncol) {
                throw new JmixedException(source + " line " + rec.line() + ": expected " + ncol
                        + " fields, found " + rec.fields().size());
            }
            lines[r] = rec.line();
            for (int c = 0; c < ncol; c++) {
                String v = rec.fields().get(c);
                boolean quoted = rec.quoted().get(c);
                if (isMissing(v, quoted)) {
                    strings[c][r] = null;
                    numbers[c][r] = Double.NaN;
                } else {
                    strings[c][r] = v;
                    Double d = NumberSyntax.parse(v);
                    numbers[c][r] = d == null ? Double.NaN : d;
                    allQuoted[c] &= quoted;
                }
            }
        }
        List<Column> cols = new ArrayList<>(ncol);
        for (int c = 0; c < ncol; c++) {
            cols.add(new Column(names.get(c), strings[c], numbers[c], lines, allQuoted[c]));
        }
        return new DataFrame(source, nrows, cols);
    }

    /** R reads {@code NA} and empty fields as missing; we treat them alike quoted or not. */
    private static boolean isMissing(String v, boolean quoted) {
        String s = quoted ? v : v.strip();
        return s.isEmpty() || s.equals("NA");
    }

    private static List<String> headerNames(CsvRecord header, String source) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.fields().size(); c++) {
            String n = header.fields().get(c);
            if (!header.quoted().get(c)) {
                n = n.strip();
            }
            if (n.isEmpty()) {
                throw new JmixedException(source + " line " + header.line() + ": column " + (c + 1)
                        + " has an empty name");
            }
            if (!seen.add(n)) {
                throw new JmixedException(source + " line " + header.line() + ": duplicate column name '"
                        + n + "' (column " + (c + 1) + ")");
            }
            names.add(n);
        }
        return names;
    }
}
