package org.jmixed.plots;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.model.FitResult;
import org.jmixed.report.SummaryText;

/**
 * One self-contained HTML page for sharing a fit: the summary as {@code jmixed fit} prints it and
 * every picture, embedded as data URIs (SVG, or PNG where the SVG would be large, as for
 * InstEval's 73,421 residuals), with inline CSS only: no scripts, fonts or other requests, so it
 * opens offline and in a mail attachment. Later commands (bootstrap, profile) can add their own
 * sections through {@link #page}.
 */
public final class HtmlReport {
    /** Above this size an SVG is replaced by a PNG in the page. */
    static final int MAX_INLINE_SVG_BYTES = 1_000_000;

    private HtmlReport() {
    }

    /** A titled block of preformatted text: a summary, a table of intervals, a test. */
    public record TextSection(String heading, String text) {
    }

    /** The page of a fit: its summary and {@link FitPlots#figures its pictures}. */
    public static String html(FitResult fit, String dataLabel) {
        return page("jmixed: " + fit.formula(), dataLabel,
                List.of(new TextSection("Summary", SummaryText.format(fit, dataLabel))), FitPlots.figures(fit));
    }

    public static void write(FitResult fit, String dataLabel, Path file) {
        write(html(fit, dataLabel), file);
    }

    public static void write(String html, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new JmixedException("cannot write report '" + file + "': " + e.getMessage());
        }
    }

    /** A page of text sections followed by figures. */
    public static String page(String title, String subtitle, List<TextSection> sections, List<NamedFigure> figures) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        if (subtitle != null && !subtitle.isBlank()) {
            h.append("<p class=\"sub\">").append(escape(subtitle)).append("</p>\n");
        }
        if (!figures.isEmpty()) {
            h.append("<nav><ul>\n");
            for (TextSection s : sections) {
                h.append("<li><a href=\"#").append(anchor(s.heading())).append("\">").append(escape(s.heading()))
                        .append("</a></li>\n");
            }
            for (NamedFigure f : figures) {
                h.append("<li><a href=\"#").append(anchor(f.name())).append("\">").append(escape(f.name()))
                        .append("</a></li>\n");
            }
            h.append("</ul></nav>\n");
        }
        for (TextSection s : sections) {
            h.append("<section id=\"").append(anchor(s.heading())).append("\">\n<h2>").append(escape(s.heading()))
                    .append("</h2>\n<pre>").append(escape(s.text())).append("</pre>\n</section>\n");
        }
        if (!figures.isEmpty()) {
            h.append("<section id=\"s-plots\">\n<h2>Pictures</h2>\n<div class=\"figures\">\n");
        }
        for (NamedFigure f : figures) {
            h.append("<figure id=\"").append(anchor(f.name())).append("\">\n");
            h.append("<img alt=\"").append(escape(f.caption())).append("\" width=\"").append(f.figure().width())
                    .append("\" height=\"").append(f.figure().height()).append("\" src=\"").append(dataUri(f.figure()))
                    .append("\">\n<figcaption>").append(escape(f.caption())).append("</figcaption>\n</figure>\n");
        }
        if (!figures.isEmpty()) {
            h.append("</div>\n</section>\n");
        }
        h.append("<footer>Made by jmixed. Self-contained: images are embedded; the page loads nothing.</footer>\n")
                .append("</body>\n</html>\n");
        return h.toString();
    }

    /** The figure as an SVG data URI, or a PNG one when its SVG is large. */
    static String dataUri(Figure f) {
        byte[] svg = FigureFiles.svgDocument(f).getBytes(StandardCharsets.UTF_8);
        if (svg.length <= MAX_INLINE_SVG_BYTES) {
            return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(FigureFiles.pngBytes(f));
    }

    static String anchor(String s) {
        return "s-" + s.replaceAll("[^A-Za-z0-9_-]+", "-");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = String.join("\n",
            "body { font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif;",
            "       max-width: 1200px; margin: 2em auto; padding: 0 1em; color: #222; }",
            "h1 { font-size: 1.5em; font-family: ui-monospace, Menlo, Consolas, monospace; }",
            "h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }",
            ".sub { color: #555; margin-top: -.6em; }",
            "nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3em 1em; font-size: .9em; }",
            "pre { background: #f7f7f7; border: 1px solid #e3e3e3; padding: .8em; overflow-x: auto; white-space: pre-wrap;",
            "      font-family: ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 13px; }",
            "/* Figures side by side where they fit: two QQ plots per row in a wide window. */",
            ".figures { display: flex; flex-wrap: wrap; gap: 1.5em 2em; align-items: flex-start; }",
            "figure { margin: 0; max-width: 100%; }",
            "figure img { max-width: 100%; height: auto; border: 1px solid #eee; }",
            "figcaption { color: #444; font-size: .9em; margin-top: .3em; max-width: 540px; }",
            "footer { color: #888; font-size: .8em; margin: 3em 0 1em; }",
            "");
}
