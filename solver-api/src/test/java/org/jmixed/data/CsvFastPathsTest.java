package org.jmixed.data;

import org.jmixed.JmixedException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The reader's fast paths (numbers parsed from the bytes and kept as byte ranges, the two-part
 * reading on two threads) give exactly what the plain reading gives: every cell interned and
 * parsed by {@link NumberSyntax} from its string, in one pass (the reference below, written
 * with the tokenizer and {@link CellValue} alone).
 */
class CsvFastPathsTest {
    private static final String SOURCE = "gen.csv";

    /** The plain reading: one string and one {@link CellValue} per cell. */
    private static Column[] reference(byte[] bytes) {
        CsvTokenizer t = new CsvTokenizer(bytes, CsvReader.startAfterByteOrderMark(bytes), SOURCE);
        CsvReader.Header header = CsvReader.Header.read(t, SOURCE);
        int ncol = header.size();
        List<List<String>> strings = new ArrayList<>();
        List<List<Double>> numbers = new ArrayList<>();
        boolean[] allQuoted = new boolean[ncol];
        boolean[] allNumeric = new boolean[ncol];
        Arrays.fill(allQuoted, true);
        Arrays.fill(allNumeric, true);
        for (int c = 0; c < ncol; c++) {
            strings.add(new ArrayList<>());
            numbers.add(new ArrayList<>());
        }
        List<Integer> lines = new ArrayList<>();
        while (t.nextRecord()) {
            int c = 0;
            while (t.nextField()) {
                CellValue v = new CellValue(t.fieldText());
                boolean quoted = t.fieldQuoted();
                if (v.isMissing(quoted)) {
                    strings.get(c).add(null);
                    numbers.get(c).add(Double.NaN);
                } else {
                    strings.get(c).add(v.text);
                    numbers.get(c).add(v.number);
                    allQuoted[c] &= quoted;
                    allNumeric[c] &= v.isNumber;
                }
                c++;
            }
            assertEquals(ncol, c, "generated files are not ragged");
            lines.add(t.recordLine());
        }
        int[] rowLines = lines.stream().mapToInt(Integer::intValue).toArray();
        Column[] cols = new Column[ncol];
        for (int c = 0; c < ncol; c++) {
            double[] v = numbers.get(c).stream().mapToDouble(Double::doubleValue).toArray();
            cols[c] = new Column(header.fields().get(c), strings.get(c).toArray(String[]::new), v, rowLines,
                    allQuoted[c], allNumeric[c]);
        }
        return cols;
    }

    private static void assertSameColumns(Column[] expected, DataFrame actual, String what) {
        assertEquals(expected.length, actual.names().size(), what);
        for (int c = 0; c < expected.length; c++) {
            Column e = expected[c];
            Column a = actual.column(actual.names().get(c));
            String name = what + ", column " + e.name();
            assertEquals(e.size(), a.size(), name);
            assertEquals(e.allQuoted(), a.allQuoted(), name + " allQuoted");
            assertEquals(e.allNumeric(), a.allNumeric(), name + " allNumeric");
            assertEquals(e.missingCount(), a.missingCount(), name + " missing");
            for (int r = 0; r < e.size(); r++) {
                assertEquals(e.isMissing(r), a.isMissing(r), name + " row " + r);
                assertEquals(e.lineOfRow(r), a.lineOfRow(r), name + " line of row " + r);
                assertEquals(Double.doubleToRawLongBits(e.numericValue(r)), Double.doubleToRawLongBits(a.numericValue(r)),
                        name + " number at row " + r);
            }
            for (int r = 0; r < e.size(); r++) { // after isMissing, so that lazily made strings are checked too
                assertEquals(e.stringValue(r), a.stringValue(r), name + " text at row " + r);
            }
        }
    }

    /** The one-pass reading, the two-part reading, and the reference agree on {@code text}. */
    private static void assertAllReadingsAgree(byte[] bytes, String what) {
        Column[] expected = reference(bytes);
        assertSameColumns(expected, CsvReader.parse(bytes, SOURCE, Integer.MAX_VALUE), what + " (one pass)");
        assertSameColumns(expected, CsvReader.parse(bytes, SOURCE, 0), what + " (two parts)");
    }

