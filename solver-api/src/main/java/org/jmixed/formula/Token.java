package org.jmixed.formula;

/**
 * A lexical token of a formula.
 *
 * @param type kind of token
 * @param text the token's text (a name without backquotes, a number as written, an operator)
 * @param pos  0-based offset of the token's first character in the formula
 */
public record Token(Type type, String text, int pos) {
    public enum Type {
        NAME, NUMBER, TILDE, PLUS, MINUS, STAR, SLASH, CARET, COLON, BAR, DOUBLE_BAR, LPAREN, RPAREN, COMMA, EOF
    }

    /** How the token reads in an error message. */
    public String describe() {
        return type == Type.EOF ? "end of formula" : "'" + text + "'";
    }
}
