package org.jmixed.spi;

/**
 * The backend a fit will use and, in one line, why it was chosen (named by the user, or picked
 * automatically for the problem's shape).
 */
public record BackendChoice(PlsBackend backend, String reason) {
}
