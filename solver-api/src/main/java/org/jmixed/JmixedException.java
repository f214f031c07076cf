package org.jmixed;

/**
 * A problem with the user's input (data file, formula, options) or a model that cannot be fitted.
 * The message is a single line that names the file, line, column or formula part at fault; the
 * command line prints it without a stack trace. Line breaks that the input itself brings into a
 * message (a formula typed over several lines, a quoted column name holding a newline) are shown
 * as {@code "; "} and other control characters escaped ({@code \u0000}), so the message stays
 * one line.
 */
public class JmixedException extends RuntimeException {
    public JmixedException(String message) {
        super(oneLine(message));
    }

    public JmixedException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * The message with each run of line breaks (and the spaces around it) shown as {@code "; "},
     * as the command line always showed them, and other control characters escaped (tabs kept).
     */
    static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
            boolean control = !lineBreak && ((c < 0x20 && c != '\t') || c == 0x7f);
            if ((lineBreak || control) && sb == null) {
                sb = new StringBuilder(message.length() + 8).append(message, 0, i);
            }
            if (sb == null) {
                continue;
            }
            if (lineBreak) {
                while (sb.length() > 0 && Character.isWhitespace(sb.charAt(sb.length() - 1))) {
                    sb.setLength(sb.length() - 1);
                }
                sb.append("; ");
                while (i + 1 < message.length() && isBreakOrSpace(message.charAt(i + 1))) {
                    i++;
                }
            } else if (control) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb == null ? message : sb.toString();
    }

    private static boolean isBreakOrSpace(char c) {
        return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029 || c == ' ' || c == '\t';
    }
}
