package org.jmixed;

/**
 * A problem with the user's input (data file, formula, options) or a model that cannot be fitted.
 * The message is a single line that names the file, line, column or formula part at fault; the
 * command line prints it without a stack trace.
 */
public class JmixedException extends RuntimeException {
    public JmixedException(String message) {
        super(message);
    }

    public JmixedException(String message, Throwable cause) {
        super(message, cause);
    }
}
