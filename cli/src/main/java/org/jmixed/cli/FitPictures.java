package org.jmixed.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.plots.FitPlots;
import org.jmixed.plots.HtmlReport;
import org.jmixed.report.ProgressLine;

/**
 * The picture options of {@code jmixed fit}: {@code --plots DIR} (PNG and SVG files),
 * {@code --report FILE.html} (one self-contained page) and the progress line on standard error
 * ({@code --progress}, or by default on a terminal).
 *
 * @param plots    directory for the pictures, or null
 * @param report   HTML file, or null
 * @param progress show the progress line even when standard error is not a terminal
 */
record FitPictures(Path plots, Path report, boolean progress) {
    static final FitPictures NONE = new FitPictures(null, null, false);

    static final String HELP_LINES = String.join("\n",
            "  --plots DIR            write diagnostic pictures as PNG and SVG into DIR: residuals vs fitted,",
            "                         normal QQ plots, caterpillar plots, per-group panels",
            "  --report FILE.html     write one self-contained HTML page with the summary and the pictures",
            "  --progress             show a progress line on stderr for fits longer than 2 s (default: only",
            "                         when stderr is a terminal)");

    /**
     * A progress line on err when one is wanted (asked for, or err is a terminal), to attach to the
     * fit's options and close after it; null when none is wanted.
     */
    ProgressLine progressLine(PrintStream err) {
        return ProgressLine.wanted(progress) ? new ProgressLine(err, "fit", "evaluations") : null;
    }

    static FitOptions withProgress(FitOptions options, ProgressLine line) {
        return line == null ? options : options.withListener(line);
    }

    /** Writes what was asked for. */
    void write(FitResult fit, String dataLabel) {
        if ((plots != null || report != null) && System.getProperty("java.awt.headless") == null) {
            // Drawing needs no display; without this a set but unreachable DISPLAY would fail.
            System.setProperty("java.awt.headless", "true");
        }
        if (plots != null) {
            FitPlots.write(fit, plots);
        }
        if (report != null) {
            HtmlReport.write(fit, dataLabel, report);
        }
    }
}