    private static String error(byte[] bytes, int twoPartBytes) {
        return assertThrows(JmixedException.class, () -> CsvReader.parse(bytes, SOURCE, twoPartBytes)).getMessage();
    }

    /** Random files mixing every kind of cell the reader meets. */
    private static byte[] generated(Random rnd, int rows) {
        String eol = rnd.nextBoolean() ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder();
        if (rnd.nextInt(4) == 0) {
            sb.append('\uFEFF');
        }
        sb.append("\"y\",x,\"g\",\"note\",k,mixed").append(eol);
        for (int r = 0; r < rows; r++) {
            if (rnd.nextInt(20) == 0) {
                sb.append(eol); // a blank line
            }
            sb.append(number(rnd)).append(',');
            sb.append(rnd.nextInt(10) == 0 ? "NA" : rnd.nextInt(30) == 0 ? "" : shortDecimal(rnd)).append(',');
            sb.append('"').append(rnd.nextInt(50)).append('"').append(',');
            sb.append(text(rnd, eol)).append(',');
            sb.append(rnd.nextInt(15) == 0 ? "\"" + rnd.nextInt(9) + "\"" : Integer.toString(rnd.nextInt(1000))).append(',');
            sb.append(r == rows * 3 / 4 ? "later text" : rnd.nextInt(9) == 0 ? " NA " : Double.toString(rnd.nextGaussian()));
            if (r < rows - 1 || rnd.nextBoolean()) {
                sb.append(eol);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String number(Random rnd) {
        double d = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 6);
        return switch (rnd.nextInt(6)) {
            case 0 -> String.format("%.17g", d).strip();
            case 1 -> Double.toString(d);
            case 2 -> String.format("%.3e", d);
            case 3 -> " " + d; // whitespace: the slow path
            case 4 -> rnd.nextBoolean() ? "Inf" : "-0";
            default -> new java.math.BigDecimal(d).toPlainString(); // many digits: the slow path
        };
    }

    private static String shortDecimal(Random rnd) {
        return (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(100) + "." + rnd.nextInt(100);
    }

    private static String text(Random rnd, String eol) {
        return switch (rnd.nextInt(6)) {
            case 0 -> "\"a, \"\"quoted\"\" word\"";
            case 1 -> "\"two" + eol + "lines\"";
            case 2 -> "\"caf\u00e9 \u65e5\u672c\"";
            case 3 -> "\"\"";
            case 4 -> "\"lone\rreturn\"";
            default -> "plain" + rnd.nextInt(5);
        };
    }

    @Test
    void generatedFilesReadAlikeEveryWay() {
        Random rnd = new Random(1129);
        for (int k = 0; k < 60; k++) {
            byte[] bytes = generated(rnd, 1 + rnd.nextInt(k < 50 ? 40 : 3000));
            assertAllReadingsAgree(bytes, "file " + k);
        }
    }

    @Test
    void numericColumnTurnsIntoTextWhereATextCellAppears() {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int r = 0; r < 1000; r++) {
            sb.append(r * 0.1).append(',').append(r == 700 ? "\"x\"\"y\"" : Integer.toString(r)).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertAllReadingsAgree(bytes, "text at row 700");
        DataFrame df = CsvReader.parse(bytes, SOURCE, 0);
        assertFalse(df.column("b").allNumeric());
        assertEquals("x\"y", df.column("b").stringValue(700));
        assertEquals("699", df.column("b").stringValue(699));
        assertTrue(df.column("a").allNumeric());
    }

    @Test
    void splitPointsSkipLineFeedsInsideQuotes() {
        // a quoted field of many lines spans the middle of the file
        StringBuilder sb = new StringBuilder("x,t\n1,\"");
        for (int i = 0; i < 200; i++) {
            sb.append("line ").append(i).append(i % 2 == 0 ? "\n" : "\r\n").append("\"\"q\"\" ");
        }
        sb.append("\"\n2,\"after\"\n3,plain\n");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        int dataStart = "x,t\n".length();
        int middle = bytes.length / 2;
        int split = CsvTwoPartReader.recordBoundaryAfter(bytes, dataStart, middle);
        assertEquals(sb.indexOf("2,\"after\""), split, "the first line feed outside quotes after the middle");
        assertAllReadingsAgree(bytes, "quoted field across the middle");
        DataFrame df = CsvReader.parse(bytes, SOURCE, 0);
        assertEquals(3, df.nrows());
        assertEquals(203, df.column("x").lineOfRow(1), "a record after 200 line breaks inside quotes");
        assertEquals(-1, CsvTwoPartReader.recordBoundaryAfter(bytes, dataStart, bytes.length - 1),
                "no boundary that leaves the second part empty");
    }

    @Test
    void errorsInEitherHalfAreThoseOfTheOnePassReading() {
        Random rnd = new Random(7);
        byte[] good = generated(rnd, 400);
        String text = new String(good, StandardCharsets.UTF_8);
        int late = text.lastIndexOf('\n', text.length() - 100);
        int early = text.indexOf('\n', 200);
        List<String> broken = List.of(
                text.substring(0, late + 1) + "1,2\n" + text.substring(late + 1), // ragged late
                text.substring(0, early + 1) + "1,2,3,4,5,6,7\n" + text.substring(early + 1), // ragged early
                text.substring(0, late + 1) + "1,2,x\"y,4,5,6\n" + text.substring(late + 1), // stray quote
                text.substring(0, late + 1) + "1,2,\"x\"y,4,5,6\n" + text.substring(late + 1), // after closing quote
                text.substring(0, late + 1) + "1,2,3,4,5,\"open\n" + text.substring(late + 1), // unterminated
                text.substring(0, early + 1) + "1,\"x\"z,3,4,5,6\n" + text.substring(early + 1)
                        + "1,2\n"); // malformed early and ragged late
        for (String b : broken) {
            byte[] bytes = b.getBytes(StandardCharsets.UTF_8);
            String expected = error(bytes, Integer.MAX_VALUE);
            assertTrue(expected.startsWith(SOURCE + " line "), expected);
            assertEquals(expected, error(bytes, 0));
        }
        byte[] invalid = Arrays.copyOf(good, good.length);
        invalid[late + 3] = (byte) 0xFF;
        assertEquals(SOURCE + ": not valid UTF-8 text", error(invalid, 0));
        byte[] duplicateHeader = ("a,a\n" + text.substring(text.indexOf('\n') + 1)).getBytes(StandardCharsets.UTF_8);
        assertEquals(error(duplicateHeader, Integer.MAX_VALUE), error(duplicateHeader, 0));
    }

    @Test
    void missingCellsBeforeTheFirstPresentOneAndColumnsOfNothingButMissing() {
        StringBuilder sb = new StringBuilder("a,b,c,d\n");
        for (int r = 0; r < 600; r++) {
            boolean early = r < 300; // the first 300 rows: nothing present in a, b and d
            sb.append(early ? "NA" : Integer.toString(r)).append(',')
                    .append(early ? "" : "\"g" + r % 7 + "\"").append(',')
                    .append(r % 2 == 0 ? "NA" : "").append(',')
                    .append(r == 599 ? "\"5\"" : early ? "\"\"" : "2.5").append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertAllReadingsAgree(bytes, "leading missing cells");
        DataFrame df = CsvReader.parse(bytes, SOURCE, 0);
        assertEquals(600, df.column("c").missingCount());
        assertTrue(df.column("c").allNumeric() && df.column("c").allQuoted(), "no present value: both flags hold");
        assertTrue(df.column("a").isMissing(299));
        assertEquals("300", df.column("a").stringValue(300));
        assertFalse(df.column("a").allQuoted());
        assertTrue(df.column("b").allQuoted());
        assertEquals("5", df.column("d").stringValue(599));
    }

    @Test
    void numericColumnsKeepByteRangesAndSelectRows() {
        DataFrame df = CsvReader.parse("x,g\n1.50,a\nNA,b\n-2e3,c\n\"7\",d\n".getBytes(StandardCharsets.UTF_8), SOURCE, 0);
        DataFrame sub = df.selectRows(new int[]{3, 1, 0});
        Column x = sub.column("x");
        assertEquals("7", x.stringValue(0));
        assertTrue(x.isMissing(1));
        assertEquals("1.50", x.stringValue(2), "the text as written, not as the number prints");
        assertEquals(1.5, x.numericValue(2));
        assertEquals(5, x.lineOfRow(0));
        assertEquals(1, x.missingCount());
        assertFalse(x.allQuoted());
        assertTrue(x.allNumeric());
    }
}
