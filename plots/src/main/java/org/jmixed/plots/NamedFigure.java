package org.jmixed.plots;

/**
 * A figure with the file name it is written under and a caption.
 *
 * @param name    file name without extension, e.g. {@code caterpillar-Subject}
 * @param caption one sentence on what the figure shows
 * @param figure  the figure
 */
public record NamedFigure(String name, String caption, Figure figure) {
}
