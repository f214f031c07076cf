package org.jmixed.cli;

/** A mistake in how the command line was used: unknown option, missing value and so on (exit 2). */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
