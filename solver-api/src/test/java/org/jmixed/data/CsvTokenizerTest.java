package org.jmixed.data;

import org.jmixed.JmixedException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CsvTokenizerTest {

    /** Each record as "line: field|field", a quoted field in brackets. */
    private static List<String> records(String text) {
        CsvTokenizer t = new CsvTokenizer(text.getBytes(StandardCharsets.UTF_8), 0, "t.csv");
        List<String> out = new ArrayList<>();
        while (t.nextRecord()) {
            StringBuilder sb = new StringBuilder().append(t.recordLine()).append(':');
            String sep = " ";
            while (t.nextField()) {
                String f = t.fieldText();
                sb.append(sep).append(t.fieldQuoted() ? "[" + f + "]" : f);
                sep = "|";
                assertEquals(CellInterner.hash(t.fieldBytes(), t.fieldStart(), t.fieldEnd()), t.fieldHash(),
                        "hash of '" + f + "'");
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void splitsFieldsAndRecords() {
        assertEquals(List.of("1: a|b|c", "2: 1||[x]", "3: [ y ]|2|"), records("a,b,c\n1,,\"x\"\n\" y \",2,"));
    }

    @Test
    void unescapesQuotedFieldsAndCountsTheirLines() {
        assertEquals(List.of("1: [say \"hi\"]|[two\nlines]", "3: [crlf\nkept as lf]|x", "5: [lone\rcr]|y", "6: z"),
                records("\"say \"\"hi\"\"\",\"two\nlines\"\n\"crlf\r\nkept as lf\",x\r\n\"lone\rcr\",y\rz"));
    }

    @Test
    void skipsBlankLinesOfAnyKind() {
        assertEquals(List.of("2: a", "5: b", "7: c"), records("\na\n\r\n\rb\r\n\nc\n\n"));
    }

    @Test
    void keepsMultiByteCharactersWhole() {
        assertEquals(List.of("1: \u00e9t\u00e9|[\uD83D\uDE00, \u00fc]"), records("\u00e9t\u00e9,\"\uD83D\uDE00, \u00fc\""));
    }

    @Test
    void emptyQuotedFieldAndDoubledQuoteOnly() {
        assertEquals(List.of("1: []|[\"]|[\"\"]"), records("\"\",\"\"\"\",\"\"\"\"\"\""));
    }

    @Test
    void reportsCharactersAfterAClosingQuoteAsWritten() {
        JmixedException e = assertThrows(JmixedException.class, () -> records("a,b\n1,\"x\"\u00e9\n"));
        assertEquals("t.csv line 2: unexpected character '\u00e9' after a closing quote (field 2)", e.getMessage());
        e = assertThrows(JmixedException.class, () -> records("\"a\nb\"c\n"));
        assertEquals("t.csv line 2: unexpected character 'c' after a closing quote (field 1)", e.getMessage());
    }
}
