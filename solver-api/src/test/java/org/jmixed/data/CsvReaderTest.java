package org.jmixed.data;

import org.jmixed.JmixedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CsvReaderTest {

    private static DataFrame parse(String text) {
        return CsvReader.parse(text, "data.csv");
    }

    private static String error(String text) {
        return assertThrows(JmixedException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsHeaderQuotedAndPlainFields() {
        DataFrame df = parse("\"a\",\"b\",c\n1,\"x\",2.5\n3,\"y\",-4e2\n");
        assertEquals("data.csv", df.source());
        assertEquals(List.of("a", "b", "c"), df.names());
        assertEquals(2, df.nrows());
        Column a = df.column("a");
        assertEquals("1", a.stringValue(0));
        assertEquals(3.0, a.numericValue(1));
        assertTrue(a.allNumeric());
        assertFalse(a.allQuoted());
        Column b = df.column("b");
        assertTrue(b.allQuoted());
        assertFalse(b.allNumeric());
        assertEquals("y", b.stringValue(1));
        assertEquals(-400.0, df.column("c").numericValue(1));
    }

    @Test
    void unescapesDoubledQuotesAndKeepsEmbeddedCommasAndNewlines() {
        DataFrame df = parse("id,text\n1,\"say \"\"hi\"\", then, go\"\n2,\"two\nlines\"\n3,plain\n");
        Column t = df.column("text");
        assertEquals("say \"hi\", then, go", t.stringValue(0));
        assertEquals("two\nlines", t.stringValue(1));
        assertFalse(t.allQuoted(), "row 3 was not quoted");
        // the record after a multi-line field starts on line 5
        assertEquals(2, t.lineOfRow(0));
        assertEquals(3, t.lineOfRow(1));
        assertEquals(5, t.lineOfRow(2));
    }

    @Test
    void acceptsCrlfAndMissingTrailingNewline() {
        DataFrame df = parse("x,y\r\n1,2\r\n3,4");
        assertEquals(2, df.nrows());
        assertEquals("4", df.column("y").stringValue(1));
        assertEquals(3, df.column("y").lineOfRow(1));
        DataFrame quotedCrlf = parse("x\r\n\"a\r\nb\"\r\n");
        assertEquals("a\nb", quotedCrlf.column("x").stringValue(0));
    }

    @Test
    void naAndEmptyCellsAreMissing() {
        DataFrame df = parse("x,g\n1,a\nNA,b\n,\n4,NA\n");
        Column x = df.column("x");
        assertFalse(x.isMissing(0));
        assertTrue(x.isMissing(1));
        assertTrue(x.isMissing(2));
        assertNull(x.stringValue(1));
        assertTrue(Double.isNaN(x.numericValue(2)));
        assertTrue(x.allNumeric(), "missing values do not make a column non-numeric");
        assertTrue(df.column("g").isMissing(3));
        assertEquals(2, df.column("g").missingCount());
    }

    @Test
    void recognisesRNonFiniteNumbers() {
        DataFrame df = parse("x\nInf\n-Inf\nNaN\n1.5\n");
        Column x = df.column("x");
        assertTrue(x.allNumeric());
        assertEquals(Double.POSITIVE_INFINITY, x.numericValue(0));
        assertEquals(Double.NEGATIVE_INFINITY, x.numericValue(1));
        assertTrue(Double.isNaN(x.numericValue(2)));
        assertFalse(x.isMissing(2), "a literal NaN is a value, not a missing cell");
    }

    @Test
    void typingFlagsMatchRWriteCsv() {
        DataFrame df = parse("\"service\",\"age\",\"mix\",\"word\"\n\"0\",8,\"1\",abc\n\"1\",10,2,1\n");
        assertTrue(df.column("service").allNumeric());
        assertTrue(df.column("service").allQuoted());
        assertEquals(ColumnTyping.Kind.CATEGORICAL, ColumnTyping.kindOf(df.column("service"), false));
        assertEquals(ColumnTyping.Kind.NUMERIC, ColumnTyping.kindOf(df.column("age"), false));
        assertEquals(ColumnTyping.Kind.NUMERIC, ColumnTyping.kindOf(df.column("mix"), false),
                "a partly quoted number column is numeric");
        assertEquals(ColumnTyping.Kind.CATEGORICAL, ColumnTyping.kindOf(df.column("word"), false));
        assertEquals(ColumnTyping.Kind.CATEGORICAL, ColumnTyping.kindOf(df.column("age"), true),
                "a grouping factor is categorical");
        assertTrue(ColumnTyping.usableAsResponse(df.column("service")));
        assertFalse(ColumnTyping.usableAsResponse(df.column("word")));
    }

    @Test
    void skipsBlankLinesButCountsThem() {
        DataFrame df = parse("x\n1\n\n2\n");
        assertEquals(2, df.nrows());
        assertEquals(4, df.column("x").lineOfRow(1));
    }

    @Test
    void stripsByteOrderMark() {
        assertEquals(List.of("x"), parse("\uFEFFx\n1\n").names());
    }

    @Test
    void raggedRowNamesLine() {
        assertEquals("data.csv line 3: expected 3 fields, found 4", error("a,b,c\n1,2,3\n1,2,3,4\n"));
        assertEquals("data.csv line 2: expected 2 fields, found 1", error("a,b\n1\n"));
    }

    @Test
    void headerErrors() {
        assertEquals("data.csv: file is empty", error(""));
        assertEquals("data.csv: file is empty", error("\n\n"));
        assertTrue(error("a,b\n").startsWith("data.csv: no data rows"));
        assertEquals("data.csv line 1: duplicate column name 'a' (column 3)", error("a,b,a\n1,2,3\n"));
        assertEquals("data.csv line 1: column 2 has an empty name", error("a,,c\n1,2,3\n"));
        assertEquals("data.csv line 1: column 2 has an empty name", error("a,\"\"\n1,2\n"));
    }

    @Test
    void quoteErrors() {
        assertEquals("data.csv line 3: unterminated quoted field (no closing '\"')", error("a\n1\n\"oops\n2\n"));
        assertTrue(error("a,b\n\"x\"y,2\n").startsWith("data.csv line 2: unexpected character 'y'"));
        assertTrue(error("a\nx\"y\n").startsWith("data.csv line 2: stray double quote"));
    }

    @Test
    void readsFilesAndReportsMissingOnes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("small.csv");
        Files.writeString(f, "\"g\",\"y\"\n\"\u00e9t\u00e9\",1\n", StandardCharsets.UTF_8);
        DataFrame df = CsvReader.read(f);
        assertEquals("small.csv", df.source());
        assertEquals("\u00e9t\u00e9", df.column("g").stringValue(0));
        Path missing = dir.resolve("nope.csv");
        JmixedException e = assertThrows(JmixedException.class, () -> CsvReader.read(missing));
        assertTrue(e.getMessage().contains("nope.csv") && e.getMessage().contains("no such file"), e.getMessage());
        Files.write(dir.resolve("bad.csv"), new byte[]{'x', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        assertTrue(assertThrows(JmixedException.class, () -> CsvReader.read(dir.resolve("bad.csv")))
                .getMessage().startsWith("bad.csv: not valid UTF-8"));
    }

    @Test
    void errorsComeInTheOrderOfTokenizingFirst() {
        // a malformed record anywhere beats the header and a ragged row before it
        assertEquals("data.csv line 4: unterminated quoted field (no closing '\"')", error("a,a\n1\n2,3\n\"x\n"));
        // the header beats a ragged row
        assertEquals("data.csv line 1: duplicate column name 'a' (column 2)", error("a,a\n1\n"));
        // the first ragged row is the one named
        assertEquals("data.csv line 3: expected 2 fields, found 1", error("a,b\n1,2\n3\n4,5,6\n"));
    }

    @Test
    void sameTextQuotedAndUnquotedDiffersOnlyInMissingness() {
        DataFrame df = parse("x,y\n\" NA \",1\n NA ,2\n\"\",3\n,4\n\"NA\",5\n");
        Column x = df.column("x");
        assertEquals(" NA ", x.stringValue(0));
        assertTrue(x.isMissing(1));
        assertTrue(x.isMissing(2));
        assertTrue(x.isMissing(3));
        assertTrue(x.isMissing(4));
        assertTrue(x.allQuoted());
        assertFalse(x.allNumeric());
    }

    @Test
    void loneCarriageReturnInsideQuotesIsNotALineBreak() {
        DataFrame df = parse("x\n\"a\rb\"\n2\n");
        assertEquals("a\rb", df.column("x").stringValue(0));
        assertEquals(3, df.column("x").lineOfRow(1));
    }

    @Test
    void manyDistinctValuesAndNonAsciiText() {
        StringBuilder sb = new StringBuilder("\"g\",v\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("\"\u00e9").append(i % 3000).append("\",").append(i).append(".25\n");
        }
        DataFrame df = parse(sb.toString());
        assertEquals(10_000, df.nrows());
        for (int i = 0; i < 10_000; i += 997) {
            assertEquals("\u00e9" + (i % 3000), df.column("g").stringValue(i));
            assertEquals(i + 0.25, df.column("v").numericValue(i));
            assertEquals(i + 2, df.column("v").lineOfRow(i));
        }
        assertTrue(df.column("v").allNumeric());
        assertFalse(df.column("g").allNumeric());
    }

    @Test
    void readsByteOrderMarkAndReportsDirectories(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bom.csv");
        Files.write(f, new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x', '\n', '1', '\n'});
        assertEquals(List.of("x"), CsvReader.read(f).names());
        String message = assertThrows(JmixedException.class, () -> CsvReader.read(dir)).getMessage();
        assertTrue(message.startsWith(dir + ": cannot read ("), message);
    }

    @Test
    void unknownColumnListsColumns() {
        DataFrame df = parse("a,b\n1,2\n");
        assertEquals("data.csv: no column 'c' (columns: a, b)",
                assertThrows(JmixedException.class, () -> df.column("c")).getMessage());
    }

    @Test
    void builderMakesNumericAndCategoricalColumns() {
        DataFrame df = DataFrame.builder()
                .numeric("y", new double[]{1.5, Double.NaN, 3})
                .categorical("g", new String[]{"1", "2", null})
                .build();
        assertEquals(3, df.nrows());
        assertTrue(df.column("y").isMissing(1));
        assertEquals("1.5", df.column("y").stringValue(0));
        assertEquals(ColumnTyping.Kind.NUMERIC, ColumnTyping.kindOf(df.column("y"), false));
        assertEquals(ColumnTyping.Kind.CATEGORICAL, ColumnTyping.kindOf(df.column("g"), false));
        assertTrue(df.column("g").isMissing(2));
        assertEquals(2, df.column("g").lineOfRow(0));
        assertThrows(IllegalArgumentException.class,
                () -> DataFrame.builder().numeric("y", new double[2]).categorical("g", new String[3]));
    }
}
