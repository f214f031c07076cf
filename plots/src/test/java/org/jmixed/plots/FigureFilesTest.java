package org.jmixed.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jmixed.model.FitResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** Every picture of sleepstudy, Penicillin and InstEval is written as a valid PNG and SVG of its stated size. */
class FigureFilesTest {
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {TestFits.SLEEPSTUDY, TestFits.PENICILLIN, TestFits.INSTEVAL})
    void everyFigureIsWrittenAsPngAndSvgOfItsSize(String name) throws Exception {
        FitResult fit = TestFits.fit(name);
        List<NamedFigure> figures = FitPlots.figures(fit);
        List<Path> files = FitPlots.write(figures, dir);
        assertEquals(2 * figures.size(), files.size());
        Set<String> names = new HashSet<>();
        for (NamedFigure f : figures) {
            assertTrue(names.add(f.name()), "file names are unique: " + f.name());
            checkPng(dir.resolve(f.name() + ".png"), f.figure().width(), f.figure().height());
            checkSvg(dir.resolve(f.name() + ".svg"), f.figure().width(), f.figure().height());
        }
        // Residuals, their QQ, one QQ per term, one caterpillar per grouping factor.
        int terms = fit.ranef().stream().mapToInt(r -> r.terms().size()).sum();
        int panels = GroupPanels.of(fit).size();
        assertEquals(2 + terms + fit.ranef().size() + panels, figures.size());
        if (name.equals(TestFits.SLEEPSTUDY)) {
            assertEquals(1, panels, "Days is a numeric covariate in a random slope");
        } else {
            assertEquals(0, panels, "random intercepts only");
        }
    }

    static void checkPng(Path file, int width, int height) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8), file + " starts with PNG's signature");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(img, file + " is readable as an image");
        assertEquals(width, img.getWidth(), file + " width");
        assertEquals(height, img.getHeight(), file + " height");
        // Not blank: a drawn chart has many colours.
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y += 3) {
            for (int x = 0; x < width; x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 10, file + " has " + colours.size() + " colours");
    }

    static void checkSvg(Path file, int width, int height) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element root = f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        assertEquals("svg", root.getLocalName(), file + " root element");
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals(width, Double.parseDouble(root.getAttribute("width")), 1e-9, file + " width");
        assertEquals(height, Double.parseDouble(root.getAttribute("height")), 1e-9, file + " height");
        assertFalse(root.getElementsByTagNameNS("*", "text").getLength() == 0, file + " has text");
    }
}
