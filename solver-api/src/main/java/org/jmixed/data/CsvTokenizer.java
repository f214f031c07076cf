package org.jmixed.data;

import org.jmixed.JmixedException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records and fields. A small state machine over the characters: quoted
 * fields may span lines, so records and lines are counted separately (a record keeps the line it
 * starts on, which is what a user looks for in an editor).
 */
final class CsvTokenizer {
    private final String text;
    private final String source;
    private int pos;
    private int line = 1;

    CsvTokenizer(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** All records, blank lines skipped. */
    List<CsvRecord> records() {
        List<CsvRecord> out = new ArrayList<>();
        while (pos < text.length()) {
            if (atLineBreak()) { // blank line
                skipLineBreak();
                continue;
            }
            out.add(record());
        }
        return out;
    }

    private CsvRecord record() {
        int startLine = line;
        List<String> fields = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        while (true) {
            if (pos < text.length() && text.charAt(pos) == '"') {
                fields.add(quotedField());
                quoted.add(true);
            } else {
                fields.add(plainField());
                quoted.add(false);
            }
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == ',') {
                pos++;
                continue;
            }
            if (atLineBreak()) {
                skipLineBreak();
                break;
            }
            throw new JmixedException(source + " line " + line + ": unexpected character '" + c
                    + "' after a closing quote (field " + fields.size() + ")");
        }
        return new CsvRecord(startLine, fields, quoted);
    }

    private String plainField() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ',' || c == '\n' || c == '\r') {
                break;
            }
            if (c == '"') {
                throw new JmixedException(source + " line " + line + ": stray double quote inside an unquoted field");
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quotedField() {
        int openLine = line;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new JmixedException(source + " line " + openLine + ": unterminated quoted field (no closing '\"')");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                    sb.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                return sb.toString();
            }
            if (c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                // CRLF inside a quoted field is one line break; keep it as LF like R does
                sb.append('\n');
                pos += 2;
                line++;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            sb.append(c);
            pos++;
        }
    }

    private boolean atLineBreak() {
        char c = text.charAt(pos);
        return c == '\n' || c == '\r';
    }

    private void skipLineBreak() {
        if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            pos += 2;
        } else {
            pos++;
        }
        line++;
    }
}
