package org.jmixed.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a formula into {@link Token}s. Names follow R: letters, digits, {@code .} and {@code _},
 * starting with a letter or a dot not followed by a digit; names with other characters can be
 * written in backquotes ({@code `weight (kg)`}). Numbers are decimal with an optional exponent.
 */
public final class Lexer {
    private final String src;
    private int pos;

    public Lexer(String src) {
        this.src = src;
    }

    public List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            Token t = next();
            out.add(t);
            if (t.type() == Token.Type.EOF) {
                return out;
            }
        }
    }

    private Token next() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
        if (pos >= src.length()) {
            return new Token(Token.Type.EOF, "", eofPos());
        }
        int start = pos;
        char c = src.charAt(pos);
        if (Character.isLetter(c) || (c == '.' && !nextIsDigit()) ) {
            while (pos < src.length() && isNameChar(src.charAt(pos))) {
                pos++;
            }
            return new Token(Token.Type.NAME, src.substring(start, pos), start);
        }
        if (Character.isDigit(c) || c == '.') {
            return number(start);
        }
        if (c == '`') {
            int end = src.indexOf('`', pos + 1);
            if (end < 0) {
                throw new FormulaException(src, start, "unterminated backquoted name");
            }
            if (end == pos + 1) {
                throw new FormulaException(src, start, "empty backquoted name");
            }
            pos = end + 1;
            return new Token(Token.Type.NAME, src.substring(start + 1, end), start);
        }
        pos++;
        switch (c) {
            case '~': return new Token(Token.Type.TILDE, "~", start);
            case '+': return new Token(Token.Type.PLUS, "+", start);
            case '-': return new Token(Token.Type.MINUS, "-", start);
            case '*': return new Token(Token.Type.STAR, "*", start);
            case '/': return new Token(Token.Type.SLASH, "/", start);
            case '^': return new Token(Token.Type.CARET, "^", start);
            case ':': return new Token(Token.Type.COLON, ":", start);
            case '(': return new Token(Token.Type.LPAREN, "(", start);
            case ')': return new Token(Token.Type.RPAREN, ")", start);
            case ',': return new Token(Token.Type.COMMA, ",", start);
            case '|':
                if (pos < src.length() && src.charAt(pos) == '|') {
                    pos++;
                    return new Token(Token.Type.DOUBLE_BAR, "||", start);
                }
                return new Token(Token.Type.BAR, "|", start);
            default:
                throw new FormulaException(src, start, "unexpected character '" + c + "'");
        }
    }

    private Token number(int start) {
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < src.length() && isNameChar(src.charAt(pos))) {
            throw new FormulaException(src, start, "malformed number '" + src.substring(start, pos + 1) + "'");
        }
        return new Token(Token.Type.NUMBER, src.substring(start, pos), start);
    }

    /**
     * End-of-input errors point at the last non-blank character: "expected ')'" after
     * {@code (1 | g} then points at {@code g}, where an editor's cursor would be.
     */
    private int eofPos() {
        int end = src.length();
        while (end > 0 && Character.isWhitespace(src.charAt(end - 1))) {
            end--;
        }
        return Math.max(0, end - 1);
    }

    private boolean nextIsDigit() {
        return pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1));
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_';
    }
}
