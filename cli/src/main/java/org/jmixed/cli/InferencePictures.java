package org.jmixed.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.jmixed.plots.NamedFigure;
import org.jmixed.plots.inference.InferenceFigures;

/**
 * {@code --plots DIR} of the inference commands (confint --method profile, bootstrap, gibbs,
 * lmlist): the command's pictures as PNG and SVG files, as {@code fit --plots} writes a fit's.
 */
final class InferencePictures {
    private InferencePictures() {
    }

    /** Draws and writes the figures when a directory was given (null: nothing). */
    static void write(Path dir, Supplier<List<NamedFigure>> figures) {
        if (dir == null) {
            return;
        }
        if (System.getProperty("java.awt.headless") == null) {
            // Drawing needs no display; without this a set but unreachable DISPLAY would fail.
            System.setProperty("java.awt.headless", "true");
        }
        InferenceFigures.write(figures.get(), dir);
    }
}
