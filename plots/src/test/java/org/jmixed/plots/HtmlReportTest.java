package org.jmixed.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jmixed.model.FitResult;
import org.jmixed.report.SummaryText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void selfContainedPageWithTheSummaryAndEveryFigure() throws Exception {
        FitResult fit = TestFits.fit(TestFits.SLEEPSTUDY);
        Path file = dir.resolve("report.html");
        HtmlReport.write(fit, "sleepstudy.csv", file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains(HtmlReport.escape(SummaryText.format(fit, "sleepstudy.csv"))), "the summary, escaped");
        // Nothing is loaded from anywhere: no scripts, links, or URLs other than data URIs.
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("@import"));
        assertFalse(html.contains("url("));
        Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            String uri = src.group(1);
            assertTrue(uri.startsWith("data:image/svg+xml;base64,") || uri.startsWith("data:image/png;base64,"), uri);
            byte[] bytes = Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
            if (uri.startsWith("data:image/svg")) {
                String svg = new String(bytes, StandardCharsets.UTF_8);
                assertTrue(svg.contains("<svg"), "an SVG document");
                assertFalse(svg.contains("http://www.w3.org/Graphics/SVG/1.1/DTD"), "no external DTD");
            }
            images++;
        }
        assertEquals(FitPlots.figures(fit).size(), images);
        assertFalse(Pattern.compile("(href|src)=\"(https?:|//)").matcher(html).find());
    }

    @Test
    void largeSvgsBecomePngs() {
        FitResult fit = TestFits.fit(TestFits.INSTEVAL);
        NamedFigure residuals = FitPlots.figures(fit).get(0);
        assertEquals("residuals-vs-fitted", residuals.name());
        assertTrue(HtmlReport.dataUri(residuals.figure()).startsWith("data:image/png;base64,"),
                "73,421 points: PNG, not a many-megabyte SVG");
    }

    @Test
    void escapesMarkup() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", HtmlReport.escape("a <b> & \"c\" 'd'"));
    }
}
