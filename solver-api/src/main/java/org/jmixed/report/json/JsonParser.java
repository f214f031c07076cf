package org.jmixed.report.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads standard JSON (RFC 8259) into the trees {@link JsonWriter} writes: objects become
 * insertion-ordered {@link LinkedHashMap}s, arrays {@link ArrayList}s, numbers {@link Double}s.
 * Errors name the character offset of the first fault.
 */
public final class JsonParser {
    private JsonParser() {
    }

    /** Thrown for text that is not JSON; the message names the character offset. */
    public static final class ParseException extends RuntimeException {
        private final int offset;

        ParseException(String message, int offset) {
            super(message + " at character " + offset);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    /**
     * Parses JSON text: objects become {@link LinkedHashMap}s, arrays {@link ArrayList}s, numbers
     * {@link Double}s (integers too), and the rest strings, booleans and null.
     */
    public static Object parse(String text) {
        Reader r = new Reader(text);
        r.skipSpace();
        Object v = r.value(0);
        r.skipSpace();
        if (r.pos < text.length()) {
            throw new ParseException("unexpected text after the JSON value", r.pos);
        }
        return v;
    }

    private static final class Reader {
        private static final int MAX_DEPTH = 200;
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new ParseException("nested too deeply", pos);
            }
            if (pos >= s.length()) {
                throw new ParseException("unexpected end of text", pos);
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw new ParseException("unexpected character '" + c + "'", pos);
            }
        }

        private Map<String, Object> object(int depth) {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw new ParseException("expected a member name", pos);
                }
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                m.put(key, value(depth + 1));
                skipSpace();
                char c = next();
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw new ParseException("expected ',' or '}'", pos - 1);
                }
            }
        }

        private List<Object> array(int depth) {
            List<Object> l = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return l;
            }
            while (true) {
                skipSpace();
                l.add(value(depth + 1));
                skipSpace();
                char c = next();
                if (c == ']') {
                    return l;
                }
                if (c != ',') {
                    throw new ParseException("expected ',' or ']'", pos - 1);
                }
            }
        }

        private String string() {
            int start = pos;
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw new ParseException("unterminated string", start);
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw new ParseException("control character in a string", pos - 1);
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw new ParseException("bad \\u escape", pos);
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw new ParseException("bad \\u escape", pos);
                        }
                        pos += 4;
                    }
                    default -> throw new ParseException("bad escape '\\" + e + "'", pos - 1);
                }
            }
        }

        private Double number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String t = s.substring(start, pos);
            if (!t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                throw new ParseException("malformed number '" + t + "'", start);
            }
            return Double.parseDouble(t);
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw new ParseException("unexpected text", pos);
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new ParseException("expected '" + c + "'", pos - 1);
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw new ParseException("unexpected end of text", pos);
            }
            return s.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }
    }
}
